import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '#platform';
import { AuditEntryEntity, type AuditedKind } from './audit-entry.entity.js';

/** Who made a change: a signed-in user, or the service whose event caused it. */
export interface Actor {
  id: string;
  name: string | null;
}

export interface AuditedChange {
  visitId: string | null;
  kind: AuditedKind;
  id: string;
  action: string;
  before?: object | null;
  after?: object | null;
  reason?: string | null;
}

/** JSON as jsonb stores it (dates as ISO strings), so before and after compare as written. */
function snapshot(value: object | null | undefined): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

export function eventActor(source: string): Actor {
  return { id: `event:${source}`, name: null };
}

@Injectable()
export class AuditTrail {
  constructor(private readonly clock: Clock) {}

  async record(tx: EntityManager, actor: Actor, change: AuditedChange): Promise<void> {
    await tx.save(AuditEntryEntity, {
      visitId: change.visitId,
      entityKind: change.kind,
      entityId: change.id,
      action: change.action,
      actor: actor.id,
      actorName: actor.name,
      at: this.clock.now(),
      before: snapshot(change.before),
      after: snapshot(change.after),
      reason: change.reason ?? null,
    } as AuditEntryEntity);
  }
}
