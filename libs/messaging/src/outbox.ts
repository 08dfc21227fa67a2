import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { checkEventData, type CloudEvent } from '#contracts';
import { Clock, CORRELATION_KAFKA_HEADER, currentCorrelationId, outgoingTraceHeaders, SERVICE_CONFIG, type ServiceConfig } from '#platform';
import { insertMany } from '#persistence';
import { OutboxEventEntity } from './messaging.entities.js';

export interface OutgoingEvent<T extends object = object> {
  topic: string;
  /** Record key: the aggregate (order, project, engineer) whose events must stay in order. */
  key: string | null;
  type: string;
  subject?: string;
  data: T;
  /** A stable id, when a re-emission must carry the same one (invoice requests). */
  id?: string;
  correlationId?: string;
}

export const OUTBOX_CHANNEL = 'serviceloop_outbox';

type OutboxRow = Pick<OutboxEventEntity, 'eventId' | 'topic' | 'messageKey' | 'event' | 'headers'>;

/**
 * Events a transaction wrote while `Outbox.withhold` ran, kept out of the outbox
 * until `Outbox.writeWithheld`: so what announces an aggregate can be written ahead of
 * what happened to its parts in the same transaction, though it is known only after.
 */
export class WithheldEvents {
  readonly rows: OutboxRow[] = [];
}

/** The `withhold`s open on each transaction (of any Outbox instance), innermost last: a write goes to the innermost. */
const holds = new WeakMap<EntityManager, WithheldEvents[]>();

/**
 * Writes events in the caller's transaction. Nothing is sent here: the relay
 * publishes after commit, so an event exists if and only if its change does.
 */
@Injectable()
export class Outbox {
  private readonly source: string;

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    private readonly clock: Clock,
  ) {
    this.source = `serviceloop://${config.serviceName}`;
  }

  /**
   * Runs `work` with the events it writes in `tx` kept in `withheld` instead of the
   * outbox; `writeWithheld` writes them later in the same transaction. The relay
   * publishes in the order rows were written, and events with one key share a
   * partition, so a consumer then reads the announcement first (a project before
   * the tasks it made ready). Nothing withheld survives a rollback, as nothing written would.
   */
  async withhold<T>(tx: EntityManager, withheld: WithheldEvents, work: () => Promise<T>): Promise<T> {
    const open = holds.get(tx) ?? [];
    holds.set(tx, [...open, withheld]);
    try {
      return await work();
    } finally {
      if (open.length > 0) holds.set(tx, open);
      else holds.delete(tx);
    }
  }

  /** What `withhold` kept, in the order it was written (into an enclosing `withhold`, if one is open). */
  async writeWithheld(tx: EntityManager, withheld: WithheldEvents): Promise<void> {
    const rows = withheld.rows.splice(0);
    await this.write(tx, rows);
  }

  async add<T extends object>(tx: EntityManager, outgoing: OutgoingEvent<T>): Promise<CloudEvent<T>> {
    const [event] = await this.addAll(tx, [outgoing]);
    return event;
  }

  /** Many events in one statement, in this order. */
  async addAll<T extends object>(tx: EntityManager, outgoing: OutgoingEvent<T>[]): Promise<CloudEvent<T>[]> {
    if (outgoing.length === 0) return [];
    // The request or event that caused each one, so its logs can be followed across services.
    const correlationIds = outgoing.map((one) => one.correlationId ?? currentCorrelationId());
    // W3C trace context beside it: the cause's span (see outgoingTraceHeaders), so the
    // consumer's span is its child and the trace goes on; the relay publishes these headers as stored.
    const traceHeaders = outgoingTraceHeaders(correlationIds, `create ${outgoing[0].topic}`);
    const rows = outgoing.map((one, i) => {
      const checked = checkEventData(one.type, one.data);
      if (!checked.ok) {
        // Our own event failing its contract is a bug: fail the transaction loudly.
        throw new Error(`Refusing to emit invalid ${one.type}: ${checked.reason}`);
      }
      const event: CloudEvent<T> = {
        specversion: '1.0',
        id: one.id ?? randomUUID(),
        source: this.source,
        type: one.type,
        time: this.clock.now().toISOString(),
        ...(one.subject ? { subject: one.subject } : {}),
        datacontenttype: 'application/json',
        data: one.data,
      };
      const correlationId = correlationIds[i];
      return {
        event,
        row: {
          eventId: event.id,
          topic: one.topic,
          messageKey: one.key,
          event: event as never,
          headers: { ...(correlationId ? { [CORRELATION_KAFKA_HEADER]: correlationId } : {}), ...traceHeaders[i] },
        },
      };
    });
    await this.write(tx, rows.map((r) => r.row));
    return rows.map((r) => r.event);
  }

  private async write(tx: EntityManager, rows: OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    const holding = holds.get(tx);
    if (holding) {
      holding[holding.length - 1].rows.push(...rows);
      return;
    }
    // A re-emission with the same id is the same event: skipped.
    await insertMany(tx, OutboxEventEntity, rows, { ignoreConflicts: true });
    // The relay hears of them when the transaction commits: a trigger on outbox_event notifies OUTBOX_CHANNEL.
  }
}
