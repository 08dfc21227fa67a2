import { isRfc3339Instant } from './dates.js';

/**
 * CloudEvents 1.0 over Kafka (the spec's Kafka protocol binding), both content
 * modes on input:
 * - binary: a `ce_specversion` header is present; attributes are `ce_*` headers,
 *   `content-type` is `datacontenttype`, and the record value is the JSON `data`;
 * - structured: otherwise; the value is the whole event as JSON.
 * ServiceLoop emits structured mode. Which `type`s exist and what their `data`
 * must look like is not the envelope's business: see `validateEventData`.
 */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  /** Unique per `source`; (`source`, `id`) is the de-duplication key. */
  id: string;
  /** URI-reference of the emitting system, e.g. `erp://plant-01`. */
  source: string;
  type: string;
  time?: string;
  subject?: string;
  datacontenttype?: string;
  dataschema?: string;
  data: T;
  /** Extension attributes (e.g. `correlationid`, `traceparent`). */
  [extension: string]: unknown;
}

/** Kafka record headers as kafkajs delivers them. */
export type KafkaHeaderValue = Buffer | string | (Buffer | string)[] | undefined;
export type KafkaHeaders = Record<string, KafkaHeaderValue>;

export type CloudEventContentMode = 'binary' | 'structured';

export type DecodeResult =
  | { ok: true; event: CloudEvent; mode: CloudEventContentMode }
  | { ok: false; code: 'INVALID_JSON' | 'INVALID_ENVELOPE'; reason: string };

export const CLOUDEVENTS_JSON = 'application/cloudevents+json';
const CLOUDEVENTS_BATCH_JSON = 'application/cloudevents-batch+json';
export const JSON_CONTENT_TYPE = 'application/json';
const HEADER_PREFIX = 'ce_';
const CONTENT_TYPE_HEADER = 'content-type';

type Failure = Extract<DecodeResult, { ok: false }>;

class EnvelopeFault extends Error {
  constructor(readonly code: Failure['code'], reason: string) {
    super(reason);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function text(value: Buffer | string, what: string, code: Failure['code']): string {
  if (typeof value === 'string') return value;
  try {
    return utf8.decode(value);
  } catch {
    throw new EnvelopeFault(code, `${what} is not valid UTF-8`);
  }
}

/**
 * The CloudEvents headers (`ce_*`, `content-type`) by lower-cased name. Kafka
 * header names are case-sensitive, but producers spell them every which way.
 * Other headers (tracing, often binary) are none of the envelope's business.
 */
function headerValues(headers: KafkaHeaders | undefined): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const key = name.toLowerCase();
    if (raw === undefined || !(key.startsWith(HEADER_PREFIX) || key === CONTENT_TYPE_HEADER)) continue;
    const decoded = (Array.isArray(raw) ? raw : [raw]).map((v) => text(v, `header ${name}`, 'INVALID_ENVELOPE'));
    values.set(key, [...(values.get(key) ?? []), ...decoded]);
  }
  return values;
}

/** A header that must have one value; repeats are fine only if they agree. */
function single(values: Map<string, string[]>, name: string): string | undefined {
  const all = values.get(name);
  if (all === undefined || all.length === 0) return undefined;
  if (new Set(all).size > 1) {
    throw new EnvelopeFault('INVALID_ENVELOPE', `header ${name} appears ${all.length} times with different values`);
  }
  return all[0];
}

function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function parseJson(value: Buffer | string | null, what: string): unknown {
  if (value === null || value.length === 0) throw new EnvelopeFault('INVALID_JSON', 'record value is empty');
  const source = text(value, 'record value', 'INVALID_JSON');
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new EnvelopeFault('INVALID_JSON', `${what} is not valid JSON: ${(error as Error).message}`);
  }
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireNonEmptyString(event: Record<string, unknown>, attribute: string): void {
  const value = event[attribute];
  if (value === undefined) throw new EnvelopeFault('INVALID_ENVELOPE', `${attribute} is missing`);
  if (typeof value !== 'string' || value.length === 0) {
    throw new EnvelopeFault('INVALID_ENVELOPE', `${attribute} must be a non-empty string, got ${describe(value)}`);
  }
}

/** Characters of RFC 3986 (unreserved, reserved and percent-encoded octets); anything else, spaces first, is not a URI. */
const URI_CHARACTERS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;

/**
 * A URI-reference (RFC 3986 section 4.1), as CloudEvents requires of `source`: a URI, or a
 * relative reference. Before the first "/", "?" or "#", a ":" ends a scheme, which starts with a letter.
 */
export function isUriReference(value: string): boolean {
  if (!URI_CHARACTERS.test(value)) return false;
  const head = value.split(/[/?#]/, 1)[0];
  const colon = head.indexOf(':');
  return colon < 0 || SCHEME.test(head.slice(0, colon));
}

/** Checks the CloudEvents 1.0 attributes ServiceLoop relies on, with a reason precise enough to fix the producer. */
function checkEnvelope(event: Record<string, unknown>): CloudEvent {
  if (event.specversion === undefined) throw new EnvelopeFault('INVALID_ENVELOPE', 'specversion is missing');
  if (event.specversion !== '1.0') {
    throw new EnvelopeFault('INVALID_ENVELOPE', `specversion must be "1.0", got ${describe(event.specversion)}`);
  }
  requireNonEmptyString(event, 'id');
  requireNonEmptyString(event, 'source');
  if (!isUriReference(event.source as string)) {
    throw new EnvelopeFault('INVALID_ENVELOPE', `source must be a URI-reference (RFC 3986) such as "erp://plant-01", got ${describe(event.source)}`);
  }
  requireNonEmptyString(event, 'type');
  // The JSON event format lets optional attributes be null; treat that as absent.
  for (const attribute of ['time', 'subject', 'datacontenttype', 'dataschema']) {
    if (event[attribute] === null) delete event[attribute];
    else if (event[attribute] !== undefined) requireNonEmptyString(event, attribute);
  }
  if (event.time !== undefined && !isRfc3339Instant(event.time)) {
    throw new EnvelopeFault('INVALID_ENVELOPE', `time must be an RFC 3339 timestamp with offset, got ${describe(event.time)}`);
  }
  if (event.datacontenttype !== undefined && mediaTypeOf(event.datacontenttype as string) !== JSON_CONTENT_TYPE) {
    throw new EnvelopeFault(
      'INVALID_ENVELOPE',
      `datacontenttype must be ${JSON_CONTENT_TYPE}, got ${describe(event.datacontenttype)}`,
    );
  }
  if (event.data === undefined) {
    throw new EnvelopeFault(
      'INVALID_ENVELOPE',
      event.data_base64 === undefined ? 'data is missing' : 'data_base64 is not supported: data must be JSON',
    );
  }
  if (!isJsonObject(event.data)) {
    throw new EnvelopeFault('INVALID_ENVELOPE', `data must be a JSON object, got ${describe(event.data)}`);
  }
  return event as CloudEvent;
}

function decodeBinary(value: Buffer | string | null, headers: Map<string, string[]>): CloudEvent {
  const event: Record<string, unknown> = {};
  for (const name of headers.keys()) {
    if (!name.startsWith(HEADER_PREFIX)) continue;
    const attribute = name.slice(HEADER_PREFIX.length);
    if (attribute.length === 0) continue;
    event[attribute] = single(headers, name);
  }
  // The binding maps datacontenttype to the Kafka content-type header.
  const contentType = single(headers, CONTENT_TYPE_HEADER);
  if (contentType !== undefined) event.datacontenttype = contentType;
  event.data = parseJson(value, 'record value (binary-mode data)');
  return checkEnvelope(event);
}

function decodeStructured(value: Buffer | string | null, headers: Map<string, string[]>): CloudEvent {
  const contentType = single(headers, CONTENT_TYPE_HEADER);
  const mediaType = contentType === undefined ? undefined : mediaTypeOf(contentType);
  if (mediaType === CLOUDEVENTS_BATCH_JSON) {
    throw new EnvelopeFault('INVALID_ENVELOPE', 'batched CloudEvents are not supported: send one event per record');
  }
  const parsed = parseJson(value, 'record value');
  if (!isJsonObject(parsed)) {
    throw new EnvelopeFault(
      'INVALID_ENVELOPE',
      `record value must be a JSON object (a structured-mode CloudEvent), got ${describe(parsed)}`,
    );
  }
  if (parsed.specversion === undefined && mediaType !== undefined && mediaType !== CLOUDEVENTS_JSON) {
    // Most likely bare data sent without the binary-mode headers: say so.
    throw new EnvelopeFault(
      'INVALID_ENVELOPE',
      `no ce_specversion header (binary mode) and no specversion in the ${contentType} value (structured mode)`,
    );
  }
  return checkEnvelope(parsed);
}

/**
 * Reads a Kafka record as a CloudEvent. Never throws: a record that is not one
 * comes back with the dead-letter code and reason to file it under.
 */
export function decodeKafkaRecord(value: Buffer | string | null, headers: KafkaHeaders | undefined): DecodeResult {
  try {
    const values = headerValues(headers);
    const binary = values.has(`${HEADER_PREFIX}specversion`);
    const event = binary ? decodeBinary(value, values) : decodeStructured(value, values);
    return { ok: true, event, mode: binary ? 'binary' : 'structured' };
  } catch (error) {
    if (error instanceof EnvelopeFault) return { ok: false, code: error.code, reason: error.message };
    throw error;
  }
}

export interface EncodedRecord {
  value: Buffer;
  headers: Record<string, string>;
}

/** Structured mode, what ServiceLoop emits: the whole event is the value. */
export function encodeStructured(event: CloudEvent): EncodedRecord {
  return {
    value: Buffer.from(JSON.stringify(event), 'utf8'),
    headers: { [CONTENT_TYPE_HEADER]: CLOUDEVENTS_JSON },
  };
}

function headerText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Binary mode, as many ERP connectors send it; ServiceLoop uses it in tests. */
export function encodeBinary(event: CloudEvent): EncodedRecord {
  const headers: Record<string, string> = {};
  for (const [attribute, value] of Object.entries(event)) {
    if (attribute === 'data' || attribute === 'datacontenttype' || value === undefined || value === null) continue;
    headers[`${HEADER_PREFIX}${attribute}`] = headerText(value);
  }
  headers[CONTENT_TYPE_HEADER] = event.datacontenttype ?? JSON_CONTENT_TYPE;
  return { value: Buffer.from(JSON.stringify(event.data), 'utf8'), headers };
}
