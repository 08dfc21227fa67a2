import { ConfigError } from '#platform';
import { DEFAULT_POLICY, type PlacementPolicy } from './assignment/domain/model.js';

/** Scheduling settings, read from the environment once at boot. */
export interface SchedulingConfig {
  policy: PlacementPolicy;
  /** How many queued tasks one change (a freed slot, new leave, a new engineer) retries at most. */
  queueRetryLimit: number;
  /**
   * Every this many seconds the queue sweep tries queued tasks that may be
   * retried and are due (0: no sweep). It catches tasks that lost every race for
   * a slot to concurrent bookings, or that a concurrent retry held locked, when
   * nothing frees capacity afterwards.
   */
  queueSweepSeconds: number;
}

export const SCHEDULING_CONFIG = Symbol('SCHEDULING_CONFIG');

type Env = Record<string, string | undefined>;

function weight(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !Number.isFinite(value)) throw new ConfigError(name, `must be a non-negative number, got "${raw}"`);
  return value;
}

function whole(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

/**
 * Preference weights (any non-negative numbers; they are normalised) and search
 * limits. SCHEDULING_WEIGHT_EARLIEST=0.5, _TRAVEL=0.3, _LOAD=0.2 by default.
 */
export function loadSchedulingConfig(env: Env = process.env): SchedulingConfig {
  const weights = {
    earliest: weight(env, 'SCHEDULING_WEIGHT_EARLIEST', DEFAULT_POLICY.weights.earliest),
    travel: weight(env, 'SCHEDULING_WEIGHT_TRAVEL', DEFAULT_POLICY.weights.travel),
    load: weight(env, 'SCHEDULING_WEIGHT_LOAD', DEFAULT_POLICY.weights.load),
  };
  if (weights.earliest + weights.travel + weights.load === 0) {
    throw new ConfigError('SCHEDULING_WEIGHT_EARLIEST', 'and SCHEDULING_WEIGHT_TRAVEL and SCHEDULING_WEIGHT_LOAD must not all be 0');
  }
  return {
    policy: {
      ...DEFAULT_POLICY,
      weights,
      horizonDays: whole(env, 'SCHEDULING_HORIZON_DAYS', DEFAULT_POLICY.horizonDays, 1, 366),
      sameRegionTravelMinutes: whole(env, 'SCHEDULING_SAME_REGION_TRAVEL_MINUTES', DEFAULT_POLICY.sameRegionTravelMinutes, 0, 600),
      defaultTravelMinutes: whole(env, 'SCHEDULING_DEFAULT_TRAVEL_MINUTES', DEFAULT_POLICY.defaultTravelMinutes, 0, 1440),
      maxTravelMinutes: whole(env, 'SCHEDULING_MAX_TRAVEL_MINUTES', DEFAULT_POLICY.maxTravelMinutes, 1, 1440),
      maxVisitDays: whole(env, 'SCHEDULING_MAX_VISIT_DAYS', DEFAULT_POLICY.maxVisitDays, 1, 60),
    },
    queueRetryLimit: whole(env, 'SCHEDULING_QUEUE_RETRY_LIMIT', 25, 0, 1000),
    queueSweepSeconds: whole(env, 'SCHEDULING_QUEUE_SWEEP_SECONDS', 30, 0, 86_400),
  };
}
