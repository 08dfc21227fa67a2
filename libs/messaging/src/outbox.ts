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
    // A re-emission with the same id is the same event: skipped.
    await insertMany(
      tx,
      OutboxEventEntity,
      rows.map((r) => r.row),
      { ignoreConflicts: true },
    );
    // The relay hears of them when the transaction commits: a trigger on outbox_event notifies OUTBOX_CHANNEL.
    return rows.map((r) => r.event);
  }
}
