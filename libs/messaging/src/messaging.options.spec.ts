import { applyLanesFromEnv, applyTogetherMaxFromEnv, commitIntervalFromEnv } from './messaging.options.js';

describe('KAFKA_APPLY_TOGETHER_MAX', () => {
  it('defaults to 250 records per transaction', () => {
    expect(applyTogetherMaxFromEnv({})).toBe(250);
    expect(applyTogetherMaxFromEnv({ KAFKA_APPLY_TOGETHER_MAX: '' })).toBe(250);
  });

  it('takes a whole number, 1 meaning each record on its own', () => {
    expect(applyTogetherMaxFromEnv({ KAFKA_APPLY_TOGETHER_MAX: '1' })).toBe(1);
    expect(applyTogetherMaxFromEnv({ KAFKA_APPLY_TOGETHER_MAX: '500' })).toBe(500);
  });

  it.each(['0', '-3', '2.5', 'many', '100000'])('refuses %s, naming the variable', (raw) => {
    expect(() => applyTogetherMaxFromEnv({ KAFKA_APPLY_TOGETHER_MAX: raw })).toThrow(/KAFKA_APPLY_TOGETHER_MAX must be a whole number from 1 to 99999/);
  });
});

describe('KAFKA_APPLY_LANES', () => {
  it('defaults to two transactions side by side', () => {
    expect(applyLanesFromEnv({})).toBe(2);
    expect(applyLanesFromEnv({ KAFKA_APPLY_LANES: '' })).toBe(2);
  });

  it('takes 1 to 6', () => {
    expect(applyLanesFromEnv({ KAFKA_APPLY_LANES: '1' })).toBe(1);
    expect(applyLanesFromEnv({ KAFKA_APPLY_LANES: '6' })).toBe(6);
  });

  it.each(['0', '7', '1.5', 'two', '-2'])('refuses %s, naming the variable', (raw) => {
    expect(() => applyLanesFromEnv({ KAFKA_APPLY_LANES: raw })).toThrow(/KAFKA_APPLY_LANES must be a whole number from 1 to 6/);
  });
});

describe('KAFKA_COMMIT_INTERVAL_MS', () => {
  it('defaults to 200 ms between two offset commits', () => {
    expect(commitIntervalFromEnv({})).toBe(200);
    expect(commitIntervalFromEnv({ KAFKA_COMMIT_INTERVAL_MS: '' })).toBe(200);
  });

  it('takes 0 (each at once) to 10000 ms', () => {
    expect(commitIntervalFromEnv({ KAFKA_COMMIT_INTERVAL_MS: '0' })).toBe(0);
    expect(commitIntervalFromEnv({ KAFKA_COMMIT_INTERVAL_MS: '10000' })).toBe(10_000);
  });

  it.each(['-1', '10001', '1.5', 'soon', '200ms'])('refuses %s, naming the variable', (raw) => {
    expect(() => commitIntervalFromEnv({ KAFKA_COMMIT_INTERVAL_MS: raw })).toThrow(/KAFKA_COMMIT_INTERVAL_MS must be a whole number of milliseconds from 0 to 10000/);
  });
});
