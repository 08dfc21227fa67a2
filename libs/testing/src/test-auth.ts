import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { devToken, type Principal, type Role } from '#auth';

/** A bearer token for a test user (the dev secret; services under test run with devAuthConfig()). */
export function tokenFor(roles: Role[], extra: Partial<Principal> = {}): string {
  return devToken({ subject: extra.subject ?? `test-${roles.join('-')}`, roles, ...extra });
}

/** An HTTP client that sends the given user's token with every request. */
export function apiAs(app: INestApplication, roles: Role[] = ['admin'], extra: Partial<Principal> = {}) {
  return request.agent(app.getHttpServer()).set('Authorization', `Bearer ${tokenFor(roles, extra)}`);
}
