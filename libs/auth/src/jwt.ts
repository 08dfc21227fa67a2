import { createHmac, timingSafeEqual } from 'node:crypto';
import { MIN_SECRET_LENGTH, type AuthConfig } from './config.js';
import { isRole, type Principal, type Role } from './roles.js';

/** Why a token was refused; sent to the client as `code` with the 401. */
export const AuthErrorCode = {
  MISSING_TOKEN: 'MISSING_TOKEN',
  MALFORMED_TOKEN: 'MALFORMED_TOKEN',
  /** The signature does not match, or the token is not HS256 (e.g. `alg: none`). */
  BAD_SIGNATURE: 'BAD_SIGNATURE',
  EXPIRED: 'EXPIRED',
  NOT_YET_VALID: 'NOT_YET_VALID',
  WRONG_ISSUER: 'WRONG_ISSUER',
  WRONG_AUDIENCE: 'WRONG_AUDIENCE',
  /** Signed correctly, but `sub`, `roles`, `exp`, ... are missing or invalid. */
  BAD_CLAIMS: 'BAD_CLAIMS',
} as const;
export type AuthErrorCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode];

export class AuthError extends Error {
  constructor(readonly code: AuthErrorCode, message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

/** Tolerated difference between the issuer's clock and ours. */
export const CLOCK_SKEW_SECONDS = 30;
/** Far above any real token; stops us from parsing megabytes of attacker JSON. */
const MAX_TOKEN_LENGTH = 8192;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface SignOptions {
  expiresInSeconds: number;
  /** Issue time; tests move it. */
  now?: Date;
}

export interface VerifyOptions {
  now?: Date;
}

export function signToken(principal: Principal, config: AuthConfig, options: SignOptions): string {
  const { expiresInSeconds } = options;
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0) {
    throw new RangeError(`expiresInSeconds must be a positive whole number, got ${expiresInSeconds}`);
  }
  const iat = seconds(options.now);
  const claims = {
    sub: principal.subject,
    name: principal.name,
    roles: principal.roles,
    customer_id: principal.customerId,
    engineer_id: principal.engineerId,
    iss: config.issuer,
    aud: config.audience,
    iat,
    exp: iat + expiresInSeconds,
  };
  // Never mint a token that verifyToken would refuse.
  principalFromClaims(claims);
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${hmac(config, unsigned)}`;
}

/** The principal of a valid HS256 token; otherwise throws AuthError saying why. */
export function verifyToken(token: string, config: AuthConfig, options: VerifyOptions = {}): Principal {
  const jwt = parseJwt(token);
  // The header decides nothing: we accept exactly one algorithm, so `none` or a
  // different HMAC cannot be used to slip past the check below.
  if (jwt.header.alg !== 'HS256') {
    throw new AuthError(AuthErrorCode.BAD_SIGNATURE, `alg must be HS256, got ${JSON.stringify(jwt.header.alg) ?? 'nothing'}`);
  }
  // Compare the encoded form, so no second encoding of the same bytes is accepted.
  const expected = Buffer.from(hmac(config, jwt.signingInput));
  const given = Buffer.from(jwt.signaturePart);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AuthError(AuthErrorCode.BAD_SIGNATURE, 'signature does not match');
  }
  // Only a payload we signed ourselves is parsed.
  return checkedPrincipal(decodeJson(jwt.payloadPart, 'payload'), config, options);
}

/** A compact JWS split into its parts; the payload is not parsed before the signature is checked. */
export interface ParsedJwt {
  header: Record<string, unknown>;
  payloadPart: string;
  signaturePart: string;
  /** `header.payload`, the bytes the signature covers. */
  signingInput: string;
}

export function parseJwt(token: string): ParsedJwt {
  if (!token) throw new AuthError(AuthErrorCode.MISSING_TOKEN, 'No bearer token');
  if (token.length > MAX_TOKEN_LENGTH) throw malformed(`token is longer than ${MAX_TOKEN_LENGTH} characters`);
  const parts = token.split('.');
  if (parts.length !== 3) throw malformed('expected header.payload.signature');
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decodeJson(headerPart, 'header');
  // RFC 7515: extensions listed in `crit` must be understood; we understand none.
  if (header.crit !== undefined) throw malformed('crit header extensions are not supported');
  return { header, payloadPart, signaturePart, signingInput: `${headerPart}.${payloadPart}` };
}

export interface ClaimRules {
  issuer?: string;
  audience?: string;
  /** Where the roles are (dot path, e.g. `realm_access.roles` for Keycloak); `roles` by default. */
  rolesClaim?: string;
  /**
   * An identity provider's token carries roles of other applications too; those
   * are dropped instead of refused (at least one ServiceLoop role must remain).
   */
  ignoreUnknownRoles?: boolean;
}

/** Time, issuer and audience checks, then the principal; for a payload whose signature is verified. */
export function checkedPrincipal(claims: Record<string, unknown>, rules: ClaimRules, options: VerifyOptions = {}): Principal {
  checkTimes(claims, seconds(options.now));
  if (rules.issuer && claims.iss !== rules.issuer) {
    throw new AuthError(AuthErrorCode.WRONG_ISSUER, `iss must be ${rules.issuer}`);
  }
  if (rules.audience) {
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(rules.audience)) {
      throw new AuthError(AuthErrorCode.WRONG_AUDIENCE, `aud must include ${rules.audience}`);
    }
  }
  if (rules.rolesClaim && rules.rolesClaim !== 'roles') {
    claims = { ...claims, roles: claimAt(claims, rules.rolesClaim) };
  }
  if (rules.ignoreUnknownRoles && Array.isArray(claims.roles)) {
    const known = claims.roles.filter((role) => isRole(role));
    if (known.length === 0) throw badClaims(`${rules.rolesClaim ?? 'roles'} holds no ServiceLoop role`);
    claims = { ...claims, roles: known };
  }
  return principalFromClaims(claims);
}

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function decodeJwtPart(part: string, what: string): Record<string, unknown> {
  return decodeJson(part, what);
}

function checkTimes(claims: Record<string, unknown>, now: number): void {
  // Tokens that never expire cannot be taken back, so exp is required.
  const exp = numericDate(claims, 'exp', true)!;
  const nbf = numericDate(claims, 'nbf', false);
  const iat = numericDate(claims, 'iat', false);
  if (now >= exp + CLOCK_SKEW_SECONDS) throw new AuthError(AuthErrorCode.EXPIRED, 'token has expired');
  if (nbf !== undefined && now + CLOCK_SKEW_SECONDS < nbf) {
    throw new AuthError(AuthErrorCode.NOT_YET_VALID, 'token is not valid yet (nbf)');
  }
  if (iat !== undefined && now + CLOCK_SKEW_SECONDS < iat) {
    throw new AuthError(AuthErrorCode.NOT_YET_VALID, 'token is issued in the future (iat)');
  }
}

function numericDate(claims: Record<string, unknown>, name: string, required: boolean): number | undefined {
  const value = claims[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new AuthError(AuthErrorCode.BAD_CLAIMS, `${name} must be a NumericDate (seconds since epoch)`);
  }
  return value;
}

/** Claims to principal, refusing anything ambiguous: access rules rely on these fields. */
function principalFromClaims(claims: Record<string, unknown>): Principal {
  const { sub, name, roles, customer_id, engineer_id } = claims;
  if (typeof sub !== 'string' || sub === '') throw badClaims('sub must be a non-empty string');
  if (name !== undefined && typeof name !== 'string') throw badClaims('name must be a string');
  if (!Array.isArray(roles) || roles.length === 0) throw badClaims('roles must be a non-empty array');
  // An unknown role is refused rather than ignored, so a typo at the issuer shows up at once.
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw badClaims(`unknown role ${unknown.map((r) => JSON.stringify(r)).join(', ')}`);
  for (const [claim, value] of [['customer_id', customer_id], ['engineer_id', engineer_id]] as const) {
    if (value !== undefined && (typeof value !== 'string' || value === '')) throw badClaims(`${claim} must be a non-empty string`);
  }
  const principal: Principal = { subject: sub, roles: [...new Set(roles as Role[])] };
  if (principal.roles.includes('customer')) {
    if (customer_id === undefined) throw badClaims('customer_id is required with role customer');
    // A customer who also had staff roles would leave customer scoping ambiguous.
    if (principal.roles.length > 1) throw badClaims('role customer cannot be combined with other roles');
  }
  if (name !== undefined) principal.name = name;
  if (customer_id !== undefined) principal.customerId = customer_id as string;
  if (engineer_id !== undefined) principal.engineerId = engineer_id as string;
  return principal;
}

function hmac(config: AuthConfig, data: string): string {
  // loadAuthConfig checks this too; a config built by hand must not bypass it.
  if (typeof config.secret !== 'string' || config.secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`Auth secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  return createHmac('sha256', config.secret).update(data).digest('base64url');
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeJson(part: string, what: string): Record<string, unknown> {
  // Buffer.from(.., 'base64url') skips characters it does not know; refuse them instead.
  if (!BASE64URL.test(part)) throw malformed(`${what} is not base64url`);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw malformed(`${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(`${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

function seconds(at: Date = new Date()): number {
  return Math.floor(at.getTime() / 1000);
}

function malformed(message: string): AuthError {
  return new AuthError(AuthErrorCode.MALFORMED_TOKEN, message);
}

function badClaims(message: string): AuthError {
  return new AuthError(AuthErrorCode.BAD_CLAIMS, message);
}
