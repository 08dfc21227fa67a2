import { IsOptional } from 'class-validator';
import { IsBooleanValue, IsInstant, IsNonEmptyString, IsUuid } from '../contract-validators.js';
import { Topics } from '../topics.js';

/**
 * Internal: a service request was resolved (the machine runs again), with
 * whether its SLA targets were met. Keyed like the raised request: projectId,
 * or serialNumber for a machine without a project.
 */
export class ServiceRequestResolvedV1 {
  static readonly type = 'psa.service-request.resolved.v1';
  static readonly topic = Topics.serviceProjects;

  @IsUuid()
  requestId: string;

  /** As on the raised request; it keeps the request's events on one partition. */
  @IsOptional()
  @IsUuid()
  projectId?: string | null;

  @IsNonEmptyString()
  customerId: string;

  @IsNonEmptyString()
  serialNumber: string;

  @IsInstant()
  resolvedAt: string;

  @IsBooleanValue()
  responseMet: boolean;

  @IsBooleanValue()
  resolutionMet: boolean;
}
