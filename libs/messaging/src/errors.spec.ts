import { isTransientInfrastructureError } from '#persistence';
import { hashKey } from './outbox-relay.js';

describe('telling infrastructure faults from permanent errors', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['server shutting down (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['serialization failure', Object.assign(new Error('could not serialize access'), { code: '40001' })],
    ['wrapped by TypeORM', Object.assign(new Error('QueryFailedError'), { driverError: { code: '08006', message: 'connection failure' } })],
    ['a retriable kafkajs error', Object.assign(new Error('The coordinator is not available'), { name: 'KafkaJSProtocolError', retriable: true })],
  ])('retries %s', (_what, error) => {
    expect(isTransientInfrastructureError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a type error (a bug)', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a plain string', 'nope'],
    ['undefined', undefined],
  ])('does not retry %s forever', (_what, error) => {
    expect(isTransientInfrastructureError(error)).toBe(false);
  });
});

describe('advisory lock keys', () => {
  it('are stable 32-bit integers that differ per key', () => {
    expect(hashKey('outbox-relay:billing')).toBe(hashKey('outbox-relay:billing'));
    expect(hashKey('order:a')).not.toBe(hashKey('order:b'));
    expect(Number.isInteger(hashKey('x'))).toBe(true);
    expect(Math.abs(hashKey('a long key for an order SO-2026-0142'))).toBeLessThan(2 ** 31);
  });
});
