import { Inject, Injectable, Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import { PartitionAssigners, type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage } from 'kafkajs';
import { checkEventData, decodeKafkaRecord, dlqTopicOf, eventContractOf, isKnownType, type CloudEvent, type DlqReasonCode } from '#contracts';
import { SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import {
  CORRELATION_KAFKA_HEADER,
  correlationIdFrom,
  linkToActive,
  SERVICE_CONFIG,
  startConsumerSpan,
  withCauses,
  withConsumerSpan,
  withCorrelationId,
  type ConsumedRecord,
  type ServiceConfig,
} from '#platform';
import { isTransientInfrastructureError } from '#persistence';
import { DeadLetters } from './dead-letters.js';
import { PermanentEventError } from './errors.js';
import { EventBatchContext, EventContext } from './event-context.js';
import { batchPatternOf } from './on-event.js';
import type { InboundRecord } from './inbound-record.js';
import { ProcessedEventEntity } from './messaging.entities.js';
import { MessagingMetrics } from './messaging-metrics.js';
import { applyLanesFromEnv, applyTogetherMaxFromEnv, commitIntervalFromEnv, faultInjectionFromEnv, KAFKA, MESSAGING_OPTIONS, type FaultInjection, type MessagingOptions } from './messaging.options.js';
import { ensureTopics } from './kafka-client.js';
import { ParkingLot } from './parking-lot.js';
import { StoppedError } from './retry.js';
import { bySubscriptionAssigner } from './subscription-assigner.js';
import { ApplySlots } from './apply-slots.js';
import { OffsetCommits } from './offset-commits.js';
import { ApplyRounds } from './apply-rounds.js';
import { TopicNames } from './topic-names.js';

/** Unexpected (non-infrastructure) errors get a few tries before they count as permanent. */
const UNEXPECTED_ERROR_TRIES = 3;
const PARKING_SWEEP_MS = 60_000;
/**
 * Partitions kafkajs hands over at once (all six of a topic: they go into one
 * round, see ApplyRounds), and transactions applied at once across the service's
 * consumers (one per lane of a consumer at a time). Each holds a database connection (the
 * pool has 12, leaving the relay and HTTP theirs).
 */
const PARTITIONS_AT_ONCE_PER_TOPIC = 6;
const APPLY_SLOTS = 8;
/**
 * A transaction stops taking more events handled one by one after this long (a
 * batch handler's events go in whole): 20 heavy events (a visit completed, a
 * dispatch) in one transaction held back the first one's effects for the whole
 * run (bench: visit completed → task done written p50 147 ms, with rounds of
 * eight visits' events).
 */
const TRANSACTION_TIME_MS = 50;
/** Pause before a crashed consumer is replaced. */
const CONSUMER_RESTART_DELAY_MS = 2000;
/** How long stopping waits for the last offset commits. */
const COMMITS_ON_CLOSE_MS = 5000;

type Disposition =
  | { kind: 'applied' | 'duplicate' | 'ignored' | 'parked' }
  | { kind: 'dead-letter'; code: DlqReasonCode; reason: string };

/** A record whose envelope and data passed their checks and that has a handler here. */
interface Applicable {
  record: InboundRecord;
  event: CloudEvent;
}

type Verdict = { kind: 'apply'; applicable: Applicable } | Disposition;

/**
 * The Nest custom transport that consumes this service's topics.
 *
 * A fetch's batches, of all its partitions, are applied together (ApplyRounds):
 * up to KAFKA_APPLY_TOGETHER_MAX records in one database transaction with their
 * inbox rows, each partition's in its order (a round of many records in
 * KAFKA_APPLY_LANES transactions side by side, whole partitions each); the
 * offsets are committed only after that transaction commits (in the background,
 * coalesced per consumer: OffsetCommits). Consecutive events
 * of a type with an `@OnEventBatch` handler are given to it together. If the
 * transaction fails for any reason, the same records are applied again one by
 * one, each in its own transaction: infrastructure errors are then retried
 * without limit (the partition waits; heartbeats continue) and a permanent error
 * dead-letters only its own record, so the partition moves on.
 *
 * Each consumed topic has its own kafkajs consumer (all in the service's one
 * group, partitions handed out by subscription): kafkajs fetches again only
 * when every batch of its last fetch is applied, so with one consumer a burst
 * of slow events on one topic (an ERP's end-of-day dispatches) held up every
 * other topic. Events of different topics were never applied in a set order.
 */
@Injectable()
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  private readonly log = new Logger(KafkaEventTransport.name);
  /** One consumer per consumed topic, by topic (logical name). */
  private readonly consumers = new Map<string, Consumer>();
  /** Each consumer's offset commits, sent in the background (by consumer). */
  private readonly commits = new Map<Consumer, OffsetCommits>();
  private stopped = false;
  private committedSinceStart = 0;
  private readonly faults: FaultInjection;
  /** At most this many records of one partition are applied in one transaction. */
  private readonly applyTogetherMax = applyTogetherMaxFromEnv();
  /** Transactions side by side for a round of many records (ApplyRounds). */
  private readonly applyLanes = applyLanesFromEnv();
  /** At least this long between two offset commits of a consumer (OffsetCommits). */
  private readonly commitIntervalMs = commitIntervalFromEnv();
  private readonly slots = new ApplySlots(APPLY_SLOTS);
  private sweepTimer?: NodeJS.Timeout;
  private connected = false;
  private retries = 0;
  private consumerRestarts = 0;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetters,
    private readonly parking: ParkingLot,
    private readonly topics: TopicNames,
    private readonly metrics: MessagingMetrics,
  ) {
    super();
    this.faults = faultInjectionFromEnv();
    // A released event's span continues its own trace (from its stored headers), linked to the releasing span.
    this.parking.setDispatcher((event, context) =>
      withConsumerSpan(traced(context.record, event), () => this.invokeHandler(event, context), linkToActive()),
    );
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** How many consumers were replaced after kafkajs gave up on them (for tests). */
  get replacedConsumers(): number {
    return this.consumerRestarts;
  }

  /** How many times an event was retried after an infrastructure fault (for health and tests). */
  get retriedAttempts(): number {
    return this.retries;
  }

  /**
   * The handler of an event type, looked up once per type. Nest's own lookup
   * tries JSON.parse on every pattern and, for a plain type name, builds and
   * throws away an exception each time: 1 % of a consumer's CPU under load.
   * Handlers are registered before the transport listens; a new one clears this.
   */
  private readonly handlersByType = new Map<string, ReturnType<Server['getHandlerByPattern']>>();
  private handlersKnown = 0;

  override getHandlerByPattern(pattern: string): ReturnType<Server['getHandlerByPattern']> {
    if (this.handlersKnown !== this.messageHandlers.size) {
      this.handlersByType.clear();
      this.handlersKnown = this.messageHandlers.size;
    }
    let handler = this.handlersByType.get(pattern);
    if (handler === undefined) {
      handler = super.getHandlerByPattern(pattern);
      this.handlersByType.set(pattern, handler);
    }
    return handler;
  }

  on(): void {
    // kafkajs instrumentation events are not re-exposed.
  }

  /** The consumers, one per consumed topic. */
  unwrap<T>(): T {
    return [...this.consumers.values()] as T;
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    // What was applied is committed before leaving; with the broker gone this gives up (the records are read again
    // and found in the inbox).
    await Promise.race([
      Promise.all([...this.commits.values()].map((c) => c.close())),
      new Promise((r) => setTimeout(r, COMMITS_ON_CLOSE_MS).unref()),
    ]);
    await Promise.all([...this.consumers.values()].map((c) => c.disconnect().catch(() => undefined)));
    this.connected = false;
  }

  private async start(): Promise<void> {
    const consumed = this.options.consumes;
    const all = [...consumed, ...consumed.map(dlqTopicOf), ...this.options.produces];
    await ensureTopics(this.kafka, all.map((t) => this.topics.physical(t)), this.config.topicPartitions);
    if (consumed.length === 0) return;
    await Promise.all(consumed.map((topic) => this.startConsumer(topic)));
    this.connected = true;
    this.sweepTimer = setInterval(() => void this.expireParked(), Math.min(PARKING_SWEEP_MS, this.config.parkingTimeoutMs));
    this.sweepTimer.unref();
  }

  /** The consumer of one topic, in the service's group. */
  private async startConsumer(topic: string): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.config.consumerGroup,
      // By subscription; round-robin too, for a group that still has members of a version before this.
      partitionAssigners: [bySubscriptionAssigner, PartitionAssigners.roundRobin],
      allowAutoTopicCreation: false,
      sessionTimeout: this.config.sessionTimeoutMs,
      heartbeatInterval: Math.max(500, Math.floor(this.config.sessionTimeoutMs / 10)),
      maxWaitTimeInMs: 500,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    consumer.on(consumer.events.CRASH, (e) => {
      const error = e.payload.error as Error & { cause?: Error };
      // After a retriable error (a broker starting, a rebalance) kafkajs restarts the consumer itself: a warning, as in kafkaLogs.
      if (e.payload.restart) this.log.warn({ msg: 'consumer crashed; kafkajs restarts it', topic, error: error?.message, restart: true });
      else this.log.error({ msg: 'consumer crashed', topic, error: error?.message, cause: error?.cause?.stack, restart: false });
      // kafkajs restarts a consumer only after a retriable error; after any other its topic would stand still
      // for the life of the process. Start a new consumer for it instead.
      if (!e.payload.restart && !this.stopped) void this.replaceConsumer(topic, consumer);
    });
    const commits = new OffsetCommits(
      (offsets) => consumer.commitOffsets(offsets),
      (error, offsets) => this.log.warn({ msg: 'offset commit failed; trying again', topic, error: error.message, partitions: offsets.length }),
      { intervalMs: this.commitIntervalMs },
    );
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      this.log.log({ msg: 'joined consumer group', topic, assignment: e.payload.memberAssignment });
      const assignment = e.payload.memberAssignment as Record<string, number[]>;
      commits.keepOnly((t, partition) => assignment[t]?.includes(partition) ?? false);
    });
    // A fetch's batches are applied together (see ApplyRounds); each transaction holds one of the service's slots.
    const rounds = new ApplyRounds<InboundRecord>(
      (records, heartbeat) => this.applyInOrder(records, heartbeat),
      this.applyTogetherMax,
      (work, heartbeat) => this.slots.run(work, heartbeat),
      this.applyLanes,
    );
    this.consumers.set(topic, consumer);
    this.commits.set(consumer, commits);
    await consumer.connect();
    await consumer.subscribe({ topics: [this.topics.physical(topic)], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: Math.max(1, Math.min(this.config.topicPartitions, PARTITIONS_AT_ONCE_PER_TOPIC)),
      eachBatch: (payload) => this.consumeBatch(rounds, commits, payload),
    });
  }

  /** A crashed consumer leaves the group; after a pause a new one takes its topic (and, by rebalance, its partitions). */
  private async replaceConsumer(topic: string, crashed: Consumer): Promise<void> {
    if (this.consumers.get(topic) !== crashed) return;
    await this.commits.get(crashed)?.close();
    this.commits.delete(crashed);
    await crashed.disconnect().catch(() => undefined);
    await new Promise((r) => setTimeout(r, CONSUMER_RESTART_DELAY_MS));
    if (this.stopped || this.consumers.get(topic) !== crashed) return;
    this.consumerRestarts++;
    try {
      await this.startConsumer(topic);
      this.log.warn({ msg: 'consumer replaced after a crash', topic, restarts: this.consumerRestarts });
    } catch (error) {
      this.log.error({ msg: 'could not replace the crashed consumer; trying again', topic, error: (error as Error).message });
      const failed = this.consumers.get(topic);
      if (failed && !this.stopped) void this.replaceConsumer(topic, failed);
    }
  }

  private async consumeBatch(rounds: ApplyRounds<InboundRecord>, commits: OffsetCommits, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const topic = this.topics.logical(batch.topic);
    if (this.faults.failFirstBatchOf === topic) {
      // Fault injection for tests: an error kafkajs gives up on (it stops the consumer for good).
      this.faults.failFirstBatchOf = undefined;
      throw new TypeError(`fault injection: first batch of ${topic}`);
    }
    try {
      await rounds.join({
        records: batch.messages.map((m) => toInbound(topic, batch.partition, m)),
        heartbeat,
        // The partition may have gone to another member while this waited for its turn or a slot.
        live: () => isRunning() && !isStale() && !this.stopped,
        applied: (records) => {
          for (const record of records) {
            this.metrics.recordLag(topic, batch.partition, batch.highWatermark, record.offset);
            resolveOffset(record.offset);
          }
          // Committed in the background: the partition goes on (see OffsetCommits).
          commits.note(batch.topic, batch.partition, (BigInt(records[records.length - 1].offset) + 1n).toString());
        },
      });
    } catch (error) {
      if (error instanceof StoppedError) return;
      throw error;
    }
  }

  /**
   * Applies records of one partition in their order: runs of applicable records
   * together in one transaction, refused ones dead-lettered where they stand.
   */
  private async applyInOrder(records: InboundRecord[], heartbeat: () => Promise<void>): Promise<void> {
    let run: Applicable[] = [];
    const flush = async () => {
      if (run.length === 1) await this.processAlone(run[0].record, heartbeat, run[0].event);
      else if (run.length > 1) await this.applyTogether(run, heartbeat);
      run = [];
    };
    for (const record of records) {
      const verdict = this.check(record);
      if (verdict.kind === 'apply') {
        run.push(verdict.applicable);
        continue;
      }
      await flush();
      if (verdict.kind === 'dead-letter') await this.processAlone(record, heartbeat);
      else this.metrics.recordOutcome(record.topic, verdict.kind);
    }
    await flush();
  }

  private processAlone(record: InboundRecord, heartbeat: () => Promise<void>, event?: CloudEvent): Promise<void> {
    // The correlation id travels in a header: logs and events of this record carry it on.
    // So does the trace context: the record's CONSUMER span is the child of its producer's.
    return withCorrelationId(correlationIdFrom(record.headers[CORRELATION_KAFKA_HEADER]), () =>
      withConsumerSpan(traced(record, event), async (span) => {
        span.setAttribute('serviceloop.outcome', await this.process(record, heartbeat));
      }),
    );
  }

  /**
   * The run in as few transactions as its time allows (see TRANSACTION_TIME_MS);
   * if one fails, each of its records and the rest again on its own (retries,
   * dead letters).
   */
  private async applyTogether(run: Applicable[], heartbeat: () => Promise<void>): Promise<void> {
    let rest = run;
    while (rest.length > 0) {
      if (this.stopped) throw new StoppedError();
      let dispositions: Disposition[];
      try {
        dispositions = await this.applyInOneTransaction(rest);
      } catch (error) {
        if (error instanceof StoppedError) throw error;
        this.log.debug?.({ msg: 'batch failed; applying its records one by one', records: rest.length, error: (error as Error).message });
        for (const { record, event } of rest) await this.processAlone(record, heartbeat, event);
        return;
      }
      dispositions.forEach((disposition, i) => {
        this.metrics.recordOutcome(rest[i].record.topic, disposition.kind);
        if (disposition.kind !== 'duplicate') this.afterCommit();
      });
      rest = rest.slice(dispositions.length);
    }
  }

  /**
   * Applies the run, or the start of it, in one transaction: the records' outcomes,
   * as many as were applied. Events handled one by one (no batch handler) stop
   * being added once the transaction has taken TRANSACTION_TIME_MS, so what the
   * first ones emit is not held back until the last of a long run commits;
   * the inbox rows of those left are taken back, and they go in the next.
   */
  private async applyInOneTransaction(run: Applicable[]): Promise<Disposition[]> {
    return this.dataSource.transaction(async (tx) => {
      const started = Date.now();
      const fresh = await this.recordInInbox(tx, run);
      const contexts = run.map(({ event, record }, i) => (fresh[i] ? new EventContext(event, record, tx, this.parking) : null));
      let applied = run.length;
      const outOfTime = (next: number) => next > 0 && next < run.length && Date.now() - started > TRANSACTION_TIME_MS;
      for (let i = 0; i < run.length && applied === run.length; ) {
        if (outOfTime(i)) {
          applied = i;
          break;
        }
        if (!contexts[i]) {
          i++;
          continue;
        }
        // Consecutive fresh events of one type go to that type's batch handler together.
        const type = run[i].event.type;
        let end = i + 1;
        while (end < run.length && contexts[end] && run[end].event.type === type) end++;
        const together = contexts.slice(i, end) as EventContext[];
        const batchHandler = this.getHandlerByPattern(batchPatternOf(type));
        if (batchHandler && together.length > 1) {
          await this.inBatchSpans(together, async () => {
            const result = await batchHandler(together.map((c) => c.event), new EventBatchContext(tx, together, this.parking));
            await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
          });
        } else {
          for (const [k, context] of together.entries()) {
            if (k > 0 && outOfTime(i + k)) {
              applied = i + k;
              break;
            }
            await withCorrelationId(context.correlationId, () =>
              withConsumerSpan(traced(context.record, context.event), () => this.invokeHandler(context.event, context)),
            );
          }
        }
        i = end;
      }
      if (applied < run.length) await this.takeBackFromInbox(tx, run.slice(applied).filter((_, k) => fresh[applied + k]));
      const done = contexts.slice(0, applied);
      const notApplied = done.filter((c): c is EventContext => !!c && c.outcome !== 'applied');
      for (const context of notApplied) {
        await tx.getRepository(ProcessedEventEntity).update({ source: context.event.source, eventId: context.event.id }, { outcome: context.outcome });
      }
      return done.map((c) => ({ kind: c ? c.outcome : 'duplicate' }) as Disposition);
    });
  }

  /** Inbox rows written by this transaction for events it leaves to the next. */
  private async takeBackFromInbox(tx: EntityManager, left: Applicable[]): Promise<void> {
    if (left.length === 0) return;
    await tx.query('DELETE FROM processed_event WHERE (source, event_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))', [
      left.map((a) => a.event.source),
      left.map((a) => a.event.id),
    ]);
  }

  /**
   * Tracing of a batch handler (several events, one call): one CONSUMER span per
   * record, each the child of its own producer's context (so every record's trace
   * shows it consumed), all open while the handler runs. The handler itself runs
   * with no single active span; instead each record's span is known by its
   * correlation id, and an event the handler emits with that correlation id (as
   * batch handlers pass it per event) continues that record's trace. Span links
   * were the alternative, but they would have put what the handler emits in a new
   * trace, cut off from its cause.
   */
  private async inBatchSpans(contexts: EventContext[], work: () => Promise<void>): Promise<void> {
    const spans: Span[] = [];
    const causes = new Map<string, Context>();
    for (const context of contexts) {
      const { span, parent } = startConsumerSpan(traced(context.record, context.event));
      span.setAttribute('messaging.batch.message_count', contexts.length);
      spans.push(span);
      if (!causes.has(context.correlationId)) causes.set(context.correlationId, trace.setSpan(parent, span));
    }
    try {
      await withCauses(causes, work);
    } catch (error) {
      for (const span of spans) span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      for (const span of spans) span.end();
    }
  }

  /** Inbox rows for the run in one statement; says for each event whether it is new here. */
  private async recordInInbox(tx: EntityManager, run: Applicable[]): Promise<boolean[]> {
    const keyOf = (e: CloudEvent) => `${e.source}\u0000${e.id}`;
    const firstSeen = new Set<number>();
    const seenInRun = new Set<string>();
    run.forEach(({ event }, i) => {
      if (seenInRun.has(keyOf(event))) return;
      seenInRun.add(keyOf(event));
      firstSeen.add(i);
    });
    const rows = run.filter((_, i) => firstSeen.has(i));
    const inserted: { source: string; event_id: string }[] = await tx.query(
      `INSERT INTO processed_event (source, event_id, type, topic, partition, record_offset, outcome)
       SELECT s, i, t, tp, p, o, 'applied' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[]) AS r(s, i, t, tp, p, o)
       ON CONFLICT DO NOTHING RETURNING source, event_id`,
      [
        rows.map((r) => r.event.source),
        rows.map((r) => r.event.id),
        rows.map((r) => r.event.type),
        rows.map((r) => r.record.topic),
        rows.map((r) => r.record.partition),
        rows.map((r) => r.record.offset),
      ],
    );
    const isNew = new Set(inserted.map((r) => `${r.source}\u0000${r.event_id}`));
    return run.map(({ event }, i) => firstSeen.has(i) && isNew.has(keyOf(event)));
  }

  /** Decides and applies one record; returns (its outcome) only when it is applied, skipped or dead-lettered. */
  private async process(record: InboundRecord, heartbeat: () => Promise<void>): Promise<string> {
    let unexpectedFailures = 0;
    let delay = 100;
    for (;;) {
      if (this.stopped) throw new StoppedError();
      try {
        const disposition = await this.apply(record);
        if (disposition.kind === 'dead-letter') {
          await this.deadLetters.send(record, disposition.code, disposition.reason, () => this.stopped);
          this.metrics.recordDeadLetter(record.topic, disposition.code);
        } else {
          this.metrics.recordOutcome(record.topic, disposition.kind);
        }
        if (disposition.kind !== 'dead-letter' && disposition.kind !== 'duplicate') this.afterCommit();
        return disposition.kind === 'dead-letter' ? `dead-letter:${disposition.code}` : disposition.kind;
      } catch (error) {
        if (error instanceof StoppedError) throw error;
        if (error instanceof PermanentEventError) {
          await this.deadLetters.send(record, error.code, error.message, () => this.stopped);
          this.metrics.recordDeadLetter(record.topic, error.code);
          return `dead-letter:${error.code}`;
        }
        if (!isTransientInfrastructureError(error) && ++unexpectedFailures >= UNEXPECTED_ERROR_TRIES) {
          this.log.error({ msg: 'event failed permanently', error: (error as Error).message, stack: (error as Error).stack });
          await this.deadLetters.send(record, 'PROCESSING_FAILED', (error as Error).message || String(error), () => this.stopped);
          this.metrics.recordDeadLetter(record.topic, 'PROCESSING_FAILED');
          return 'dead-letter:PROCESSING_FAILED';
        }
        this.retries++;
        this.metrics.recordRetry(record.topic);
        this.log.warn({ msg: 'event failed; retrying', topic: record.topic, partition: record.partition, offset: record.offset, error: (error as Error).message, retryInMs: delay });
        await new Promise((r) => setTimeout(r, delay));
        await heartbeat().catch(() => undefined);
        delay = Math.min(delay * 2, 5000);
      }
    }
  }

  /** What can be decided about a record without the database: refuse, ignore, or apply. */
  private check(record: InboundRecord): Verdict {
    // Refused before parsing: a huge record must not cost memory and CPU to decode.
    if (record.value && record.value.length > this.config.kafkaMaxRecordBytes) {
      return {
        kind: 'dead-letter',
        code: 'INVALID_ENVELOPE',
        reason: `Record value is ${record.value.length} bytes; the limit is ${this.config.kafkaMaxRecordBytes} bytes (KAFKA_MAX_RECORD_BYTES)`,
      };
    }
    const decoded = decodeKafkaRecord(record.value, record.headers as never);
    if (!decoded.ok) return { kind: 'dead-letter', code: decoded.code, reason: decoded.reason };
    const { event } = decoded;
    if (!isKnownType(event.type)) {
      // Unknown ERP types are the ERP's mistake; other unknown types are not ours to judge.
      return event.type.startsWith('erp.')
        ? { kind: 'dead-letter', code: 'UNKNOWN_TYPE', reason: `Unknown event type "${event.type}"` }
        : { kind: 'ignored' };
    }
    // An ERP type on another ERP topic than the contract's: no one reads it there, so it is refused, not lost.
    const home = eventContractOf(event.type)!.topic;
    if (event.type.startsWith('erp.') && home !== record.topic) {
      return { kind: 'dead-letter', code: 'UNKNOWN_TYPE', reason: `Event type "${event.type}" does not travel on ${record.topic}; the contract puts it on ${home}` };
    }
    // A type this service does not handle is not its to judge (nor worth validating): its owner dead-letters it.
    if (!this.getHandlerByPattern(event.type)) return { kind: 'ignored' };
    const validated = checkEventData(event.type, event.data);
    if (!validated.ok) return { kind: 'dead-letter', code: validated.code, reason: validated.reason };
    return { kind: 'apply', applicable: { record, event } };
  }

  private async apply(record: InboundRecord): Promise<Disposition> {
    const verdict = this.check(record);
    if (verdict.kind !== 'apply') return verdict;
    const { event } = verdict.applicable;
    return this.dataSource.transaction(async (tx) => {
      const [fresh] = await this.recordInInbox(tx, [verdict.applicable]);
      if (!fresh) return { kind: 'duplicate' } as Disposition;
      const context = new EventContext(event, record, tx, this.parking);
      await this.invokeHandler(event, context);
      if (context.outcome !== 'applied') {
        await tx.getRepository(ProcessedEventEntity).update({ source: event.source, eventId: event.id }, { outcome: context.outcome });
      }
      return { kind: context.outcome } as Disposition;
    });
  }

  /** Runs the @EventPattern handler through Nest (pipes, interceptors), surfacing its original error. */
  private async invokeHandler(event: CloudEvent, context: EventContext): Promise<void> {
    const handler = this.getHandlerByPattern(event.type);
    if (!handler) return;
    const result = await handler(event, context);
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  private afterCommit(): void {
    this.committedSinceStart++;
    if (this.faults.crashAfterDbCommit && this.committedSinceStart >= this.faults.crashAfterDbCommit) {
      // Fault injection for tests: die between the database commit and the offset commit.
      this.log.warn({ msg: 'fault injection: SIGKILL after database commit', applied: this.committedSinceStart });
      process.kill(process.pid, 'SIGKILL');
    }
  }

  /** Events still parked past the timeout are dead-lettered ORDER_NOT_FOUND. */
  async expireParked(): Promise<number> {
    try {
      return await this.parking.expire(this.config.parkingTimeoutMs, async ({ record, parkKey, parkedAt }) => {
        await this.deadLetters.send(
          record,
          'ORDER_NOT_FOUND',
          `Nothing known for ${parkKey} since the event was parked at ${parkedAt.toISOString()}`,
          () => this.stopped,
        );
        this.metrics.recordHeldEventExpired(record.topic);
      });
    } catch (error) {
      this.log.warn({ msg: 'parking expiry failed; will retry', error: (error as Error).message });
      return 0;
    }
  }
}

/** What a record's CONSUMER span is made of. */
function traced(record: InboundRecord, event?: CloudEvent): ConsumedRecord {
  return { ...record, headers: record.headers as ConsumedRecord['headers'], eventId: event?.id, eventType: event?.type };
}

function toInbound(topic: string, partition: number, message: KafkaMessage): InboundRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString('utf8') : null,
    value: message.value,
    headers: message.headers ?? {},
  };
}

