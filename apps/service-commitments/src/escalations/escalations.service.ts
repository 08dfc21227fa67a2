import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { NotificationStatus } from './domain/escalation-routing.js';
import { toEscalationView, toNotificationView, type EscalationView, type NotificationView } from './dto/escalation.view.js';
import { EscalationEntity } from './escalation.entity.js';
import { NotificationEntity } from './notification.entity.js';

const LIST_LIMIT = 500;

/** Reads the escalation history and the notifications sent for it. */
@Injectable()
export class EscalationsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: { subjectId?: string; customerId?: string }): Promise<EscalationView[]> {
    const where: FindOptionsWhere<EscalationEntity> = {};
    if (filter.subjectId) where.subjectId = filter.subjectId;
    if (filter.customerId) where.customerId = filter.customerId;
    const rows = await this.dataSource.manager.find(EscalationEntity, { where, order: { raisedAt: 'ASC', id: 'ASC' }, take: LIST_LIMIT });
    return rows.map((e) => toEscalationView(e));
  }

  /** Escalations of several subjects at once, oldest first per subject. */
  async ofSubjects(manager: EntityManager, subjectIds: string[], options: { withRecipient: boolean }): Promise<Map<string, EscalationView[]>> {
    const bySubject = new Map<string, EscalationView[]>();
    if (subjectIds.length === 0) return bySubject;
    const rows = await manager.find(EscalationEntity, { where: { subjectId: In(subjectIds) }, order: { raisedAt: 'ASC', id: 'ASC' } });
    for (const row of rows) bySubject.set(row.subjectId, [...(bySubject.get(row.subjectId) ?? []), toEscalationView(row, options)]);
    return bySubject;
  }

  async notifications(filter: { escalationId?: string; subjectId?: string; status?: NotificationStatus }): Promise<NotificationView[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(NotificationEntity, 'n')
      .orderBy('n.createdAt', 'ASC')
      .addOrderBy('n.id', 'ASC')
      .take(LIST_LIMIT);
    if (filter.escalationId) qb.andWhere('n.escalationId = :escalationId', { escalationId: filter.escalationId });
    if (filter.status) qb.andWhere('n.status = :status', { status: filter.status });
    if (filter.subjectId) {
      qb.innerJoin(EscalationEntity, 'e', 'e.id = n.escalationId').andWhere('e.subjectId = :subjectId', { subjectId: filter.subjectId });
    }
    return (await qb.getMany()).map(toNotificationView);
  }
}
