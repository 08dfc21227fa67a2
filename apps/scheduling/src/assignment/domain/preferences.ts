import type { PlacementPolicy, PreferenceScores, PreferenceWeights } from './model.js';

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Earlier is better: 1 when work starts at the earliest moment the task may start,
 * falling linearly to 0 at the due date (or SLA target); 0 after it. Without a
 * due date the policy's horizon is the scale.
 */
export function earlinessScore(start: number, notBefore: number, dueBy: number | null, horizonMs: number): number {
  const span = dueBy !== null && dueBy > notBefore ? dueBy - notBefore : horizonMs;
  return clamp01(1 - (start - notBefore) / span);
}

/** Less travel is better: 1 for none, 0 at the policy's maximum. */
export function travelScore(travelMinutes: number, policy: Pick<PlacementPolicy, 'maxTravelMinutes'>): number {
  return clamp01(1 - travelMinutes / policy.maxTravelMinutes);
}

/** A lighter week is better: 1 for an empty week, 0 for a full one. */
export function loadScore(weeklyLoad: number): number {
  return clamp01(1 - weeklyLoad);
}

export function weighted(scores: Omit<PreferenceScores, 'total'>, weights: PreferenceWeights): PreferenceScores {
  const sum = weights.earliest + weights.travel + weights.load;
  const total = sum > 0 ? (scores.earliest * weights.earliest + scores.travel * weights.travel + scores.load * weights.load) / sum : 0;
  return { earliest: round3(scores.earliest), travel: round3(scores.travel), load: round3(scores.load), total: round3(total) };
}
