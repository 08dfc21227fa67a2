import { IsOptional } from 'class-validator';
import { IsInstant, IsNonEmptyString, IsUuid } from '../contract-validators.js';
import { Topics } from '../topics.js';

/**
 * Internal: one commitment will not be delivered (line cancelled, quantity
 * reduced). Scheduling frees its bookings; billing stops accruing it.
 */
export class CommitmentCancelledV1 {
  static readonly type = 'psa.commitment.cancelled.v1';
  static readonly topic = Topics.serviceProjects;

  @IsUuid()
  commitmentId: string;

  @IsUuid()
  projectId: string;

  @IsNonEmptyString()
  orderId: string;

  @IsNonEmptyString()
  orderLineId: string;

  @IsOptional()
  @IsNonEmptyString()
  reason?: string | null;

  @IsInstant()
  cancelledAt: string;
}
