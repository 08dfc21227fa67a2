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
    const children = hasWrongShape(error) ? [] : collectViolations(error.children ?? [], path);
    return [...own, ...children];
  });
}

/**
 * A property that is not the object or array it should be: class-validator still
 * walks into it and reports its "missing" fields, which would only bury the real fault.
 */
function hasWrongShape(error: ValidationError): boolean {
  const constraints = error.constraints ?? {};
  return (
    constraints.isObject !== undefined || (constraints.isObjectList !== undefined && !Array.isArray(error.value))
  );
}

function ownViolations(error: ValidationError, path: string): string[] {
  const constraints = error.constraints ?? {};
  if (Object.keys(constraints).length === 0) return [];
  if (error.value === undefined) return [`${path}: is required`];
  // Our NestedObject/NestedList rules already say "must be an object" in words an
  // ERP operator understands; class-validator's own nested message would repeat it.
  return Object.entries(constraints)
    .filter(([name]) => name !== 'nestedValidation')
    .map(([, message]) => `${path}: ${message}`);
}
