import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#auth';
import { VisitAccess } from '../core/visit-access.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { toAuditEntryView, type AuditEntryView, type AuditQuery } from './dto/audit.dto.js';

/** Reads the audit trail: a visit's whole story, or one record's. */
@Injectable()
export class AuditQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: VisitAccess,
  ) {}

  async ofVisit(visitId: string, principal: Principal): Promise<AuditEntryView[]> {
    return this.dataSource.transaction(async (tx) => {
      const visit = await this.access.visible(tx, visitId, principal);
      const entries = await tx.find(AuditEntryEntity, { where: { visitId: visit.id }, order: { id: 'ASC' } });
      return entries.map(toAuditEntryView);
    });
  }

  async ofRecord(query: AuditQuery): Promise<AuditEntryView[]> {
    const entries = await this.dataSource.getRepository(AuditEntryEntity).find({ where: { entityKind: query.entityKind, entityId: query.entityId }, order: { id: 'ASC' } });
    return entries.map(toAuditEntryView);
  }
}
