import { devAuthConfig } from './config.js';
import { signToken } from './jwt.js';
import type { Principal } from './roles.js';

export const DEV_TOKEN_LIFETIME_SECONDS = 8 * 3600;

/**
 * A token signed with the public dev secret, for tests and `npm start` demos.
 * Services accept it only when they run with AUTH_JWT_SECRET=DEV_ONLY_AUTH_JWT_SECRET.
 */
export function devToken(principal: Principal, expiresInSeconds = DEV_TOKEN_LIFETIME_SECONDS): string {
  return signToken(principal, devAuthConfig(), { expiresInSeconds });
}
