import type { LoggerService } from '@nestjs/common';
import { currentCorrelationId } from './correlation.js';

const LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
type Level = (typeof LEVELS)[number];

/**
 * Structured logs: one JSON object per line, scoped by the class that logs and
 * carrying the correlation id when one is known.
 */
export class JsonLogger implements LoggerService {
  private readonly maxLevel: number;

  constructor(
    private readonly service: string,
    level: Level = 'log',
    private readonly format: 'json' | 'pretty' = 'json',
  ) {
    this.maxLevel = LEVELS.indexOf(level);
  }

  log(message: unknown, ...rest: unknown[]) { this.write('log', message, rest); }
  error(message: unknown, ...rest: unknown[]) { this.write('error', message, rest); }
  warn(message: unknown, ...rest: unknown[]) { this.write('warn', message, rest); }
  debug(message: unknown, ...rest: unknown[]) { this.write('debug', message, rest); }
  verbose(message: unknown, ...rest: unknown[]) { this.write('verbose', message, rest); }

  private write(level: Level, message: unknown, rest: unknown[]) {
    if (LEVELS.indexOf(level) > this.maxLevel) return;
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
    const fields =
      message instanceof Error
        ? { msg: message.message, error: message.name, ...(level === 'error' && !stack ? { stack: message.stack } : {}) }
        : typeof message === 'object' && message !== null
          ? (message as Record<string, unknown>)
          : { msg: String(message) };
    const correlationId = currentCorrelationId();
    if (this.format === 'pretty') {
      const { msg, ...other }: Record<string, unknown> = { ...fields, ...(correlationId ? { correlationId } : {}) };
      const extra = Object.keys(other).length ? ` ${JSON.stringify(other)}` : '';
      process.stdout.write(`[${this.service}] ${level.toUpperCase()} ${context ? `[${context}] ` : ''}${msg ?? ''}${extra}${stack ? `\n${stack}` : ''}\n`);
      return;
    }
    const line = { time: new Date().toISOString(), level, service: this.service, context, ...(correlationId ? { correlationId } : {}), ...fields, ...(stack ? { stack } : {}) };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
