/**
 * Token settings are read from the environment once, at boot. A bad value stops
 * the service with a message that names the variable.
 */
export class AuthConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    // Same wording as #platform's ConfigError; #auth does not import #platform so
    // that platform code (the health controller) can use @Public() without a cycle.
    super(`Configuration error: ${variable} ${message}`);
    this.name = 'AuthConfigError';
  }
}

/** RS256 tokens of an identity provider (Keycloak, Entra ID, Auth0...), verified with its published keys. */
export interface JwksConfig {
  /** The provider's JWKS document, e.g. https://sso.example.com/realms/serviceloop/protocol/openid-connect/certs */
  url: string;
  /** Expected `iss` of the provider's tokens (always checked: a key set alone does not say whose tokens they are). */
  issuer: string;
  /** Expected `aud`. */
  audience: string;
  /** Dot path of the roles claim, e.g. `realm_access.roles` for Keycloak realm roles. */
  rolesClaim: string;
  /** How long fetched keys are trusted before they are fetched again. */
  cacheMs: number;
}

export interface AuthConfig {
  /**
   * HMAC-SHA256 key shared by every service that verifies tokens and by whoever
   * issues them (development, `npm start`, tests). Without it only JWKS tokens pass.
   */
  secret?: string;
  /** Expected `iss` of HS256 tokens; checked when set. */
  issuer?: string;
  /** Expected `aud` of HS256 tokens (a token may list several); checked when set. */
  audience?: string;
  /** RS256 verification with the keys of an identity provider. */
  jwks?: JwksConfig;
}

/** Shorter HMAC keys are guessable offline from a single captured token. */
export const MIN_SECRET_LENGTH = 32;

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

type Env = Record<string, string | undefined>;

export function loadAuthConfig(env: Env = process.env): AuthConfig {
  const jwks = loadJwksConfig(env);
  const secret = env.AUTH_JWT_SECRET;
  if (!secret && !jwks) {
    throw new AuthConfigError('AUTH_JWT_SECRET', 'is required (the HS256 key for bearer tokens) unless AUTH_JWKS_URL is set');
  }
  if (secret && secret.length < MIN_SECRET_LENGTH) {
    throw new AuthConfigError('AUTH_JWT_SECRET', `must be at least ${MIN_SECRET_LENGTH} characters, got ${secret.length}`);
  }
  return {
    ...(secret ? { secret } : {}),
    issuer: env.AUTH_JWT_ISSUER || 'serviceloop',
    audience: env.AUTH_JWT_AUDIENCE || 'serviceloop-api',
    ...(jwks ? { jwks } : {}),
  };
}

function loadJwksConfig(env: Env): JwksConfig | undefined {
  const url = env.AUTH_JWKS_URL;
  if (!url) {
    for (const name of ['AUTH_JWKS_ISSUER', 'AUTH_JWKS_AUDIENCE', 'AUTH_JWKS_ROLES_CLAIM']) {
      if (env[name]) throw new AuthConfigError(name, 'needs AUTH_JWKS_URL');
    }
    return undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AuthConfigError('AUTH_JWKS_URL', `must be an http(s) URL, got "${url}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new AuthConfigError('AUTH_JWKS_URL', `must be an http(s) URL, got "${url}"`);
  }
  const issuer = env.AUTH_JWKS_ISSUER;
  if (!issuer) throw new AuthConfigError('AUTH_JWKS_ISSUER', "is required with AUTH_JWKS_URL (the identity provider's iss)");
  const rolesClaim = env.AUTH_JWKS_ROLES_CLAIM || 'roles';
  if (!/^[A-Za-z0-9_:-]+(\.[A-Za-z0-9_:-]+)*$/.test(rolesClaim)) {
    throw new AuthConfigError('AUTH_JWKS_ROLES_CLAIM', `must be a claim name or dot path, got "${rolesClaim}"`);
  }
  const cacheRaw = env.AUTH_JWKS_CACHE_SECONDS;
  if (cacheRaw !== undefined && cacheRaw !== '' && !/^\d+$/.test(cacheRaw)) {
    throw new AuthConfigError('AUTH_JWKS_CACHE_SECONDS', `must be a whole number, got "${cacheRaw}"`);
  }
  return {
    url,
    issuer,
    audience: env.AUTH_JWKS_AUDIENCE || env.AUTH_JWT_AUDIENCE || 'serviceloop-api',
    rolesClaim,
    cacheMs: (cacheRaw ? Number(cacheRaw) : 600) * 1000,
  };
}

/**
 * The well-known secret for local runs (`npm start`) and tests. Anyone can read it
 * here, so tokens signed with it prove nothing: never set it in a real deployment.
 */
export const DEV_ONLY_AUTH_JWT_SECRET = 'serviceloop-dev-only-jwt-secret-not-for-production';

/** Config for local runs and tests, with the public dev secret and the default issuer/audience. */
export function devAuthConfig(): AuthConfig & { secret: string } {
  return { ...loadAuthConfig({ AUTH_JWT_SECRET: DEV_ONLY_AUTH_JWT_SECRET }), secret: DEV_ONLY_AUTH_JWT_SECRET };
}
