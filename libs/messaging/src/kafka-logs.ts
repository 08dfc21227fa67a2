import { createRequire } from 'node:module';
import { Logger } from '@nestjs/common';
import { logLevel, type logCreator, type LogEntry } from 'kafkajs';

/** The group's answers that kafkajs meets by joining the group again: a rebalance, not a fault. */
const REJOINS = new Set(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'MEMBER_ID_REQUIRED']);

/**
 * The broker's answers that kafkajs itself retries (the group coordinator is
 * loading, a leader moved...) or meets by rejoining the group: their texts, from
 * kafkajs' own table of Kafka error codes. Empty if that table cannot be read,
 * which only makes such answers log as errors, as kafkajs prints them.
 */
function retriableBrokerErrors(): ReadonlySet<string> {
  try {
    const table = createRequire(import.meta.url)('kafkajs/src/protocol/error') as { errorCodes?: { type: string; message: string; retriable?: boolean }[] };
    return new Set((table.errorCodes ?? []).filter((e) => e.retriable || REJOINS.has(e.type)).map((e) => e.message));
  } catch {
    return new Set();
  }
}

const RETRIABLE = retriableBrokerErrors();
const RESTARTING = /^Restarting the consumer in \d+ms$/;
/** How kafkajs logs a consumer's crash on a broker answer: this, then the answer's text. */
const PROTOCOL_CRASH = 'Crash: KafkaJSProtocolError: ';

export type KafkaLogLevel = 'error' | 'warn' | 'log' | 'debug';

/**
 * The level one kafkajs log entry is written at. kafkajs prints every error
 * answer of the broker as an error, including those it retries on its own (a
 * broker starting or restarting, a rebalance), and its consumer's restart after
 * such an answer: those are warnings, so that an alert on errors means something
 * is wrong. Everything else keeps kafkajs' level (a broker out of reach stays an
 * error until it is back).
 */
export function kafkaLogLevel(level: logLevel, message: string, fields: Record<string, unknown>, retriable: ReadonlySet<string> = RETRIABLE): KafkaLogLevel {
  if (level === logLevel.ERROR) {
    const answer = typeof fields.error === 'string' ? fields.error : undefined;
    const crash = message.startsWith(PROTOCOL_CRASH) ? message.slice(PROTOCOL_CRASH.length) : undefined;
    const transient = (answer !== undefined && retriable.has(answer)) || (crash !== undefined && retriable.has(crash)) || RESTARTING.test(message);
    return transient ? 'warn' : 'error';
  }
  if (level === logLevel.WARN) return 'warn';
  if (level === logLevel.INFO) return 'log';
  return 'debug';
}

/**
 * kafkajs' logs through the service's own logger: the same JSON lines as
 * everything else it logs (service name, correlation id), under the context
 * `kafkajs`, with kafkajs' namespace and fields beside the message. Its stack
 * traces of retried failures are left out.
 */
export const kafkaLogs: logCreator = () => {
  const logger = new Logger('kafkajs');
  return ({ namespace, level, log }: LogEntry) => {
    const { message, timestamp: _timestamp, ...fields } = log;
    const at = kafkaLogLevel(level, message, fields);
    if (at !== 'error') delete fields.stack;
    logger[at]({ msg: `[${namespace}] ${message}`, ...fields });
  };
};
