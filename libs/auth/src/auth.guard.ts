import { Inject, Injectable, ServiceUnavailableException, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUTH_CONFIG, type AuthConfig } from './config.js';
import { IS_PUBLIC, REQUIRED_ROLES, type AuthenticatedRequest } from './decorators.js';
import { forbidden, ForbiddenCode } from './forbidden.js';
import { JwksUnavailableError } from './jwks.js';
import { AuthError, AuthErrorCode } from './jwt.js';
import { TokenVerifier } from './token-verifier.js';
import { hasRole, type Role } from './roles.js';

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Every HTTP route needs `Authorization: Bearer <jwt>` unless it is @Public();
 * @Roles() are checked here too. Installed globally by AuthModule.forRoot.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verifier: TokenVerifier;

  constructor(
    @Inject(AUTH_CONFIG) config: AuthConfig,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {
    this.verifier = new TokenVerifier(config);
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    // Kafka handlers receive events from our own services, already vetted at the
    // HTTP edge; there is no user token to check there.
    if (context.getType() !== 'http') return true;
    const targets: [ReturnType<ExecutionContext['getHandler']>, ReturnType<ExecutionContext['getClass']>] = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    return this.authenticate(context, targets);
  }

  private async authenticate(context: ExecutionContext, targets: [ReturnType<ExecutionContext['getHandler']>, ReturnType<ExecutionContext['getClass']>]): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    try {
      request.principal = await this.verifier.verify(bearerToken(request.headers.authorization));
    } catch (error) {
      if (error instanceof JwksUnavailableError) {
        throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: 'The identity provider\'s keys cannot be fetched; try again shortly' });
      }
      if (!(error instanceof AuthError)) throw error;
      // RFC 6750: tell the client which scheme to use, and whether its token was bad.
      const challenge = error.code === AuthErrorCode.MISSING_TOKEN ? 'Bearer' : 'Bearer error="invalid_token"';
      http.getResponse<{ setHeader(name: string, value: string): unknown }>().setHeader('WWW-Authenticate', challenge);
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: error.message, code: error.code });
    }

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !hasRole(request.principal, ...required)) {
      throw forbidden(ForbiddenCode.ROLE_REQUIRED, `Requires role ${required.join(' or ')}`);
    }
    return true;
  }
}

function bearerToken(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? BEARER.exec(value) : null;
  if (!match) throw new AuthError(AuthErrorCode.MISSING_TOKEN, 'Authorization: Bearer <token> header is required');
  return match[1];
}
