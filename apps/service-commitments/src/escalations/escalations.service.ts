import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { EscalationKey } from '../sla/domain/escalation.js';
import type { NotificationStatus } from './domain/escalation-routing.js';
import { pageOf, type ListPage } from '#platform';
import { toEscalationView, toNotificationView, type EscalationView, type NotificationView } from './dto/escalation.view.js';
import { EscalationEntity } from './escalation.entity.js';
import { NotificationEntity } from './notification.entity.js';

/** Raised at or after `raisedFrom`, before `raisedBefore`; a page of them. */
export interface RaisedPeriodFilter extends ListPage {
  raisedFrom?: string;
  raisedBefore?: string;
}

/** The period on the escalation's `raised_at` (its index serves it) and the page, on a query over escalations `e`. */
function raisedIn<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, filter: RaisedPeriodFilter): SelectQueryBuilder<T> {
  if (filter.raisedFrom) qb.andWhere('e.raisedAt >= :raisedFrom', { raisedFrom: new Date(filter.raisedFrom) });
  if (filter.raisedBefore) qb.andWhere('e.raisedAt < :raisedBefore', { raisedBefore: new Date(filter.raisedBefore) });
  const { skip, take } = pageOf(filter);
  return qb.offset(skip).limit(take);
}

/** Steps raised at one instant read in the order they were raised: response before resolution, up the chain. */
const TARGET_ORDER = `CASE e.target WHEN 'response' THEN 1 WHEN 'resolution' THEN 2 ELSE 3 END`;
const LEVEL_ORDER = `CASE e.level WHEN 'owner' THEN 1 WHEN 'service_manager' THEN 2 ELSE 3 END`;

/** Reads the escalation history and the notifications sent for it. */
@Injectable()
export class EscalationsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Oldest first; a period of raising and a page of it, so the newest can be reached however many there are. */
  async list(filter: { subjectId?: string; customerId?: string } & RaisedPeriodFilter): Promise<EscalationView[]> {
    const qb = this.inOrder(this.dataSource.manager);
    if (filter.subjectId) qb.andWhere('e.subjectId = :subjectId', { subjectId: filter.subjectId });
    if (filter.customerId) qb.andWhere('e.customerId = :customerId', { customerId: filter.customerId });
    raisedIn(qb, filter);
    return (await qb.getMany()).map((e) => toEscalationView(e));
  }

  /** Escalations of several subjects at once, oldest first per subject. */
  async ofSubjects(manager: EntityManager, subjectIds: string[], options: { withRecipient: boolean }): Promise<Map<string, EscalationView[]>> {
    const bySubject = new Map<string, EscalationView[]>();
    if (subjectIds.length === 0) return bySubject;
    const rows = await this.inOrder(manager).where('e.subjectId IN (:...subjectIds)', { subjectIds }).getMany();
    for (const row of rows) bySubject.set(row.subjectId, [...(bySubject.get(row.subjectId) ?? []), toEscalationView(row, options)]);
    return bySubject;
  }

  /** The SLA steps already raised for a service request: what `escalationsDue` and `nextEscalationAt` are given. */
  async slaStepsRaised(manager: EntityManager, requestId: string): Promise<EscalationKey[]> {
    const raised = await manager.find(EscalationEntity, { where: { subjectId: requestId }, select: { level: true, target: true, trigger: true } });
    return raised.filter((e) => e.target !== 'due_date').map((e) => ({ level: e.level, target: e.target, trigger: e.trigger }) as EscalationKey);
  }

  private inOrder(manager: EntityManager) {
    return manager
      .createQueryBuilder(EscalationEntity, 'e')
      .orderBy('e.raisedAt', 'ASC')
      .addOrderBy(TARGET_ORDER, 'ASC')
      .addOrderBy(LEVEL_ORDER, 'ASC')
      .addOrderBy('e.id', 'ASC');
  }

  async notifications(filter: { escalationId?: string; subjectId?: string; status?: NotificationStatus } & RaisedPeriodFilter): Promise<NotificationView[]> {
    // In the order of their escalations: several are raised in one transaction, at one instant.
    const qb = this.dataSource.manager
      .createQueryBuilder(NotificationEntity, 'n')
      .innerJoin('n.escalation', 'e')
      .orderBy('e.raisedAt', 'ASC')
      .addOrderBy(TARGET_ORDER, 'ASC')
      .addOrderBy(LEVEL_ORDER, 'ASC')
      .addOrderBy('n.createdAt', 'ASC')
      .addOrderBy('n.id', 'ASC');
    if (filter.escalationId) qb.andWhere('n.escalationId = :escalationId', { escalationId: filter.escalationId });
    if (filter.status) qb.andWhere('n.status = :status', { status: filter.status });
    if (filter.subjectId) qb.andWhere('e.subjectId = :subjectId', { subjectId: filter.subjectId });
    // One escalation per notification: the join adds no rows, so a plain LIMIT pages correctly.
    raisedIn(qb, filter);
    return (await qb.getMany()).map(toNotificationView);
  }
}
