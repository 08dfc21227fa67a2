import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import 'reflect-metadata';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AuthModule } from './auth.module.js';
import { AuthConfigError, loadAuthConfig, type AuthConfig } from './config.js';
import { CurrentPrincipal, Roles } from './decorators.js';
import { devToken } from './dev-token.js';
import { JwksUnavailableError } from './jwks.js';
import { AuthError, AuthErrorCode } from './jwt.js';
import type { Principal } from './roles.js';
import { TokenVerifier } from './token-verifier.js';

/** A stand-in identity provider: an RSA key pair per kid and a JWKS endpoint on 127.0.0.1. */
class LocalIdentityProvider {
  private readonly keys = new Map<string, { privateKey: KeyObject; publicKey: KeyObject }>();
  private server?: Server;
  requests = 0;
  down = false;
  readonly issuer = 'https://sso.test/realms/serviceloop';

  addKey(kid: string, bits = 2048): void {
    this.keys.set(kid, generateKeyPairSync('rsa', { modulusLength: bits }));
  }

  removeKey(kid: string): void {
    this.keys.delete(kid);
  }

  publicKeyPem(kid: string): string {
    return this.keys.get(kid)!.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests++;
      if (this.down) {
        res.writeHead(503).end();
        return;
      }
      const keys = [...this.keys].map(([kid, { publicKey }]) => ({ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/realms/serviceloop/protocol/openid-connect/certs`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** A token as Keycloak issues it: realm roles under realm_access, other apps' roles mixed in. */
  sign(kid: string, claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const body = { iss: this.issuer, aud: 'serviceloop-api', sub: 'kc-user-1', iat: now, exp: now + 300, ...claims };
    const unsigned = `${b64({ alg: 'RS256', typ: 'JWT', kid, ...header })}.${b64(body)}`;
    const signature = createSign('RSA-SHA256').update(unsigned).sign(this.keys.get(kid)!.privateKey).toString('base64url');
    return `${unsigned}.${signature}`;
  }
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const secret = 'a-real-secret-of-at-least-32-characters!';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof AuthError) return error.code;
    return (error as Error).name;
  }
}

describe('RS256 tokens verified with the keys of a JWKS URL', () => {
  const idp = new LocalIdentityProvider();
  let url: string;
  let config: AuthConfig;

  beforeAll(async () => {
    idp.addKey('k1');
    url = await idp.start();
    config = loadAuthConfig({ AUTH_JWKS_URL: url, AUTH_JWKS_ISSUER: idp.issuer, AUTH_JWKS_ROLES_CLAIM: 'realm_access.roles' });
  });
  afterAll(() => idp.stop());

  it('accepts a provider token, keeping only ServiceLoop roles, and reads customer_id', async () => {
    const verifier = new TokenVerifier(config);
    const token = idp.sign('k1', { sub: 'erp-connector', realm_access: { roles: ['offline_access', 'integration', 'uma_authorization'] } });
    expect(await verifier.verify(token)).toEqual({ subject: 'erp-connector', roles: ['integration'] });
    const customer = idp.sign('k1', { sub: 'c-user', realm_access: { roles: ['customer'] }, customer_id: 'C-1007' });
    expect(await verifier.verify(customer)).toEqual({ subject: 'c-user', roles: ['customer'], customerId: 'C-1007' });
  });

  it('refuses wrong issuer, wrong audience, expired, no ServiceLoop role, tampered payload', async () => {
    const verifier = new TokenVerifier(config);
    const roles = { realm_access: { roles: ['dispatcher'] } };
    expect(await codeOf(verifier.verify(idp.sign('k1', { ...roles, iss: 'https://evil.test' })))).toBe(AuthErrorCode.WRONG_ISSUER);
    expect(await codeOf(verifier.verify(idp.sign('k1', { ...roles, aud: 'other-app' })))).toBe(AuthErrorCode.WRONG_AUDIENCE);
    expect(await codeOf(verifier.verify(idp.sign('k1', { ...roles, exp: 1_000_000 })))).toBe(AuthErrorCode.EXPIRED);
    expect(await codeOf(verifier.verify(idp.sign('k1', { realm_access: { roles: ['offline_access'] } })))).toBe(AuthErrorCode.BAD_CLAIMS);
    const [header, , signature] = idp.sign('k1', roles).split('.');
    const forged = `${header}.${b64({ iss: idp.issuer, aud: 'serviceloop-api', sub: 'x', exp: 9_999_999_999, realm_access: { roles: ['admin'] } })}.${signature}`;
    expect(await codeOf(verifier.verify(forged))).toBe(AuthErrorCode.BAD_SIGNATURE);
  });

  it('refuses a token signed by a key that is not in the set, and HS256 signed with the public key (algorithm confusion)', async () => {
    const verifier = new TokenVerifier(config);
    const stranger = new LocalIdentityProvider();
    stranger.addKey('k1');
    expect(await codeOf(verifier.verify(stranger.sign('k1', { realm_access: { roles: ['admin'] } })))).toBe(AuthErrorCode.BAD_SIGNATURE);
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'k1' })}.${b64({ iss: idp.issuer, aud: 'serviceloop-api', sub: 'x', exp: 9_999_999_999, roles: ['admin'] })}`;
    const confused = `${unsigned}.${createHmac('sha256', idp.publicKeyPem('k1')).update(unsigned).digest('base64url')}`;
    expect(await codeOf(verifier.verify(confused))).toBe(AuthErrorCode.BAD_SIGNATURE);
    expect(await codeOf(verifier.verify(idp.sign('k1', { realm_access: { roles: ['admin'] } }, { alg: 'none' })))).toBe(AuthErrorCode.BAD_SIGNATURE);
  });

  it('fetches the key set again for an unknown kid (key rotation), and ignores RSA keys under 2048 bits', async () => {
    let clock = Date.now();
    const { JwksKeySet } = await import('./jwks.js');
    const keySet = new JwksKeySet(config.jwks!, undefined, () => clock);
    const verifier = new TokenVerifier(config, keySet);
    expect(await codeOf(verifier.verify(idp.sign('k1', { realm_access: { roles: ['analyst'] } })))).toBe('accepted');
    idp.addKey('k2');
    idp.addKey('weak', 1024);
    clock += 31_000;
    expect(await codeOf(verifier.verify(idp.sign('k2', { realm_access: { roles: ['analyst'] } })))).toBe('accepted');
    expect(await codeOf(verifier.verify(idp.sign('weak', { realm_access: { roles: ['analyst'] } })))).toBe(AuthErrorCode.BAD_SIGNATURE);
    idp.removeKey('weak');
  });

  it('keeps cached keys while the provider is down; without any it says the provider is unavailable', async () => {
    const verifier = new TokenVerifier(config);
    const token = idp.sign('k1', { realm_access: { roles: ['analyst'] } });
    expect(await codeOf(verifier.verify(token))).toBe('accepted');
    idp.down = true;
    try {
      expect(await codeOf(verifier.verify(token))).toBe('accepted');
      expect(await codeOf(new TokenVerifier(config).verify(token))).toBe(JwksUnavailableError.name);
    } finally {
      idp.down = false;
    }
  });

  it('accepts both dev HS256 tokens and provider RS256 tokens when both are configured', async () => {
    const both = new TokenVerifier(
      loadAuthConfig({ AUTH_JWT_SECRET: 'serviceloop-dev-only-jwt-secret-not-for-production', AUTH_JWKS_URL: url, AUTH_JWKS_ISSUER: idp.issuer, AUTH_JWKS_ROLES_CLAIM: 'realm_access.roles' }),
    );
    expect(await both.verify(devToken({ subject: 'dev', roles: ['dispatcher'] }))).toEqual({ subject: 'dev', roles: ['dispatcher'] });
    expect((await both.verify(idp.sign('k1', { realm_access: { roles: ['finance'] } }))).roles).toEqual(['finance']);
    // JWKS only: the dev secret's tokens are refused.
    expect(await codeOf(new TokenVerifier(config).verify(devToken({ subject: 'dev', roles: ['admin'] })))).toBe(AuthErrorCode.BAD_SIGNATURE);
  });

  describe('through the AuthGuard', () => {
    @Roles('integration')
    @Controller('dead-letters')
    class ReplayController {
      @Get()
      who(@CurrentPrincipal() principal: Principal) {
        return principal;
      }
    }
    let app: INestApplication;

    beforeAll(async () => {
      const moduleRef = await Test.createTestingModule({ imports: [AuthModule.forRoot(config)], controllers: [ReplayController] }).compile();
      app = moduleRef.createNestApplication({ logger: false });
      await app.init();
    });
    afterAll(() => app.close());

    it('200 for the integration role, 403 for another, 401 for a foreign key', async () => {
      const http = request(app.getHttpServer());
      await http.get('/dead-letters').set('Authorization', `Bearer ${idp.sign('k1', { sub: 'erp', realm_access: { roles: ['integration'] } })}`).expect(200, { subject: 'erp', roles: ['integration'] });
      const denied = await http.get('/dead-letters').set('Authorization', `Bearer ${idp.sign('k1', { realm_access: { roles: ['analyst'] } })}`).expect(403);
      expect(denied.body.code).toBe('ROLE_REQUIRED');
      const stranger = new LocalIdentityProvider();
      stranger.addKey('k1');
      const refused = await http.get('/dead-letters').set('Authorization', `Bearer ${stranger.sign('k1', { realm_access: { roles: ['integration'] } })}`).expect(401);
      expect(refused.body.code).toBe(AuthErrorCode.BAD_SIGNATURE);
    });
  });
});

describe('loadAuthConfig with JWKS', () => {
  it('needs the secret or a JWKS URL; the JWKS URL needs the issuer; names the variable', () => {
    expect(() => loadAuthConfig({})).toThrow(/AUTH_JWT_SECRET is required/);
    expect(() => loadAuthConfig({ AUTH_JWKS_URL: 'https://sso/certs' })).toThrow(new AuthConfigError('AUTH_JWKS_ISSUER', "is required with AUTH_JWKS_URL (the identity provider's iss)"));
    expect(() => loadAuthConfig({ AUTH_JWKS_URL: 'ftp://sso/certs', AUTH_JWKS_ISSUER: 'x' })).toThrow(/AUTH_JWKS_URL must be an http\(s\) URL/);
    expect(() => loadAuthConfig({ AUTH_JWT_SECRET: secret, AUTH_JWKS_ISSUER: 'x' })).toThrow(/AUTH_JWKS_ISSUER needs AUTH_JWKS_URL/);
    expect(() => loadAuthConfig({ AUTH_JWKS_URL: 'https://sso/certs', AUTH_JWKS_ISSUER: 'x', AUTH_JWKS_CACHE_SECONDS: 'soon' })).toThrow(/AUTH_JWKS_CACHE_SECONDS/);
  });

  it('reads issuer, audience, roles claim and cache time', () => {
    expect(loadAuthConfig({ AUTH_JWKS_URL: 'https://sso/certs', AUTH_JWKS_ISSUER: 'https://sso/realms/x', AUTH_JWKS_AUDIENCE: 'psa', AUTH_JWKS_ROLES_CLAIM: 'realm_access.roles', AUTH_JWKS_CACHE_SECONDS: '60' })).toEqual({
      issuer: 'serviceloop',
      audience: 'serviceloop-api',
      jwks: { url: 'https://sso/certs', issuer: 'https://sso/realms/x', audience: 'psa', rolesClaim: 'realm_access.roles', cacheMs: 60_000 },
    });
  });
});
