import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
import { nestedTypeOf } from './contract-validators.js';

/**
 * A quick yes to "does this data keep its contract?", for the common case of an
 * event that does.
 *
 * `validateEventData` builds an instance of the contract class with
 * class-transformer and has class-validator check it: that copy and the
 * error objects cost more than the rules themselves (over a quarter of the CPU
 * service-commitments and billing spend on a new order, bench/order-chain). Here
 * the same rules, read once per class from class-validator's own metadata, run
 * straight on the parsed JSON.
 *
 * It only ever says "passes" when class-validator would: anything it does not
 * reproduce exactly (a rule it does not know, `each`, async rules, a class
 * with no rules, a nested value that is not a plain object) makes it say "not
 * sure", and the caller asks class-validator, which also gives the reason. A
 * differential test holds it to class-validator's verdict on every example
 * event and thousands of broken copies of them.
 */

type ContractClass = new () => object;
type Rule = (value: unknown, args: ValidationArguments) => unknown;

interface PropertyPlan {
  name: string;
  /** `IsOptional` and `ValidateIf`: when one says no, the property is not checked at all. */
  conditions: ((object: object, value: unknown) => boolean)[];
  rules: { validate: Rule; constraints: unknown[]; onlyIf?: (object: object, value: unknown) => boolean }[];
  /** Classes of the nested values, from `NestedObject` and `NestedList`. */
  nested: ContractClass[];
}

interface ClassPlan {
  className: string;
  properties: PropertyPlan[];
}

/** undefined: this class has something the plan does not reproduce; class-validator decides. */
const plans = new Map<ContractClass, ClassPlan | undefined>();

function planOf(contract: ContractClass): ClassPlan | undefined {
  if (plans.has(contract)) return plans.get(contract);
  plans.set(contract, undefined); // a class nested in itself is checked by class-validator
  const plan = buildPlan(contract);
  plans.set(contract, plan);
  return plan;
}

function buildPlan(contract: ContractClass): ClassPlan | undefined {
  const storage = getMetadataStorage();
  // As class-validator's executor asks for them with no groups and `always` off.
  const metadatas = storage.getTargetValidationMetadatas(contract, '', false, false, undefined as unknown as string[]);
  // With forbidUnknownValues, a class without rules is refused: not reproduced here.
  if (metadatas.length === 0) return undefined;
  const grouped = storage.groupByPropertyName(metadatas);
  const properties: PropertyPlan[] = [];
  for (const [name, forProperty] of Object.entries(grouped)) {
    // An accessor or method of that name on the class would be what class-validator sees on an instance.
    if (name in contract.prototype) return undefined;
    const plan: PropertyPlan = { name, conditions: [], rules: [], nested: [] };
    for (const metadata of forProperty) {
      if ((metadata.groups?.length ?? 0) > 0 || metadata.always) return undefined;
      // `each` on a nested rule changes nothing (class-validator walks any array it meets); on others it does.
      if (metadata.each && metadata.type !== ValidationTypes.NESTED_VALIDATION) return undefined;
      if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) {
        plan.conditions.push(metadata.constraints[0] as PropertyPlan['conditions'][number]);
      } else if (metadata.type === ValidationTypes.CUSTOM_VALIDATION) {
        const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
        if (constraints.length === 0) return undefined;
        for (const constraint of constraints) {
          if (constraint.async) return undefined;
          const instance = constraint.instance as { validate: Rule };
          const onlyIf = (metadata as { validateIf?: (object: object, value: unknown) => boolean }).validateIf;
          plan.rules.push({ validate: instance.validate.bind(instance), constraints: metadata.constraints, ...(onlyIf ? { onlyIf } : {}) });
        }
      } else if (metadata.type === ValidationTypes.NESTED_VALIDATION) {
        const nestedType = typeof metadata.target === 'function' ? nestedTypeOf(metadata.target, name) : undefined;
        if (nestedType === undefined) return undefined;
        plan.nested.push(nestedType);
      } else {
        return undefined;
      }
    }
    properties.push(plan);
  }
  return { className: contract.name, properties };
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  // Object.prototype of this realm or another (structuredClone in a test sandbox), or none.
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/**
 * True only if class-validator, given this data turned into an instance of
 * `contract`, would find nothing wrong; false means "ask class-validator".
 * `data` must already be free of `__proto__`-like keys and absurd depth.
 */
export function surelyKeepsContract(contract: ContractClass, data: unknown): boolean {
  if (!isPlainRecord(data)) return false;
  const plan = planOf(contract);
  if (plan === undefined) return false;
  for (const property of plan.properties) {
    const value = Object.hasOwn(data, property.name) ? data[property.name] : undefined;
    if (property.conditions.some((condition) => !condition(data, value))) continue;
    if (property.rules.length > 0) {
      const args: ValidationArguments = { targetName: plan.className, property: property.name, object: data, value, constraints: [] };
      for (const rule of property.rules) {
        if (rule.onlyIf && !rule.onlyIf(data, value)) continue;
        args.constraints = rule.constraints;
        if (!rule.validate(value, args)) return false;
      }
    }
    if (value === undefined) continue;
    for (const nested of property.nested) {
      if (Array.isArray(value)) {
        for (const item of value) if (!surelyKeepsContract(nested, item)) return false;
      } else if (!surelyKeepsContract(nested, value)) {
        return false;
      }
    }
  }
  return true;
}
