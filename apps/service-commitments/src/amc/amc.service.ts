import { Injectable } from '@nestjs/common';
import { IsNull, LessThanOrEqual, type EntityManager } from 'typeorm';
import { Topics } from '#contracts';
import { Outbox } from '#messaging';
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
   */
  async establish(tx: EntityManager, commitment: CommitmentEntity, equipment: InstalledEquipmentEntity, orderDate: string): Promise<AmcContractEntity | null> {
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
    Object.assign(contract, { status, startsOn: term?.startsOn ?? null, endsOn: term?.endsOn ?? null, serialNumber: equipment.serialNumber });
    contract = await tx.save(contract);
    if (term) await this.planVisits(tx, commitment, plannedVisitDates(term, terms.visitsPerTerm));
    await this.outbox.add(tx, {
      topic: Topics.serviceProjects,
      key: commitment.projectId,
      type: 'psa.coverage.changed.v1',
      data: {
        serialNumber: equipment.serialNumber,
        customerId: equipment.customerId,
        projectId: commitment.projectId,
        coverage: {
          kind: 'amc',
          contractId: contract.id,
          commitmentId: commitment.id,
          startsOn: contract.startsOn,
          endsOn: contract.endsOn,
          scope: terms.scope,
          visitQuota: terms.visitsPerTerm,
          status: contract.status,
        },
        reason: term
          ? `AMC ${commitment.sku} on ${equipment.serialNumber}: ${term.startsOn} to ${term.endsOn}, ${terms.visitsPerTerm} preventive visits`
          : `AMC ${commitment.sku} on ${equipment.serialNumber} waits for its start (${terms.startRule.replace('_', ' ')})`,
        changedAt: this.clock.now().toISOString(),
      },
    });
    return contract;
  }

  private async planVisits(tx: EntityManager, commitment: CommitmentEntity, dates: string[]): Promise<void> {
    const tasks = await tx.find(TaskEntity, { where: { commitmentId: commitment.id }, order: { sequence: 'ASC' } });
    const first = tasks[0];
    if (!first) return;
    const baseName = commitment.templateSnapshot.tasks.find((t) => t.key === first.templateTaskKey)?.name ?? first.name;
    for (let k = 0; k < dates.length; k++) {
      const name = `${baseName}, visit ${k + 1} of ${dates.length}`;
      const existing = tasks.find((t) => t.sequence === k + 1);
      if (existing) {
        // Visits already released or done keep their dates.
        if (existing.status === 'promised') {
          existing.name = name;
          await this.lifecycle.changeWindow(tx, existing, { plannedDate: dates[k] });
          await tx.save(existing);
        }
        continue;
      }
      const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = first;
      await tx.save(tx.create(TaskEntity, { ...copy, sequence: k + 1, name, plannedDate: dates[k], status: 'promised', earliestStart: null, dueDate: null }));
    }
  }

  /** Preventive visits whose planned date is near become ready for scheduling. */
  async releaseDueVisits(tx: EntityManager): Promise<number> {
    const today = dateOf(this.clock.now());
    const due = await tx.find(TaskEntity, {
      where: { kind: 'amc', status: 'promised', plannedDate: LessThanOrEqual(addDays(today, VISIT_RELEASE_DAYS)), serviceRequestId: IsNull() },
    });
    for (const task of due) {
      await this.lifecycle.makeReady(tx, task, { earliestStart: addDays(task.plannedDate!, -VISIT_RELEASE_DAYS), dueDate: addDays(task.plannedDate!, VISIT_RELEASE_DAYS) });
    }
    await tx.query(`UPDATE amc_contract SET status = 'active' WHERE status = 'pending' AND starts_on <= $1 AND ends_on >= $1`, [today]);
    await tx.query(`UPDATE amc_contract SET status = 'expired' WHERE status IN ('pending', 'active') AND ends_on < $1`, [today]);
    return due.length;
  }
}
