import type { IHeaders } from 'kafkajs';

/** A record as read from Kafka, before anything is decided about it. */
export interface InboundRecord {
  /** Logical topic (without the test prefix). */
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: IHeaders;
}

/** Headers as JSON-safe base64 strings, for storage. */
export function encodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const single = Array.isArray(value) ? value[0] : value;
    out[name] = Buffer.from(single as Buffer | string).toString('base64');
  }
  return out;
}

export function decodeHeaders(headers: Record<string, string>): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = Buffer.from(value, 'base64');
  return out;
}
