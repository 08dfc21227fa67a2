import {
  BadRequestException,
  ConflictException,
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnprocessableEntityException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { from, of, switchMap, type Observable } from 'rxjs';
import { HttpIdempotencyRepository } from './http-idempotency.repository.js';
import {
  decideOnKeptRequest,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_METHODS,
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyErrorCode,
  idempotencyScopeId,
  keepsAnswer,
  parseIdempotencyKey,
  requestFingerprint,
  type IdempotencyScope,
} from './idempotency-key.js';

interface Req {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  /** Written by AuthGuard, which runs before interceptors. */
  principal?: { subject: string };
}
interface Res {
  statusCode: number;
  send(body?: unknown): Res;
  status(code: number): Res;
  setHeader(name: string, value: string): void;
  getHeader(name: string): unknown;
}

/**
 * Honours `Idempotency-Key` on every POST and PATCH of the service (installed
 * for every route by PlatformModule). A key is the caller's (token subject) for
 * one method and path: the first request reserves it in `http_idempotency`
 * before its handler runs, and its answer (status and JSON body, client errors
 * included) is stored before it is sent. A retry with the same request gets
 * that answer again with `Idempotent-Replayed: true` and runs nothing; see
 * decideOnKeptRequest for the refusals. A request without the header is
 * untouched.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly log = new Logger('HttpIdempotency');

  constructor(private readonly keys: HttpIdempotencyRepository) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Req>();
    const res = context.switchToHttp().getResponse<Res>();
    const header = req.headers[IDEMPOTENCY_KEY_HEADER];
    if (header === undefined || !IDEMPOTENT_METHODS.has(req.method)) return next.handle();
    const parsed = parseIdempotencyKey(header);
    if (!parsed.ok) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: parsed.reason, code: IdempotencyErrorCode.INVALID, reasons: [parsed.reason] });
    }
    // Public routes (probes) have no caller to scope a key to; none of them changes anything.
    if (!req.principal) return next.handle();
    if (!this.keys.available) {
      throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: 'This service keeps no Idempotency-Key (it has no database)' });
    }

    const [path, query = ''] = splitUrl(req.originalUrl);
    const scope: IdempotencyScope = { subject: req.principal.subject, method: req.method, path, key: parsed.key };
    const scopeId = idempotencyScopeId(scope);
    const requestHash = requestFingerprint({ method: req.method, path, query, body: req.body });
    return from(this.keys.reserve(scopeId, scope, requestHash)).pipe(
      switchMap((reservation) => {
        if (reservation.kind === 'reserved') {
          this.storeAnswerBeforeSending(res, scopeId);
          return next.handle();
        }
        const decision = decideOnKeptRequest(reservation.kept, requestHash);
        if (decision.kind === 'replay') {
          // Nest sends what this returns with the status already on the response.
          res.status(decision.statusCode);
          res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
          return of(decision.body);
        }
        const body = { statusCode: decision.statusCode, message: decision.message, code: decision.code };
        throw decision.statusCode === 422
          ? new UnprocessableEntityException({ ...body, error: 'Unprocessable Content' })
          : new ConflictException({ ...body, error: 'Conflict' });
      }),
    );
  }

  /**
   * Every answer, a handler's result or an exception filter's error alike, goes
   * out through `res.send` (`res.json` calls it): the answer is stored there, and
   * sent once it is, so a retry that follows the answer finds it. A 5xx removes
   * the reservation instead. If storing fails the answer is still sent, and the
   * key stays reserved: a retry is refused rather than run twice.
   */
  private storeAnswerBeforeSending(res: Res, scopeId: string): void {
    const send = res.send;
    res.send = (body?: unknown) => {
      res.send = send;
      const statusCode = res.statusCode;
      const settled = keepsAnswer(statusCode)
        ? this.keys.complete(scopeId, statusCode, storedBody(body, res.getHeader('content-type')))
        : this.keys.release(scopeId);
      settled.then(
        () => send.call(res, body),
        (error: unknown) => {
          this.log.error({ msg: 'could not store the answer for an Idempotency-Key; a retry will be refused', status: statusCode, error: (error as Error).message });
          send.call(res, body);
        },
      );
      return res;
    };
  }
}

function splitUrl(url: string): [string, string?] {
  const at = url.indexOf('?');
  return at < 0 ? [url] : [url.slice(0, at), url.slice(at + 1)];
}

/** The answer as JSON: `res.json` hands `send` a JSON string; anything else is kept as text. */
function storedBody(body: unknown, contentType: unknown): unknown {
  if (body === undefined || body === null) return null;
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : undefined;
  if (text === undefined) return body;
  if (typeof contentType === 'string' && /\bjson\b/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
