import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The HTTP header and the Kafka record header that carry the correlation id. */
export const CORRELATION_HEADER = 'x-correlation-id';
export const CORRELATION_KAFKA_HEADER = 'correlation-id';

const VALID = /^[A-Za-z0-9._:-]{1,128}$/;
const storage = new AsyncLocalStorage<{ correlationId: string }>();

/** Runs `work` with this correlation id: logs written and events emitted meanwhile carry it. */
export function withCorrelationId<T>(correlationId: string, work: () => T): T {
  return storage.run({ correlationId }, work);
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** A caller's id when it is sane (ours to log and forward), otherwise a new one. */
export function correlationIdFrom(value: unknown): string {
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : Array.isArray(value) ? String(value[0] ?? '') : typeof value === 'string' ? value : '';
  return VALID.test(text) ? text : randomUUID();
}
