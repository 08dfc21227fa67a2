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

export interface AuthConfig {
  /** HMAC-SHA256 key shared by every service that verifies tokens and by whoever issues them. */
  secret: string;
  /** Expected `iss`; checked when set. */
  issuer?: string;
  /** Expected `aud` (a token may list several); checked when set. */
  audience?: string;
}

/** Shorter HMAC keys are guessable offline from a single captured token. */
export const MIN_SECRET_LENGTH = 32;

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

type Env = Record<string, string | undefined>;

export function loadAuthConfig(env: Env = process.env): AuthConfig {
  const secret = env.AUTH_JWT_SECRET;
  if (!secret) throw new AuthConfigError('AUTH_JWT_SECRET', 'is required (the HS256 key for bearer tokens)');
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new AuthConfigError('AUTH_JWT_SECRET', `must be at least ${MIN_SECRET_LENGTH} characters, got ${secret.length}`);
  }
  return {
    secret,
    issuer: env.AUTH_JWT_ISSUER || 'serviceloop',
    audience: env.AUTH_JWT_AUDIENCE || 'serviceloop-api',
  };
}

/**
 * The well-known secret for local runs (`npm start`) and tests. Anyone can read it
 * here, so tokens signed with it prove nothing: never set it in a real deployment.
 */
export const DEV_ONLY_AUTH_JWT_SECRET = 'serviceloop-dev-only-jwt-secret-not-for-production';

/** Config for local runs and tests, with the public dev secret and the default issuer/audience. */
export function devAuthConfig(): AuthConfig {
  return loadAuthConfig({ AUTH_JWT_SECRET: DEV_ONLY_AUTH_JWT_SECRET });
}
