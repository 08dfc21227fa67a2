import { createPublicKey, verify as verifySignature, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { JwksConfig } from './config.js';
import { AuthError, AuthErrorCode, checkedPrincipal, decodeJwtPart, type ParsedJwt, type VerifyOptions } from './jwt.js';
import type { Principal } from './roles.js';

/** The provider could not be asked for its keys and none are cached: a 503, not the caller's fault. */
export class JwksUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwksUnavailableError';
  }
}

/** Smaller RSA keys are breakable; RFC 7518 requires 2048 bits for RS256. */
const MIN_RSA_BITS = 2048;
/** An unknown `kid` refetches the key set (key rotation), but not more often than this. */
const REFETCH_COOLDOWN_MS = 30_000;
const FETCH_TIMEOUT_MS = 5000;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

type Fetch = (url: string, init: { signal: AbortSignal; headers: Record<string, string> }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/**
 * The signing keys of an identity provider, fetched from its JWKS URL and kept
 * for `cacheMs`. Only RSA signature keys usable for RS256 are kept.
 */
export class JwksKeySet {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = 0;
  private inFlight?: Promise<void>;

  constructor(
    private readonly config: JwksConfig,
    private readonly fetchFn: Fetch = fetch as unknown as Fetch,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key for a token's `kid` (or the only key, for a token without one). */
  async key(kid: string | undefined): Promise<KeyObject> {
    const age = this.now() - this.fetchedAt;
    if (this.fetchedAt === 0 || age > this.config.cacheMs) await this.refresh(this.fetchedAt === 0);
    let found = this.pick(kid);
    if (!found && age > REFETCH_COOLDOWN_MS && this.fetchedAt !== 0) {
      await this.refresh(false);
      found = this.pick(kid);
    }
    if (!found) {
      throw new AuthError(AuthErrorCode.BAD_SIGNATURE, kid ? `no key ${JSON.stringify(kid)} in the identity provider's key set` : 'token has no kid and the key set has several keys');
    }
    return found;
  }

  private pick(kid: string | undefined): KeyObject | undefined {
    if (kid !== undefined) return this.keys.get(kid);
    return this.keys.size === 1 ? [...this.keys.values()][0] : undefined;
  }

  private async refresh(required: boolean): Promise<void> {
    this.inFlight ??= this.load().finally(() => (this.inFlight = undefined));
    try {
      await this.inFlight;
    } catch (error) {
      // Keys we already hold stay usable while the provider is unreachable.
      if (required || this.keys.size === 0) throw new JwksUnavailableError(`JWKS ${this.config.url}: ${(error as Error).message}`);
    }
  }

  private async load(): Promise<void> {
    const response = await this.fetchFn(this.config.url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = (await response.json()) as { keys?: unknown };
    if (!body || !Array.isArray(body.keys)) throw new Error('not a JWK set (no keys array)');
    const keys = new Map<string, KeyObject>();
    for (const jwk of body.keys as (JsonWebKey & { kid?: string; use?: string; alg?: string })[]) {
      if (jwk.kty !== 'RSA' || (jwk.use !== undefined && jwk.use !== 'sig') || (jwk.alg !== undefined && jwk.alg !== 'RS256')) continue;
      let key: KeyObject;
      try {
        key = createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });
      } catch {
        continue;
      }
      if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) continue;
      keys.set(jwk.kid ?? '', key);
    }
    this.keys = keys;
    this.fetchedAt = this.now();
  }
}

/** The principal of a valid RS256 token signed by one of the provider's keys. */
export async function verifyJwksToken(jwt: ParsedJwt, keySet: JwksKeySet, config: JwksConfig, options: VerifyOptions = {}): Promise<Principal> {
  if (jwt.header.alg !== 'RS256') {
    throw new AuthError(AuthErrorCode.BAD_SIGNATURE, `alg must be RS256, got ${JSON.stringify(jwt.header.alg) ?? 'nothing'}`);
  }
  const kid = jwt.header.kid;
  if (kid !== undefined && typeof kid !== 'string') throw new AuthError(AuthErrorCode.MALFORMED_TOKEN, 'kid must be a string');
  if (!BASE64URL.test(jwt.signaturePart)) throw new AuthError(AuthErrorCode.MALFORMED_TOKEN, 'signature is not base64url');
  const key = await keySet.key(kid);
  const valid = verifySignature('RSA-SHA256', Buffer.from(jwt.signingInput), key, Buffer.from(jwt.signaturePart, 'base64url'));
  if (!valid) throw new AuthError(AuthErrorCode.BAD_SIGNATURE, 'signature does not match');
  return checkedPrincipal(decodeJwtPart(jwt.payloadPart, 'payload'), {
    issuer: config.issuer,
    audience: config.audience,
    rolesClaim: config.rolesClaim,
    ignoreUnknownRoles: true,
  }, options);
}
