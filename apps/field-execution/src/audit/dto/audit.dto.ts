import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AUDITED_KINDS, type AuditedKind, type AuditEntryEntity } from '../audit-entry.entity.js';

export class AuditQuery {
  @ApiProperty({ enum: AUDITED_KINDS }) @IsIn(AUDITED_KINDS) entityKind: AuditedKind;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) entityId: string;
}

export interface AuditEntryView {
  id: string;
  visitId: string | null;
  entityKind: string;
  entityId: string;
  action: string;
  actor: string;
  actorName: string | null;
  at: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}

export function toAuditEntryView(entry: AuditEntryEntity): AuditEntryView {
  return {
    id: entry.id,
    visitId: entry.visitId,
    entityKind: entry.entityKind,
    entityId: entry.entityId,
    action: entry.action,
    actor: entry.actor,
    actorName: entry.actorName,
    at: entry.at.toISOString(),
    before: entry.before,
    after: entry.after,
    reason: entry.reason,
  };
}
