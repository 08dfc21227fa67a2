import type { ValidationError } from 'class-validator';

/**
 * Turns class-validator's error tree into one line an ERP operator can act on:
 * `orderDate: must be a calendar date YYYY-MM-DD, got "2026-02-30"; lines.0.sku: is required`.
 * It travels in the `dlq-reason` header and in logs, so it names full property paths.
 */
export function describeValidationErrors(errors: readonly ValidationError[]): string {
  return collectViolations(errors, '').join('; ');
}

function collectViolations(errors: readonly ValidationError[], parentPath: string): string[] {
  return errors.flatMap((error) => {
    const path = parentPath === '' ? error.property : `${parentPath}.${error.property}`;
    const own = ownViolations(error, path);
    return [...own, ...collectViolations(error.children ?? [], path)];
  });
}

function ownViolations(error: ValidationError, path: string): string[] {
  const constraints = error.constraints ?? {};
  if (Object.keys(constraints).length === 0) return [];
  if (error.value === undefined) return [`${path}: is required`];
  // Our shape rules already say "must be an object"; class-validator's generic nested message would repeat it.
  const messages = Object.entries(constraints)
    .filter(([name]) => name !== 'nestedValidation' || Object.keys(constraints).length === 1)
    .map(([, message]) => message);
  return messages.map((message) => `${path}: ${message}`);
}
