import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { NotificationStatus } from './domain/escalation-routing.js';
import { toEscalationView, toNotificationView, type EscalationView, type NotificationView } from './dto/escalation.view.js';
import { EscalationEntity } from './escalation.entity.js';
import { NotificationEntity } from './notification.entity.js';

const LIST_LIMIT = 500;

/** Steps raised at one instant read in the order they were raised: response before resolution, up the chain. */
const TARGET_ORDER = `CASE e.target WHEN 'response' THEN 1 WHEN 'resolution' THEN 2 ELSE 3 END`;
const LEVEL_ORDER = `CASE e.level WHEN 'owner' THEN 1 WHEN 'service_manager' THEN 2 ELSE 3 END`;

/** Reads the escalation history and the notifications sent for it. */
@Injectable()
export class EscalationsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: { subjectId?: string; customerId?: string }): Promise<EscalationView[]> {
    const qb = this.inOrder(this.dataSource.manager).limit(LIST_LIMIT);
    if (filter.subjectId) qb.andWhere('e.subjectId = :subjectId', { subjectId: filter.subjectId });
    if (filter.customerId) qb.andWhere('e.customerId = :customerId', { customerId: filter.customerId });
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

  private inOrder(manager: EntityManager) {
    return manager
      .createQueryBuilder(EscalationEntity, 'e')
      .orderBy('e.raisedAt', 'ASC')
      .addOrderBy(TARGET_ORDER, 'ASC')
      .addOrderBy(LEVEL_ORDER, 'ASC')
      .addOrderBy('e.id', 'ASC');
  }

  async notifications(filter: { escalationId?: string; subjectId?: string; status?: NotificationStatus }): Promise<NotificationView[]> {
    // In the order of their escalations: several are raised in one transaction, at one instant.
    const qb = this.dataSource.manager
      .createQueryBuilder(NotificationEntity, 'n')
      .innerJoin('n.escalation', 'e')
      .orderBy('e.raisedAt', 'ASC')
      .addOrderBy(TARGET_ORDER, 'ASC')
      .addOrderBy(LEVEL_ORDER, 'ASC')
      .addOrderBy('n.createdAt', 'ASC')
      .addOrderBy('n.id', 'ASC')
      // One escalation per notification: the join adds no rows, so a plain LIMIT pages correctly.
      .limit(LIST_LIMIT);
    if (filter.escalationId) qb.andWhere('n.escalationId = :escalationId', { escalationId: filter.escalationId });
    if (filter.status) qb.andWhere('n.status = :status', { status: filter.status });
    if (filter.subjectId) qb.andWhere('e.subjectId = :subjectId', { subjectId: filter.subjectId });
    return (await qb.getMany()).map(toNotificationView);
  }
}
