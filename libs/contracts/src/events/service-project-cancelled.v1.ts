import { IsOptional } from 'class-validator';
import { IsInstant, IsNonEmptyString, IsUuid } from '../contract-validators.js';
import { Topics } from '../topics.js';

/** Internal: the whole order was cancelled, so its project and unstarted commitments are. */
export class ServiceProjectCancelledV1 {
  static readonly type = 'psa.service-project.cancelled.v1';
  static readonly topic = Topics.serviceProjects;

  @IsUuid()
  projectId: string;

  @IsNonEmptyString()
  orderId: string;

  @IsOptional()
  @IsNonEmptyString()
  reason?: string | null;

  @IsInstant()
  cancelledAt: string;
}
