import type { ServiceProjectFacts } from '#contracts';

/**
 * The ids of a project's tasks as its event lists them (each unit's `taskIds`, beside
 * its task keys), each once. Empty for an event from before the contract carried them.
 */
export function taskIdsOfProject(facts: Pick<ServiceProjectFacts, 'commitments'>): string[] {
  const ids = new Set<string>();
  for (const commitment of facts.commitments) for (const id of commitment.taskIds ?? []) ids.add(id.toLowerCase());
  return [...ids];
}

/**
 * A list of UUIDs as a PostgreSQL array literal (`{a,b}`), so a batch of projects can pass
 * one list per project through `unnest` (which would flatten a two-dimensional array).
 * Only for ids the contract has already checked are UUIDs: nothing here needs quoting.
 */
export function uuidArrayLiteral(ids: readonly string[]): string {
  return `{${ids.join(',')}}`;
}
