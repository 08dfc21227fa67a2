import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';
import { AUTH_CONFIG, type AuthConfig } from './config.js';

/** Bearer-token authentication for every HTTP route of the app; import once in the root module. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AUTH_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AUTH_CONFIG],
    };
  }
}
