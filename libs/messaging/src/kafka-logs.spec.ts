import { Logger, type LoggerService } from '@nestjs/common';
import { logLevel } from 'kafkajs';
import { kafkaLogLevel, kafkaLogs } from './kafka-logs.js';

const LOADING = "The coordinator is loading and hence can't process requests for this group";
const REBALANCING = 'The group is rebalancing, so a rejoin is needed';

describe('kafkajs logs at the level an operator should see them', () => {
  it('a broker answer kafkajs retries itself (starting broker, rebalance) is a warning, read from kafkajs’ own error table', () => {
    expect(kafkaLogLevel(logLevel.ERROR, 'Response GroupCoordinator(key: 10, version: 2)', { error: LOADING })).toBe('warn');
    expect(kafkaLogLevel(logLevel.ERROR, 'Response Heartbeat(key: 12, version: 3)', { error: REBALANCING })).toBe('warn');
    expect(kafkaLogLevel(logLevel.ERROR, `Crash: KafkaJSProtocolError: ${LOADING}`, { groupId: 'g' })).toBe('warn');
    expect(kafkaLogLevel(logLevel.ERROR, 'Restarting the consumer in 300ms', { retryTime: 300 })).toBe('warn');
  });

  it('an answer kafkajs does not retry, a broker out of reach and any other error stay errors', () => {
    expect(kafkaLogLevel(logLevel.ERROR, 'Response Fetch(key: 1, version: 11)', { error: 'Not authorized to access topics: [Topic authorization failed]' })).toBe('error');
    expect(kafkaLogLevel(logLevel.ERROR, 'Connection error: connect ECONNREFUSED 127.0.0.1:9092', {})).toBe('error');
    expect(kafkaLogLevel(logLevel.ERROR, 'Crash: KafkaJSNonRetriableError: something broke', {})).toBe('error');
    expect(kafkaLogLevel(logLevel.ERROR, 'Restarting the consumer soon', {})).toBe('error');
  });

  it('without kafkajs’ table a retried answer is an error, as kafkajs prints it', () => {
    expect(kafkaLogLevel(logLevel.ERROR, 'Response Heartbeat(key: 12, version: 3)', { error: REBALANCING }, new Set())).toBe('error');
  });

  it('warnings, information and debug keep their level', () => {
    expect(kafkaLogLevel(logLevel.WARN, 'KafkaJS v2.0.0 switched default partitioner', {})).toBe('warn');
    expect(kafkaLogLevel(logLevel.INFO, 'Starting', {})).toBe('log');
    expect(kafkaLogLevel(logLevel.DEBUG, 'Request Fetch', {})).toBe('debug');
  });

  it('writes through the service’s logger: namespace in the message, kafkajs’ fields beside it, no stack on a warning', () => {
    const written: { level: string; message: unknown; context: unknown }[] = [];
    const capture = (level: string) => (message: unknown, ...rest: unknown[]) => written.push({ level, message, context: rest[rest.length - 1] });
    const sink: LoggerService = { log: capture('log'), error: capture('error'), warn: capture('warn'), debug: capture('debug'), verbose: capture('verbose') };
    Logger.overrideLogger(sink);
    try {
      const write = kafkaLogs(logLevel.WARN);
      write({ namespace: 'Connection', level: logLevel.ERROR, label: 'ERROR', log: { timestamp: 't', message: 'Response Heartbeat(key: 12, version: 3)', error: REBALANCING, stack: 'at x', correlationId: 7 } });
      write({ namespace: 'Connection', level: logLevel.ERROR, label: 'ERROR', log: { timestamp: 't', message: 'Connection error: connect ECONNREFUSED', stack: 'at y' } });
    } finally {
      Logger.overrideLogger(true);
    }
    expect(written).toEqual([
      { level: 'warn', message: { msg: '[Connection] Response Heartbeat(key: 12, version: 3)', error: REBALANCING, correlationId: 7 }, context: 'kafkajs' },
      { level: 'error', message: { msg: '[Connection] Connection error: connect ECONNREFUSED', stack: 'at y' }, context: 'kafkajs' },
    ]);
  });
});
