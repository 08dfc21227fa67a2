import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type EntityTarget, type FindOptionsWhere } from 'typeorm';
import type { Principal } from '#auth';
import { Clock } from '#platform';
import { AuditTrail } from '../audit/audit-trail.js';
import { actorOf, VisitAccess } from '../core/visit-access.js';
import { FieldWorkError, type FieldWorkErrorCode } from '../errors/field-work.error.js';
import type { VisitEntity } from '../visits/visit.entity.js';
import type { ApprovableEntry } from './approvable-entry.js';
import { assertCorrectable, decide, type EntryKind as DomainEntryKind } from './domain/approval.js';
import { pageOf } from '#platform';
import type { ApprovalQueueQuery } from './dto/approval.dto.js';

/** An entry kind that waits for a service manager's decision: time entries and expenses. */
export type DecidedEntry = ApprovableEntry & { id: string; visitId: string; engineerId: string; corrects: string | null };

export interface ApprovableKind<E extends DecidedEntry, V> {
  /** In messages: "time entry", "expense". */
  label: DomainEntryKind;
  /** The audit trail's kind, and the prefix of its actions. */
  auditKind: 'time_entry' | 'expense';
  entity: EntityTarget<E>;
  notFound: FieldWorkErrorCode;
  /** The fields as the audit trail shows them. */
  audited(entry: E): Record<string, unknown>;
  view(entry: E): V;
  /** Emits the approval (in the decision's transaction). */
  approved(tx: EntityManager, entry: E): Promise<void>;
}

/**
 * What time entries and expenses share: finding one for a caller, the approval
 * decision with its audit record and event, and the approval queue.
 */
@Injectable()
export class EntryApprovals {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: VisitAccess,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** The entry, locked, if the caller may see its visit (and, to record, act as its engineer). */
  async find<E extends DecidedEntry>(tx: EntityManager, kind: ApprovableKind<E, unknown>, id: string, principal: Principal, purpose: 'read' | 'record'): Promise<{ entry: E; visit: VisitEntity }> {
    const entry = await tx.findOne(kind.entity, { where: { id } as FindOptionsWhere<E>, lock: { mode: 'pessimistic_write' } });
    if (!entry) throw new FieldWorkError(kind.notFound, `No ${kind.label} ${id}`);
    try {
      const visit = purpose === 'record' ? await this.access.forRecording(tx, entry.visitId, principal) : await this.access.visible(tx, entry.visitId, principal);
      return { entry, visit };
    } catch (error) {
      // Another engineer's entry is as unknown as a missing one.
      if (error instanceof FieldWorkError && error.code === 'VISIT_NOT_FOUND') throw new FieldWorkError(kind.notFound, `No ${kind.label} ${id}`);
      throw error;
    }
  }

  /** Approves or rejects a submitted entry: locked, audited, and (approved) emitted. */
  decideOn<E extends DecidedEntry, V>(kind: ApprovableKind<E, V>, id: string, principal: Principal, verdict: 'approve' | 'reject', reason: string | null): Promise<V> {
    return this.dataSource.transaction(async (tx) => {
      const { entry, visit } = await this.find(tx, kind, id, principal, 'read');
      const decision = decide(kind.label, entry, verdict, reason);
      const before = kind.audited(entry);
      Object.assign(entry, { status: decision.status, rejectionReason: decision.reason, decidedBy: principal.subject, decidedAt: this.clock.now() });
      await tx.save(entry);
      if (decision.status === 'approved') await kind.approved(tx, entry);
      await this.audit.record(tx, actorOf(principal), {
        visitId: visit.id,
        kind: kind.auditKind,
        id: entry.id,
        action: `${kind.auditKind}.${decision.status}`,
        before,
        after: kind.audited(entry),
        reason: decision.reason,
      });
      return kind.view(entry);
    });
  }

  /** Refuses to correct an entry still undecided, or one a live correction already replaces. */
  async assertCorrectable<E extends DecidedEntry>(tx: EntityManager, kind: ApprovableKind<E, unknown>, original: E): Promise<void> {
    const live = await tx
      .getRepository(kind.entity)
      .createQueryBuilder('entry')
      .where('entry.corrects = :id AND entry.status <> :rejected', { id: original.id, rejected: 'rejected' })
      .getOne();
    assertCorrectable(kind.label, original, live);
  }

  /** The audit records of a correction: the new entry recorded, the original marked corrected. */
  async auditCorrection<E extends DecidedEntry>(tx: EntityManager, kind: ApprovableKind<E, unknown>, principal: Principal, visit: VisitEntity, original: E, correction: E): Promise<void> {
    const actor = actorOf(principal);
    await this.audit.record(tx, actor, {
      visitId: visit.id,
      kind: kind.auditKind,
      id: correction.id,
      action: `${kind.auditKind}.correction_recorded`,
      before: { corrects: original.id, ...kind.audited(original) },
      after: kind.audited(correction),
      reason: correction.correctionReason,
    });
    await this.audit.record(tx, actor, {
      visitId: visit.id,
      kind: kind.auditKind,
      id: original.id,
      action: `${kind.auditKind}.corrected`,
      after: { correctedBy: correction.id },
      reason: correction.correctionReason,
    });
  }

  /**
   * What waits for a decision (or was decided), oldest first, then by id (a total
   * order, so pages neither repeat nor skip an entry); a page at a time, so the
   * newest decided can be reached however many there are.
   */
  async queue<E extends DecidedEntry, V>(kind: ApprovableKind<E, V>, query: ApprovalQueueQuery): Promise<V[]> {
    const entries = await this.dataSource.getRepository(kind.entity).find({
      where: { status: query.status ?? 'submitted', ...(query.engineerId ? { engineerId: query.engineerId } : {}), ...(query.visitId ? { visitId: query.visitId } : {}) } as FindOptionsWhere<E>,
      order: { createdAt: 'ASC', id: 'ASC' } as never,
      ...pageOf(query),
    });
    return entries.map((e) => kind.view(e));
  }
}
