import { IsOptional } from 'class-validator';
import { IsInstant, IsUuid, NestedObject } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { FieldWorkVisitReference, GeoLocation } from './field-work.js';

/** Internal: an engineer checked in on site for the first time on a visit; its task is in progress. */
export class VisitStartedV1 extends FieldWorkVisitReference {
  static readonly type = 'psa.visit.started.v1';
  static readonly topic = Topics.fieldWork;

  /** scheduling's booking the visit came from (a crew has one visit per engineer under one booking). */
  @IsUuid()
  bookingId: string;

  @IsOptional()
  @IsUuid()
  serviceRequestId?: string | null;

  @IsInstant()
  startedAt: string;

  /** Where the engineer checked in, when the device shared it. */
  @IsOptional()
  @NestedObject(() => GeoLocation)
  location?: GeoLocation | null;
}
