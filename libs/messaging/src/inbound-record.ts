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

/** Headers stored as JSON: each value base64, a header the record repeats as a list (in its order). */
export type StoredHeaders = Record<string, string | string[]>;

/** Headers as JSON-safe base64 strings, for storage; repeated headers keep every value. */
export function encodeHeaders(headers: IHeaders | undefined): StoredHeaders {
  const out: StoredHeaders = {};
  const encode = (value: Buffer | string) => Buffer.from(value).toString('base64');
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(encode) : encode(value);
  }
  return out;
}

export function decodeHeaders(headers: StoredHeaders): Record<string, Buffer | Buffer[]> {
  const out: Record<string, Buffer | Buffer[]> = {};
  const decode = (value: string) => Buffer.from(value, 'base64');
  for (const [name, value] of Object.entries(headers)) out[name] = Array.isArray(value) ? value.map(decode) : decode(value);
  return out;
}
