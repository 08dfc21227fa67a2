import { createHash } from 'node:crypto';

/**
 * The rules of the `Idempotency-Key` request header (Stripe's header, IETF
 * draft-ietf-httpapi-idempotency-key-header): plain functions, no Nest and no
 * database, so they are unit-tested on their own. The interceptor
 * (idempotency.interceptor.ts) and the table (http-idempotency.repository.ts) apply them.
 */

/** As Node.js presents request headers: lower case. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer that is the stored answer of an earlier request with the same key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** Only requests that create or change something; GET, PUT and DELETE are idempotent by definition. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['POST', 'PATCH']);
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
/** How long a key is remembered: a retry a day later is a new request. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * A reservation without a stored answer older than this is taken as a first
 * run that died (the process stopped between the reservation and the answer);
 * younger, it is taken as still running. Either way the retry gets 409: whether
 * the first run took effect is unknown, so it is never run a second time.
 */
export const IDEMPOTENCY_ABANDONED_AFTER_MS = 60 * 1000;

export enum IdempotencyErrorCode {
  /** 400: the header is empty, too long, or has characters other than printable ASCII. */
  INVALID = 'IDEMPOTENCY_KEY_INVALID',
  /** 422: the key was used for a different request (body, path or query) by the same caller. */
  REUSED = 'IDEMPOTENCY_KEY_REUSED',
  /** 409: the first request with this key has not answered yet. */
  IN_PROGRESS = 'IDEMPOTENCY_KEY_IN_PROGRESS',
  /** 409: the first request with this key never stored an answer (it died); its effect is unknown. */
  ABANDONED = 'IDEMPOTENCY_KEY_ABANDONED',
}

const PRINTABLE_ASCII = /^[\x20-\x7E]+$/;

export type ParsedIdempotencyKey = { ok: true; key: string } | { ok: false; reason: string };

/**
 * The key from the header's value: 1 to 255 printable ASCII characters. The
 * IETF draft sends it as a quoted string (`"8e03978e-..."`); that form is
 * unquoted, so both it and Stripe's bare form name the same key.
 */
export function parseIdempotencyKey(value: string | string[]): ParsedIdempotencyKey {
  if (Array.isArray(value)) {
    if (value.length !== 1) return { ok: false, reason: 'Idempotency-Key: send the header once' };
    value = value[0];
  }
  let key = value;
  if (key.length >= 2 && key.startsWith('"') && key.endsWith('"')) {
    const inner = key.slice(1, -1);
    // RFC 8941 sf-string: a quote or backslash inside is escaped with a backslash.
    if (!/^(?:[^"\\]|\\["\\])*$/.test(inner)) return { ok: false, reason: 'Idempotency-Key: a quoted key escapes " and \\ with a backslash' };
    key = inner.replace(/\\(["\\])/g, '$1');
  }
  if (key.length === 0) return { ok: false, reason: 'Idempotency-Key: must not be empty' };
  if (key.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    return { ok: false, reason: `Idempotency-Key: must be at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters (it has ${key.length})` };
  }
  if (!PRINTABLE_ASCII.test(key)) return { ok: false, reason: 'Idempotency-Key: must be printable ASCII characters only (0x20 to 0x7E)' };
  return { ok: true, key };
}

/** Who asked what: a key is only ever matched within the same caller, method and path. */
export interface IdempotencyScope {
  subject: string;
  method: string;
  path: string;
  key: string;
}

/** The table's primary key: a hash, as subject, path and key together may exceed what a b-tree index row holds. */
export function idempotencyScopeId(scope: IdempotencyScope): string {
  return sha256(JSON.stringify([scope.subject, scope.method, scope.path, scope.key]));
}

/**
 * What makes two requests "the same request": method, path, query and body.
 * The body is compared as JSON (object keys in any order are equal), as a client
 * library may serialise the same object with its keys in another order on retry.
 */
export function requestFingerprint(request: { method: string; path: string; query?: string; body: unknown }): string {
  return sha256(JSON.stringify([request.method.toUpperCase(), request.path, request.query ?? '', canonical(request.body ?? null)]));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The row kept for a key, as the decision needs it. */
export interface KeptRequest {
  requestHash: string;
  /** Null while the first request runs (or after it died before answering). */
  statusCode: number | null;
  responseBody: unknown;
  /** Since the key was reserved. */
  ageMs: number;
}

export type IdempotencyDecision =
  | { kind: 'replay'; statusCode: number; body: unknown }
  | { kind: 'refuse'; statusCode: 409 | 422; code: IdempotencyErrorCode; message: string };

/** What a request with a key already kept gets: the stored answer, or a refusal with its reason. */
export function decideOnKeptRequest(kept: KeptRequest, requestHash: string, abandonedAfterMs = IDEMPOTENCY_ABANDONED_AFTER_MS): IdempotencyDecision {
  if (kept.requestHash !== requestHash) {
    return {
      kind: 'refuse',
      statusCode: 422,
      code: IdempotencyErrorCode.REUSED,
      message: 'This Idempotency-Key was already used for a different request (another body or query) to this path; use a new key for a new request',
    };
  }
  if (kept.statusCode !== null) return { kind: 'replay', statusCode: kept.statusCode, body: kept.responseBody };
  const seconds = Math.round(kept.ageMs / 1000);
  if (kept.ageMs < abandonedAfterMs) {
    return {
      kind: 'refuse',
      statusCode: 409,
      code: IdempotencyErrorCode.IN_PROGRESS,
      message: `The first request with this Idempotency-Key (${seconds} s ago) is still running; retry later with the same key to get its answer`,
    };
  }
  return {
    kind: 'refuse',
    statusCode: 409,
    code: IdempotencyErrorCode.ABANDONED,
    message:
      `The first request with this Idempotency-Key (${seconds} s ago) never finished, so whether it took effect is unknown; ` +
      'check whether it did before sending it again with a new key',
  };
}

/**
 * Which answers are kept for a retry: successes and client errors (a retry gets
 * the same refusal). A server error is not kept: the reservation is removed so
 * that a retry runs again.
 */
export function keepsAnswer(statusCode: number): boolean {
  return statusCode < 500;
}
