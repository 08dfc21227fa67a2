import { createHmac } from 'node:crypto';
import { devAuthConfig, type AuthConfig } from './config.js';
import { AuthError, AuthErrorCode, CLOCK_SKEW_SECONDS, signToken, verifyToken } from './jwt.js';
import type { Principal } from './roles.js';

const config = devAuthConfig();
const now = new Date('2026-03-02T09:00:00Z');
const nowSeconds = now.getTime() / 1000;
const dispatcher: Principal = { subject: 'u-17', name: 'Dana Dispatcher', roles: ['dispatcher'] };

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A token with any header and claims, signed HS256 with the given key (or unsigned). */
function craft(header: object, claims: object, secret: string | null = config.secret): string {
  const unsigned = `${b64(header)}.${b64(claims)}`;
  const signature = secret === null ? '' : createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

const validClaims = {
  sub: 'u-17',
  roles: ['dispatcher'],
  iss: 'serviceloop',
  aud: 'serviceloop-api',
  iat: nowSeconds,
  exp: nowSeconds + 3600,
};

function codeOf(run: () => unknown): AuthErrorCode | 'accepted' {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (error instanceof AuthError) return error.code;
    throw error;
  }
}

const verify = (token: string, cfg: AuthConfig = config) => verifyToken(token, cfg, { now });

describe('signToken / verifyToken round trip', () => {
  it.each<[string, Principal]>([
    ['a dispatcher with a name', dispatcher],
    ['an engineer with its engineer id', { subject: 'u-3', roles: ['engineer'], engineerId: 'eng-42' }],
    ['a customer with its customer id', { subject: 'c-9', roles: ['customer'], customerId: 'cust-acme' }],
    ['several staff roles', { subject: 'u-1', roles: ['service_manager', 'finance', 'analyst'] }],
  ])('gives back %s', (_what, principal) => {
    const token = signToken(principal, config, { expiresInSeconds: 600, now });
    expect(verify(token)).toEqual(principal);
  });

  it('writes a standard HS256 JWT with the documented claim names', () => {
    const token = signToken({ subject: 'c-9', name: 'Cleo', roles: ['customer'], customerId: 'cust-acme' }, config, {
      expiresInSeconds: 600,
      now,
    });
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({
      sub: 'c-9',
      name: 'Cleo',
      roles: ['customer'],
      customer_id: 'cust-acme',
      iss: 'serviceloop',
      aud: 'serviceloop-api',
      iat: nowSeconds,
      exp: nowSeconds + 600,
    });
  });

  it('accepts a token crafted elsewhere with the same key and an audience list', () => {
    const token = craft({ alg: 'HS256' }, { ...validClaims, aud: ['other-api', 'serviceloop-api'], name: 'Dana' });
    expect(verify(token)).toEqual({ subject: 'u-17', name: 'Dana', roles: ['dispatcher'] });
  });

  it('refuses to sign a principal it would not accept, or a bad lifetime', () => {
    expect(codeOf(() => signToken({ subject: 'c-1', roles: ['customer'] }, config, { expiresInSeconds: 60 }))).toBe(
      AuthErrorCode.BAD_CLAIMS,
    );
    expect(() => signToken(dispatcher, config, { expiresInSeconds: 0 })).toThrow(RangeError);
    expect(() => signToken(dispatcher, config, { expiresInSeconds: 1.5 })).toThrow(RangeError);
  });

  it('refuses to work with a short secret even when the config was built by hand', () => {
    expect(() => signToken(dispatcher, { secret: 'short' }, { expiresInSeconds: 60 })).toThrow(/at least 32/);
  });
});

describe('signatures and algorithms', () => {
  const token = signToken(dispatcher, config, { expiresInSeconds: 600, now });

  it('rejects a changed signature', () => {
    const [h, p, s] = token.split('.');
    const flipped = s.slice(0, -2) + (s.at(-2) === 'A' ? 'B' : 'A') + s.at(-1);
    expect(codeOf(() => verify(`${h}.${p}.${flipped}`))).toBe(AuthErrorCode.BAD_SIGNATURE);
  });

  it('rejects a payload changed to claim admin', () => {
    const [h, , s] = token.split('.');
    const forged = b64({ ...validClaims, roles: ['admin'] });
    expect(codeOf(() => verify(`${h}.${forged}.${s}`))).toBe(AuthErrorCode.BAD_SIGNATURE);
  });

  it('rejects a token signed with another secret', () => {
    const other = signToken(dispatcher, { ...config, secret: 'x'.repeat(40) }, { expiresInSeconds: 600, now });
    expect(codeOf(() => verify(other))).toBe(AuthErrorCode.BAD_SIGNATURE);
  });

  it.each([
    ['alg none, unsigned', craft({ alg: 'none', typ: 'JWT' }, { ...validClaims, roles: ['admin'] }, null)],
    ['alg none, with a valid HS256 signature', craft({ alg: 'none' }, validClaims)],
    ['alg HS512 signed with the same key', (() => {
      const unsigned = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(validClaims)}`;
      return `${unsigned}.${createHmac('sha512', config.secret).update(unsigned).digest('base64url')}`;
    })()],
    ['alg HS512 label on an HS256 signature', craft({ alg: 'HS512' }, validClaims)],
    ['alg in lower case', craft({ alg: 'hs256' }, validClaims)],
    ['alg RS256', craft({ alg: 'RS256' }, validClaims)],
    ['no alg', craft({ typ: 'JWT' }, validClaims)],
    ['HS256 with an empty signature', craft({ alg: 'HS256' }, validClaims, null)],
  ])('rejects %s', (_what, forged) => {
    expect(codeOf(() => verify(forged))).toBe(AuthErrorCode.BAD_SIGNATURE);
  });

  it('rejects header extensions it does not understand (crit)', () => {
    expect(codeOf(() => verify(craft({ alg: 'HS256', crit: ['exp'] }, validClaims)))).toBe(AuthErrorCode.MALFORMED_TOKEN);
  });
});

describe('malformed tokens', () => {
  it('calls an empty token missing', () => {
    expect(codeOf(() => verify(''))).toBe(AuthErrorCode.MISSING_TOKEN);
  });

  it.each([
    ['one part', 'abc'],
    ['two parts', 'abc.def'],
    ['four parts', 'a.b.c.d'],
    ['a header that is not base64url', `${b64({ alg: 'HS256' })}+/.${b64(validClaims)}.sig`],
    ['a header that is not JSON', `${b64('not json')}.${b64(validClaims)}.sig`],
    ['a header that is a JSON array', `${b64(['HS256'])}.${b64(validClaims)}.sig`],
    ['a huge token', `${b64({ alg: 'HS256' })}.${'a'.repeat(10_000)}.sig`],
  ])('rejects %s', (_what, token) => {
    expect(codeOf(() => verify(token))).toBe(AuthErrorCode.MALFORMED_TOKEN);
  });

  it('rejects a correctly signed payload that is not a JSON object', () => {
    expect(codeOf(() => verify(craft({ alg: 'HS256' }, ['sub', 'u-1'])))).toBe(AuthErrorCode.MALFORMED_TOKEN);
  });
});

describe('time claims', () => {
  const signedAt = (at: Date, expiresInSeconds: number) => signToken(dispatcher, config, { expiresInSeconds, now: at });
  const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

  it('rejects an expired token', () => {
    expect(codeOf(() => verify(signedAt(minutes(-120), 3600)))).toBe(AuthErrorCode.EXPIRED);
  });

  it('tolerates a little clock skew around exp, not more', () => {
    const expiredJustNow = signedAt(new Date(now.getTime() - 3600_000 - (CLOCK_SKEW_SECONDS - 5) * 1000), 3600);
    expect(codeOf(() => verify(expiredJustNow))).toBe('accepted');
    const expiredBeyondSkew = signedAt(new Date(now.getTime() - 3600_000 - CLOCK_SKEW_SECONDS * 1000), 3600);
    expect(codeOf(() => verify(expiredBeyondSkew))).toBe(AuthErrorCode.EXPIRED);
  });

  it('rejects a token issued in the future beyond the skew, accepts one within it', () => {
    expect(codeOf(() => verify(signedAt(minutes(5), 3600)))).toBe(AuthErrorCode.NOT_YET_VALID);
    expect(codeOf(() => verify(signedAt(new Date(now.getTime() + 10_000), 3600)))).toBe('accepted');
  });

  it('rejects a token before its nbf', () => {
    const token = craft({ alg: 'HS256' }, { ...validClaims, nbf: nowSeconds + 600 });
    expect(codeOf(() => verify(token))).toBe(AuthErrorCode.NOT_YET_VALID);
  });

  it.each([
    ['no exp', { ...validClaims, exp: undefined }],
    ['exp as a string', { ...validClaims, exp: String(nowSeconds + 60) }],
    ['nbf as a string', { ...validClaims, nbf: 'soon' }],
  ])('rejects %s as bad claims', (_what, claims) => {
    expect(codeOf(() => verify(craft({ alg: 'HS256' }, claims)))).toBe(AuthErrorCode.BAD_CLAIMS);
  });
});

describe('issuer and audience', () => {
  it.each([
    ['another issuer', { ...validClaims, iss: 'someone-else' }, AuthErrorCode.WRONG_ISSUER],
    ['no issuer', { ...validClaims, iss: undefined }, AuthErrorCode.WRONG_ISSUER],
    ['another audience', { ...validClaims, aud: 'billing-portal' }, AuthErrorCode.WRONG_AUDIENCE],
    ['an audience list without ours', { ...validClaims, aud: ['a', 'b'] }, AuthErrorCode.WRONG_AUDIENCE],
  ])('rejects %s', (_what, claims, code) => {
    expect(codeOf(() => verify(craft({ alg: 'HS256' }, claims)))).toBe(code);
  });

  it('skips the checks when the config sets no issuer or audience', () => {
    const token = craft({ alg: 'HS256' }, { ...validClaims, iss: undefined, aud: undefined });
    expect(codeOf(() => verify(token, { secret: config.secret }))).toBe('accepted');
  });

  it('follows the configured issuer and audience', () => {
    const custom = { ...config, issuer: 'acme-idp', audience: 'acme-serviceloop' };
    const token = signToken(dispatcher, custom, { expiresInSeconds: 60, now });
    expect(verify(token, custom)).toEqual(dispatcher);
    expect(codeOf(() => verify(token))).toBe(AuthErrorCode.WRONG_ISSUER);
  });
});

describe('principal claims', () => {
  it.each([
    ['no sub', { ...validClaims, sub: undefined }, /sub/],
    ['an empty sub', { ...validClaims, sub: '' }, /sub/],
    ['no roles', { ...validClaims, roles: undefined }, /roles/],
    ['an empty role list', { ...validClaims, roles: [] }, /roles/],
    ['roles as a string', { ...validClaims, roles: 'admin' }, /roles/],
    ['an unknown role', { ...validClaims, roles: ['dispatcher', 'superuser'] }, /unknown role "superuser"/],
    ['a customer without customer_id', { ...validClaims, roles: ['customer'] }, /customer_id is required/],
    ['a customer who is also staff', { ...validClaims, roles: ['customer', 'finance'], customer_id: 'c' }, /cannot be combined/],
    ['a numeric engineer_id', { ...validClaims, roles: ['engineer'], engineer_id: 42 }, /engineer_id/],
    ['a name that is not a string', { ...validClaims, name: { first: 'Dana' } }, /name/],
  ])('rejects %s', (_what, claims, message) => {
    const run = () => verify(craft({ alg: 'HS256' }, claims));
    expect(codeOf(run)).toBe(AuthErrorCode.BAD_CLAIMS);
    expect(run).toThrow(message);
  });

  it('drops repeated roles', () => {
    expect(verify(craft({ alg: 'HS256' }, { ...validClaims, roles: ['finance', 'finance'] })).roles).toEqual(['finance']);
  });
});
