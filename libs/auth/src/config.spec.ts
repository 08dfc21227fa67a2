import { AuthConfigError, DEV_ONLY_AUTH_JWT_SECRET, devAuthConfig, loadAuthConfig } from './config.js';
import { devToken } from './dev-token.js';
import { verifyToken } from './jwt.js';

const secret = 'a-real-secret-of-at-least-32-characters!';

describe('loadAuthConfig', () => {
  it('requires AUTH_JWT_SECRET, naming it', () => {
    expect(() => loadAuthConfig({})).toThrow(AuthConfigError);
    expect(() => loadAuthConfig({})).toThrow('Configuration error: AUTH_JWT_SECRET is required');
    expect(() => loadAuthConfig({ AUTH_JWT_SECRET: '' })).toThrow(/AUTH_JWT_SECRET/);
  });

  it('refuses a secret shorter than 32 characters, naming the variable', () => {
    expect(() => loadAuthConfig({ AUTH_JWT_SECRET: 'x'.repeat(31) })).toThrow(
      'Configuration error: AUTH_JWT_SECRET must be at least 32 characters, got 31',
    );
  });

  it('defaults issuer and audience, and takes them from the environment', () => {
    expect(loadAuthConfig({ AUTH_JWT_SECRET: secret })).toEqual({ secret, issuer: 'serviceloop', audience: 'serviceloop-api' });
    expect(loadAuthConfig({ AUTH_JWT_SECRET: secret, AUTH_JWT_ISSUER: 'acme-idp', AUTH_JWT_AUDIENCE: 'acme' })).toEqual({
      secret,
      issuer: 'acme-idp',
      audience: 'acme',
    });
  });
});

describe('dev tokens', () => {
  it('are accepted by a service running with the dev secret, for 8 hours', () => {
    const token = devToken({ subject: 'demo-dispatcher', roles: ['dispatcher'] });
    const service = loadAuthConfig({ AUTH_JWT_SECRET: DEV_ONLY_AUTH_JWT_SECRET });
    expect(verifyToken(token, service)).toEqual({ subject: 'demo-dispatcher', roles: ['dispatcher'] });
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(payload.exp - payload.iat).toBe(8 * 3600);
    expect(devAuthConfig().secret).toBe(DEV_ONLY_AUTH_JWT_SECRET);
  });

  it('are refused by a service with a real secret', () => {
    const token = devToken({ subject: 'demo', roles: ['admin'] });
    expect(() => verifyToken(token, loadAuthConfig({ AUTH_JWT_SECRET: secret }))).toThrow('signature does not match');
  });
});
