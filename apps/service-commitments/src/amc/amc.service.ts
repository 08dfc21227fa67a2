import { Injectable } from '@nestjs/common';
import { In, IsNull, LessThanOrEqual, type EntityManager } from 'typeorm';
import { Topics } from '#contracts';
import { Outbox, type OutgoingEvent } from '#messaging';
import { insertMany } from '#persistence';
import { Clock } from '#platform';
import { CommitmentEntity } from '../projects/commitment.entity.js';
import { TaskEntity } from '../projects/task.entity.js';
import { InstalledEquipmentEntity } from '../equipment/installed-equipment.entity.js';
import { addDays, dateOf } from '../equipment/domain/calendar-dates.js';
import { TaskLifecycle } from '../tasks/task-lifecycle.js';
import { AmcContractEntity, type AmcStatus } from './amc-contract.entity.js';
import { amcTerm, plannedVisitDates } from './domain/amc-plan.js';

/** Planned preventive visits become ready for scheduling this many days ahead. */
const VISIT_RELEASE_DAYS = 14;

@Injectable()
export class AmcService {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly lifecycle: TaskLifecycle,
  ) {}

  /**
   * An AMC unit now knows its machine: make (or re-plan) its contract and the
   * preventive visits spread over the term. Visits already under way keep their dates.
   * `into`: where the caller gathers its events to write them together; without it the coverage event is written now.
   */
  async establish(
    tx: EntityManager,
    commitment: CommitmentEntity,
    equipment: InstalledEquipmentEntity,
    orderDate: string,
    into?: OutgoingEvent[],
  ): Promise<AmcContractEntity | null> {
    const terms = commitment.templateSnapshot.amc;
    if (!terms || commitment.status === 'cancelled') return null;
    const term = amcTerm(terms, {
      installedOn: equipment.installedOn,
      warrantyEndsOn: equipment.warrantyEndsOn,
      provisionalStartOn: equipment.warrantyStartsOn,
      orderDate,
    });
    let contract = await tx.findOneBy(AmcContractEntity, { commitmentId: commitment.id });
    const today = dateOf(this.clock.now());
    const status: AmcStatus = !term ? 'pending' : term.endsOn < today ? 'expired' : term.startsOn <= today ? 'active' : 'pending';
    if (!contract) {
      contract = tx.create(AmcContractEntity, {
        commitmentId: commitment.id,
        projectId: commitment.projectId,
        customerId: equipment.customerId,
        serialNumber: equipment.serialNumber,
        terms,
        billingSchedule: commitment.templateSnapshot.billing.kind === 'contract_fee' ? commitment.templateSnapshot.billing.schedule : 'advance',
        visitsUsed: 0,
      });
    } else if (contract.startsOn === term?.startsOn && contract.endsOn === term?.endsOn) {
      return contract;
    }
    const changes = { status, startsOn: term?.startsOn ?? null, endsOn: term?.endsOn ?? null, serialNumber: equipment.serialNumber };
    Object.assign(contract, changes);
    // A re-plan writes what changed in one statement (save would read the row back first).
    if (contract.id) await tx.update(AmcContractEntity, { id: contract.id }, changes);
    else contract = await tx.save(contract);
    if (term) await this.planVisits(tx, commitment, plannedVisitDates(term, terms.visitsPerTerm));
    await this.announce(
      tx,
      contract,
      term
        ? `AMC ${commitment.sku} on ${equipment.serialNumber}: ${term.startsOn} to ${term.endsOn}, ${terms.visitsPerTerm} preventive visits`
        : `AMC ${commitment.sku} on ${equipment.serialNumber} waits for its start (${terms.startRule.replace('_', ' ')})`,
      into,
    );
    return contract;
  }

  /**
   * Spreads the contract's preventive visits over its term: visits not released
   * yet take their new dates, missing ones are added. Visits already released or
   * done keep theirs. A few statements, whatever the number of visits.
   */
  private async planVisits(tx: EntityManager, commitment: CommitmentEntity, dates: string[]): Promise<void> {
    const tasks = await tx.find(TaskEntity, { where: { commitmentId: commitment.id }, order: { sequence: 'ASC' } });
    const first = tasks[0];
    if (!first) return;
    const baseName = commitment.templateSnapshot.tasks.find((t) => t.key === first.templateTaskKey)?.name ?? first.name;
    const replanned: TaskEntity[] = [];
    const added: Partial<TaskEntity>[] = [];
    for (let k = 0; k < dates.length; k++) {
      const name = `${baseName}, visit ${k + 1} of ${dates.length}`;
      const existing = tasks.find((t) => t.sequence === k + 1);
      if (!existing) {
        const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = first;
        added.push({ ...copy, sequence: k + 1, name, plannedDate: dates[k], status: 'promised', earliestStart: null, dueDate: null });
      } else if (existing.status === 'promised' && (existing.name !== name || existing.plannedDate !== dates[k])) {
        Object.assign(existing, { name, plannedDate: dates[k] });
        replanned.push(existing);
      }
    }
    // No event, as ever: nothing schedules a promised visit, and its release carries its dates.
    if (replanned.length > 0) {
      await tx.query(
        `UPDATE task SET name = v.name, planned_date = v.planned_date, updated_at = CURRENT_TIMESTAMP
           FROM unnest($1::uuid[], $2::text[], $3::date[]) AS v(id, name, planned_date) WHERE task.id = v.id`,
        [replanned.map((t) => t.id), replanned.map((t) => t.name), replanned.map((t) => t.plannedDate)],
      );
    }
    await insertMany(tx, TaskEntity, added);
  }

  /**
   * Preventive visits whose planned date is near (VISIT_RELEASE_DAYS ahead) become
   * ready for scheduling, at most `limit` of them, earliest planned first; and
   * contracts whose term began or ended today change status. Returns the visits made ready.
   */
  async releaseDueVisits(tx: EntityManager, limit: number): Promise<number> {
    const today = dateOf(this.clock.now());
    const due = await tx.find(TaskEntity, {
      where: { kind: 'amc', status: 'promised', plannedDate: LessThanOrEqual(addDays(today, VISIT_RELEASE_DAYS)), serviceRequestId: IsNull() },
      order: { plannedDate: 'ASC', id: 'ASC' },
      take: limit,
    });
    for (const task of due) {
      await this.lifecycle.makeReady(tx, task, { earliestStart: addDays(task.plannedDate!, -VISIT_RELEASE_DAYS), dueDate: addDays(task.plannedDate!, VISIT_RELEASE_DAYS) });
    }
    const started = await this.setStatus(tx, 'active', `status = 'pending' AND starts_on <= $1 AND ends_on >= $1`, [today]);
    const ended = await this.setStatus(tx, 'expired', `status IN ('pending', 'active') AND ends_on < $1`, [today]);
    for (const contract of started) await this.announce(tx, contract, `AMC on ${contract.serialNumber}: its term began on ${contract.startsOn}`);
    for (const contract of ended) await this.announce(tx, contract, `AMC on ${contract.serialNumber}: its term ended on ${contract.endsOn}`);
    return due.length;
  }

  /** A cancelled AMC unit's contract stops covering its machine, and says so. */
  async cancel(tx: EntityManager, commitmentId: string, reason: string): Promise<void> {
    for (const contract of await this.setStatus(tx, 'cancelled', `commitment_id = $1 AND status <> 'cancelled'`, [commitmentId])) {
      await this.announce(tx, contract, `AMC on ${contract.serialNumber ?? 'no machine yet'} cancelled: ${reason}`);
    }
  }

  /** Contracts matching `where` (SQL on amc_contract) take `status`; the ones changed, as they are now. */
  private async setStatus(tx: EntityManager, status: AmcStatus, where: string, params: unknown[]): Promise<AmcContractEntity[]> {
    // TypeORM answers an UPDATE with [rows, count].
    const [changed]: [{ id: string }[], number] = await tx.query(
      `UPDATE amc_contract SET status = '${status}', updated_at = CURRENT_TIMESTAMP WHERE ${where} RETURNING id`,
      params,
    );
    return changed.length === 0 ? [] : tx.find(AmcContractEntity, { where: { id: In(changed.map((c) => c.id)) }, order: { id: 'ASC' } });
  }

  /**
   * The contract's coverage of its machine, as billing (what is billable),
   * field-execution (the visit's coverage) and analytics (renewals) keep it.
   * Nothing to say while no machine is bound.
   */
  private async announce(tx: EntityManager, contract: AmcContractEntity, reason: string, into?: OutgoingEvent[]): Promise<void> {
    if (!contract.serialNumber) return;
    const event: OutgoingEvent = {
      topic: Topics.serviceProjects,
      key: contract.projectId,
      type: 'psa.coverage.changed.v1',
      data: {
        serialNumber: contract.serialNumber,
        customerId: contract.customerId,
        projectId: contract.projectId,
        coverage: {
          kind: 'amc',
          contractId: contract.id,
          commitmentId: contract.commitmentId,
          startsOn: contract.startsOn,
          endsOn: contract.endsOn,
          scope: contract.terms.scope,
          visitQuota: contract.terms.visitsPerTerm,
          status: contract.status,
        },
        reason,
        changedAt: this.clock.now().toISOString(),
      },
    };
    if (into) into.push(event);
    else await this.outbox.add(tx, event);
  }
}
