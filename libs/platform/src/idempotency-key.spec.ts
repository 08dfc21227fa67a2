import {
  decideOnKeptRequest,
  IDEMPOTENCY_ABANDONED_AFTER_MS,
  IdempotencyErrorCode,
  idempotencyScopeId,
  keepsAnswer,
  parseIdempotencyKey,
  requestFingerprint,
  type KeptRequest,
} from './idempotency-key.js';

describe('parseIdempotencyKey', () => {
  it('takes 1 to 255 printable ASCII characters as they are', () => {
    expect(parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toEqual({ ok: true, key: '8e03978e-40d5-43e8-bc93-6894a57f9324' });
    expect(parseIdempotencyKey('a')).toEqual({ ok: true, key: 'a' });
    expect(parseIdempotencyKey('x'.repeat(255))).toEqual({ ok: true, key: 'x'.repeat(255) });
    expect(parseIdempotencyKey('expense 2026-11-30 #1 ~!')).toEqual({ ok: true, key: 'expense 2026-11-30 #1 ~!' });
  });

  it("unquotes the IETF draft's quoted form, so it names the same key as the bare form", () => {
    expect(parseIdempotencyKey('"8e03978e-40d5"')).toEqual({ ok: true, key: '8e03978e-40d5' });
    expect(parseIdempotencyKey('"say \\"hi\\" \\\\ there"')).toEqual({ ok: true, key: 'say "hi" \\ there' });
  });

  it('refuses an empty, too long, non-ASCII or repeated key with the reason', () => {
    expect(parseIdempotencyKey('')).toEqual({ ok: false, reason: 'Idempotency-Key: must not be empty' });
    expect(parseIdempotencyKey('""')).toEqual({ ok: false, reason: 'Idempotency-Key: must not be empty' });
    expect(parseIdempotencyKey('x'.repeat(256))).toEqual({ ok: false, reason: 'Idempotency-Key: must be at most 255 characters (it has 256)' });
    expect(parseIdempotencyKey('café')).toMatchObject({ ok: false, reason: expect.stringContaining('printable ASCII') });
    expect(parseIdempotencyKey('tab\there')).toMatchObject({ ok: false, reason: expect.stringContaining('printable ASCII') });
    expect(parseIdempotencyKey('"a"b"')).toMatchObject({ ok: false, reason: expect.stringContaining('quoted key') });
    expect(parseIdempotencyKey(['k1', 'k2'])).toEqual({ ok: false, reason: 'Idempotency-Key: send the header once' });
    expect(parseIdempotencyKey(['k1'])).toEqual({ ok: true, key: 'k1' });
  });
});

describe('requestFingerprint', () => {
  const expense = { method: 'POST', path: '/visits/v-1/expenses', body: { category: 'travel', amount: '1850', currency: 'INR', meta: { a: 1, b: [1, 2] } } };

  it('is the same for the same request, whatever order the JSON keys come in', () => {
    const reordered = { ...expense, body: { meta: { b: [1, 2], a: 1 }, currency: 'INR', amount: '1850', category: 'travel' } };
    expect(requestFingerprint(reordered)).toBe(requestFingerprint(expense));
    expect(requestFingerprint({ ...expense, method: 'post' })).toBe(requestFingerprint(expense));
  });

  it('differs when the body, an array order, the path, the query or the method differs', () => {
    const base = requestFingerprint(expense);
    expect(requestFingerprint({ ...expense, body: { ...expense.body, amount: '1851' } })).not.toBe(base);
    expect(requestFingerprint({ ...expense, body: { ...expense.body, meta: { a: 1, b: [2, 1] } } })).not.toBe(base);
    expect(requestFingerprint({ ...expense, path: '/visits/v-2/expenses' })).not.toBe(base);
    expect(requestFingerprint({ ...expense, query: 'dryRun=true' })).not.toBe(base);
    expect(requestFingerprint({ ...expense, method: 'PATCH' })).not.toBe(base);
  });

  it('takes no body as null, and an amount as a number apart from the same as a string', () => {
    expect(requestFingerprint({ method: 'POST', path: '/x', body: undefined })).toBe(requestFingerprint({ method: 'POST', path: '/x', body: null }));
    expect(requestFingerprint({ ...expense, body: { ...expense.body, amount: 1850 } })).not.toBe(requestFingerprint(expense));
  });
});

describe('idempotencyScopeId', () => {
  it('is one per caller, method, path and key', () => {
    const scope = { subject: 'asha.patil', method: 'POST', path: '/visits/v-1/expenses', key: 'k-1' };
    const id = idempotencyScopeId(scope);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(idempotencyScopeId({ ...scope })).toBe(id);
    for (const other of [{ subject: 'bilal.shaikh' }, { method: 'PATCH' }, { path: '/visits/v-2/expenses' }, { key: 'k-2' }]) {
      expect(idempotencyScopeId({ ...scope, ...other })).not.toBe(id);
    }
    // Fields are kept apart: moving a character from one to the next is another scope.
    expect(idempotencyScopeId({ ...scope, subject: 'a', key: 'bk' })).not.toBe(idempotencyScopeId({ ...scope, subject: 'ab', key: 'k' }));
  });
});

describe('decideOnKeptRequest', () => {
  const hash = requestFingerprint({ method: 'POST', path: '/visits/v-1/expenses', body: { amount: '1850' } });
  const answered: KeptRequest = { requestHash: hash, statusCode: 201, responseBody: { id: 'e-1', amount: '1850.00' }, ageMs: 5_000 };

  it('replays the stored answer of the same request, errors below 500 included', () => {
    expect(decideOnKeptRequest(answered, hash)).toEqual({ kind: 'replay', statusCode: 201, body: { id: 'e-1', amount: '1850.00' } });
    const refused = { ...answered, statusCode: 409, responseBody: { code: 'TIME_OVERLAP' } };
    expect(decideOnKeptRequest(refused, hash)).toEqual({ kind: 'replay', statusCode: 409, body: { code: 'TIME_OVERLAP' } });
    expect(decideOnKeptRequest({ ...answered, statusCode: 204, responseBody: null, ageMs: 23 * 3_600_000 }, hash)).toEqual({ kind: 'replay', statusCode: 204, body: null });
  });

  it('refuses a different request under the same key with 422, answered or not', () => {
    const other = requestFingerprint({ method: 'POST', path: '/visits/v-1/expenses', body: { amount: '1900' } });
    for (const kept of [answered, { ...answered, statusCode: null, responseBody: null }]) {
      expect(decideOnKeptRequest(kept, other)).toMatchObject({ kind: 'refuse', statusCode: 422, code: IdempotencyErrorCode.REUSED, message: expect.stringContaining('different request') });
    }
  });

  it('refuses with 409 while the first request runs, and once it is taken as dead, never running it twice', () => {
    const running = { ...answered, statusCode: null, responseBody: null, ageMs: 2_000 };
    expect(decideOnKeptRequest(running, hash)).toMatchObject({ kind: 'refuse', statusCode: 409, code: IdempotencyErrorCode.IN_PROGRESS, message: expect.stringContaining('still running') });
    const dead = { ...running, ageMs: IDEMPOTENCY_ABANDONED_AFTER_MS };
    expect(decideOnKeptRequest(dead, hash)).toMatchObject({ kind: 'refuse', statusCode: 409, code: IdempotencyErrorCode.ABANDONED, message: expect.stringContaining('never finished') });
    expect(decideOnKeptRequest({ ...running, ageMs: 10_000 }, hash, 5_000)).toMatchObject({ code: IdempotencyErrorCode.ABANDONED });
  });
});

describe('keepsAnswer', () => {
  it('keeps successes and client errors, not server errors (a retry runs again)', () => {
    expect([200, 201, 204, 400, 404, 409, 422, 499].every(keepsAnswer)).toBe(true);
    expect([500, 502, 503].some(keepsAnswer)).toBe(false);
  });
});
