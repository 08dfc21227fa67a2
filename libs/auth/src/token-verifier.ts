import type { AuthConfig } from './config.js';
import { JwksKeySet, verifyJwksToken } from './jwks.js';
import { AuthError, AuthErrorCode, parseJwt, verifyToken, type VerifyOptions } from './jwt.js';
import type { Principal } from './roles.js';

/**
 * Verifies a bearer token by the one key source configured for its algorithm:
 * HS256 with AUTH_JWT_SECRET, RS256 with the keys at AUTH_JWKS_URL. An RSA key is
 * never used as an HMAC secret or the other way round (algorithm confusion).
 */
export class TokenVerifier {
  private readonly keySet?: JwksKeySet;

  constructor(private readonly config: AuthConfig, keySet?: JwksKeySet) {
    this.keySet = keySet ?? (config.jwks ? new JwksKeySet(config.jwks) : undefined);
  }

  /** The algorithms this service accepts, in the order they are tried. */
  get algorithms(): string[] {
    return [...(this.config.secret ? ['HS256'] : []), ...(this.config.jwks ? ['RS256'] : [])];
  }

  async verify(token: string, options: VerifyOptions = {}): Promise<Principal> {
    const jwt = parseJwt(token);
    const alg = jwt.header.alg;
    if (alg === 'HS256' && this.config.secret) return verifyToken(token, this.config, options);
    if (alg === 'RS256' && this.config.jwks && this.keySet) return verifyJwksToken(jwt, this.keySet, this.config.jwks, options);
    throw new AuthError(AuthErrorCode.BAD_SIGNATURE, `alg must be ${this.algorithms.join(' or ')}, got ${JSON.stringify(alg) ?? 'nothing'}`);
  }
}
