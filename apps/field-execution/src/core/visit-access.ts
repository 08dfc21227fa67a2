import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertCanActAsEngineer, hasRole, type Principal } from '#auth';
import { FieldWorkError, FieldWorkErrorCode } from '../errors/field-work.error.js';
import { FIELD_STAFF } from '../staff-roles.js';
import { isUuid } from '../visits/domain/visit-identity.js';
import { VisitEntity } from '../visits/visit.entity.js';
import type { Actor } from '../audit/audit-trail.js';

/** An engineer sees only their own visits; staff see all; a customer sees its own customer's. */
export function canSeeVisit(principal: Principal, visit: { engineerId: string; customerId: string }): boolean {
  if (hasRole(principal, ...FIELD_STAFF)) return true;
  if (principal.roles.includes('engineer') && principal.engineerId === visit.engineerId) return true;
  return principal.roles.includes('customer') && principal.customerId === visit.customerId;
}

export function actorOf(principal: Principal): Actor {
  return { id: principal.subject, name: principal.name ?? null };
}

/**
 * Loads visits on behalf of a caller. A visit the caller may not see does not
 * exist for them (404, never a hint that it exists); recording needs the right
 * to act as the visit's engineer (403 for staff who only read).
 */
@Injectable()
export class VisitAccess {
  async visible(tx: EntityManager, id: string, principal: Principal, options: { lock?: boolean } = {}): Promise<VisitEntity> {
    const visit = isUuid(id)
      ? await tx.findOne(VisitEntity, { where: { id }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
      : null;
    if (!visit || !canSeeVisit(principal, visit)) throw new FieldWorkError(FieldWorkErrorCode.VISIT_NOT_FOUND, `No visit ${id}`);
    return visit;
  }

  /** The visit, locked for a change recorded by the caller as its engineer. */
  async forRecording(tx: EntityManager, id: string, principal: Principal): Promise<VisitEntity> {
    const visit = await this.visible(tx, id, principal, { lock: true });
    assertCanActAsEngineer(principal, visit.engineerId);
    return visit;
  }
}
