import { loadSchedulingConfig } from './scheduling.config.js';

describe('loadSchedulingConfig', () => {
  it('defaults to earliest 0.5, travel 0.3, load 0.2 over 90 days', () => {
    const config = loadSchedulingConfig({});
    expect(config.policy.weights).toEqual({ earliest: 0.5, travel: 0.3, load: 0.2 });
    expect(config.policy.horizonDays).toBe(90);
    expect(config.queueRetryLimit).toBe(25);
    expect(config.queueSweepSeconds).toBe(30);
  });

  it('reads weights and limits from the environment', () => {
    const config = loadSchedulingConfig({ SCHEDULING_WEIGHT_EARLIEST: '1', SCHEDULING_WEIGHT_TRAVEL: '0', SCHEDULING_WEIGHT_LOAD: '3', SCHEDULING_HORIZON_DAYS: '30' });
    expect(config.policy.weights).toEqual({ earliest: 1, travel: 0, load: 3 });
    expect(config.policy.horizonDays).toBe(30);
    expect(loadSchedulingConfig({ SCHEDULING_QUEUE_SWEEP_SECONDS: '0' }).queueSweepSeconds).toBe(0);
    expect(loadSchedulingConfig({ SCHEDULING_QUEUE_SWEEP_SECONDS: '5' }).queueSweepSeconds).toBe(5);
  });

  it('stops on a bad value, naming the variable', () => {
    expect(() => loadSchedulingConfig({ SCHEDULING_WEIGHT_TRAVEL: '-1' })).toThrow('Configuration error: SCHEDULING_WEIGHT_TRAVEL must be a non-negative number, got "-1"');
    expect(() => loadSchedulingConfig({ SCHEDULING_HORIZON_DAYS: '0' })).toThrow(/SCHEDULING_HORIZON_DAYS must be between 1 and 366/);
    expect(() => loadSchedulingConfig({ SCHEDULING_QUEUE_SWEEP_SECONDS: 'often' })).toThrow(/SCHEDULING_QUEUE_SWEEP_SECONDS must be a whole number/);
    expect(() => loadSchedulingConfig({ SCHEDULING_WEIGHT_EARLIEST: '0', SCHEDULING_WEIGHT_TRAVEL: '0', SCHEDULING_WEIGHT_LOAD: '0' })).toThrow(/must not all be 0/);
  });
});
