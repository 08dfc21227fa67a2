/**
 * Freezes an object graph in place. Shared contract constants (schemas, example
 * payloads) are frozen so one test or service cannot change them for everyone else.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
