import { eventContractOf, checkEventData, EVENT_TYPES, validateEventData, type EventType } from './event-catalog.js';
import { surelyKeepsContract } from './contract-check.js';
import { EXAMPLE_DATA } from './fixtures.js';

/**
 * The quick check must never pass what class-validator refuses, and should pass
 * what it accepts (or it saves nothing). Held to class-validator's verdict on
 * every example event and on broken copies of them: every value at every path
 * replaced by values of the wrong kind, removed or emptied, one at a time and
 * several at once.
 */

type Json = unknown;

/**
 * Every path to a value inside `data`: every object key, and the first and last item of each array
 * (the items between have the same shape, and breaking them again only repeats the same verdicts).
 */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.flatMap((v, i): [number, Json][] => (i === 0 || i === value.length - 1 ? [[i, v]] : []))
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

function withValueAt(data: Json, path: (string | number)[], replace: (old: Json) => Json | typeof REMOVE): Json {
  const copy = structuredClone(data) as Record<string | number, Json>;
  let parent: Record<string | number, Json> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path[path.length - 1];
  const next = replace(parent[last]);
  if (next === REMOVE) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    parent[last] = next;
  }
  return copy;
}

const REMOVE = Symbol('remove');

/** Wrong, empty, borderline and look-alike values for a field that holds `old`. */
function replacementsFor(old: Json): (Json | typeof REMOVE)[] {
  const common: (Json | typeof REMOVE)[] = [REMOVE, null, '', '   ', 0, -1, 1.5, true, 'x', [], {}, [{}], ['x'], { a: 1 }];
  if (typeof old === 'string') {
    common.push(
      `${old}0`,
      old.toUpperCase(),
      old.toLowerCase(),
      old.slice(1),
      Number.isNaN(Number(old)) ? `${old}!` : Number(old),
      `${old}.001`,
      `-${old}`,
      'a'.repeat(300),
      '2026-02-30',
      '2026-11-21T10:00:00',
      '2026-11-21T10:00:00Z',
      '2026-11-21',
      '00000000-0000-0000-0000-000000000000',
      '12.345',
      '12.3',
      '12',
      'Asia/Kolkata',
      'INR',
      'inr',
      'IN',
    );
  }
  if (typeof old === 'number') common.push(String(old), old + 1, old - 1, -old, old / 3, Number.MAX_SAFE_INTEGER + 2);
  if (Array.isArray(old)) common.push([...old, ...old], old.slice(1), [null], [old[0], 'x']);
  if (typeof old === 'object' && old !== null && !Array.isArray(old)) common.push([old], Object.fromEntries(Object.keys(old).map((k) => [k, null])));
  return common;
}

function verdicts(type: EventType, data: Json) {
  const slow = validateEventData(type, data);
  return { quick: surelyKeepsContract(eventContractOf(type)!.contract, data), slow, checked: checkEventData(type, data) };
}

/** A small seeded generator: the same broken copies on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('surelyKeepsContract (the quick check of event data)', () => {
  it.each(EVENT_TYPES)('passes the example %s, as class-validator does', (type) => {
    expect(validateEventData(type, EXAMPLE_DATA[type]).ok).toBe(true);
    expect(surelyKeepsContract(eventContractOf(type)!.contract, EXAMPLE_DATA[type])).toBe(true);
  });

  it.each(EVENT_TYPES)('agrees with class-validator on every one-field break of the example %s', (type) => {
    const example = structuredClone(EXAMPLE_DATA[type]) as Json;
    let passed = 0;
    let refused = 0;
    for (const path of pathsOf(example)) {
      for (const replacement of replacementsFor(path.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], example))) {
        const broken = withValueAt(example, path, () => replacement);
        const { quick, slow, checked } = verdicts(type, broken);
        if (quick !== slow.ok) throw new Error(`${type} with ${path.join('.')} = ${String(replacement === REMOVE ? 'removed' : JSON.stringify(replacement))}: quick ${quick}, class-validator ${slow.ok}`);
        // What consumers and the outbox use gives class-validator's reason, word for word.
        expect(checked).toEqual(slow.ok ? { ok: true } : { ok: false, code: slow.code, reason: slow.reason });
        if (slow.ok) passed++;
        else refused++;
      }
    }
    // Both kinds occur, or the comparison proves little.
    expect(refused).toBeGreaterThan(0);
    expect(passed + refused).toBeGreaterThan(20);
  });

  it('agrees with class-validator on 3,000 copies with several fields broken at once', () => {
    const random = seeded(20261126);
    let disagreements = 0;
    let passed = 0;
    for (let n = 0; n < 3000; n++) {
      const type = EVENT_TYPES[Math.floor(random() * EVENT_TYPES.length)];
      let data = structuredClone(EXAMPLE_DATA[type]) as Json;
      const breaks = 1 + Math.floor(random() * 3);
      for (let b = 0; b < breaks; b++) {
        const paths = pathsOf(data);
        if (paths.length === 0) break;
        const path = paths[Math.floor(random() * paths.length)];
        const options = replacementsFor(path.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], data));
        data = withValueAt(data, path, () => options[Math.floor(random() * options.length)]);
      }
      const { quick, slow } = verdicts(type, data);
      if (quick !== slow.ok) disagreements++;
      if (slow.ok) passed++;
    }
    expect(disagreements).toBe(0);
    expect(passed).toBeGreaterThan(100);
  });

  it('leaves data it cannot judge to class-validator', () => {
    const type = 'erp.sales-order.created.v1';
    // Not a plain object at the top: class-validator's verdict (and reason) stands.
    expect(surelyKeepsContract(eventContractOf(type)!.contract, [EXAMPLE_DATA[type]])).toBe(false);
    expect(checkEventData(type, [EXAMPLE_DATA[type]])).toEqual({ ok: false, code: 'SCHEMA_VIOLATION', reason: 'data: must be a JSON object' });
    expect(checkEventData('erp.nothing.v1', {})).toEqual({ ok: false, code: 'UNKNOWN_TYPE', reason: 'unknown event type "erp.nothing.v1"' });
    const poisoned = JSON.parse(`{"orderId":"SO-1","__proto__":{"x":1}}`);
    expect(checkEventData(type, poisoned)).toMatchObject({ ok: false, code: 'SCHEMA_VIOLATION', reason: '__proto__: property name is not allowed' });
  });
});
