import { Catch, type ArgumentsHost, type INestApplication, type RpcExceptionFilter } from '@nestjs/common';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { throwError, type Observable } from 'rxjs';

/**
 * Applied to every event handler by `@OnEvent` (#messaging). Nest's default RPC filter turns every handler error into a generic
 * "Internal server error". The event transport must see the original error to
 * tell a permanent failure (dead-letter) from an infrastructure fault (retry).
 */
@Catch()
export class RethrowEventErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** Connects and starts the service's event consumer on an app (real boot and tests alike). */
export async function startEventTransport(app: INestApplication, strategy: CustomTransportStrategy): Promise<void> {
  app.connectMicroservice({ strategy }, { inheritAppConfig: false });
  await app.startAllMicroservices();
}
