import { exampleSalesOrderCreated } from '#contracts';
import { DEMO_TEMPLATES } from '../../catalogue/domain/demo-catalogue.js';
import { createHash } from 'node:crypto';
import { isOrderFingerprint, OrderRejected, orderFingerprint, planServiceProject } from './project-plan.js';
import type { SalesOrder } from './sales-order.js';

const catalogue = new Map(DEMO_TEMPLATES.map((t) => [t.sku, t]));
const example = (): SalesOrder => structuredClone(exampleSalesOrderCreated) as unknown as SalesOrder;

describe('planning a service project from a sales order', () => {
  it('makes one commitment per service unit of the example order', () => {
    const plan = planServiceProject(example(), catalogue);
    expect(plan.commitments.map((c) => `${c.orderLineId}:${c.kind}:${c.unitIndex}`)).toEqual([
      '20:installation:1',
      '30:training:1',
      '40:calibration:1',
      '50:support_visit:1',
      '50:support_visit:2',
      '60:amc:1',
    ]);
    expect(plan.commitments.every((c) => c.forLineId === '10')).toBe(true);
  });

  it('tells machine lines from product lines', () => {
    const order = example();
    order.lines.push({ lineId: '70', sku: 'MOULD-STEEL-01', quantity: 2, unitPrice: '1000.00' });
    order.lines.push({ lineId: '80', sku: 'CHILLER-5T', quantity: 1, unitPrice: '90000.00', warrantyMonths: 6 });
    const kinds = Object.fromEntries(planServiceProject(order, catalogue).lines.map((l) => [l.line.lineId, l.kind]));
    expect(kinds).toMatchObject({ '10': 'machine', '20': 'service', '70': 'product', '80': 'machine' });
  });

  it('reads a null optional field as absent: a product line with "warrantyMonths": null stays a product line', () => {
    // ERP connectors that serialise every field (Jackson's default) send nulls for what a line lacks.
    const order = example();
    order.lines.push({ lineId: '70', sku: 'MOULD-STEEL-01', quantity: 2, unitPrice: '1000.00', forLineId: null, serialNumbers: null, warrantyMonths: null });
    const kinds = Object.fromEntries(planServiceProject(order, catalogue).lines.map((l) => [l.line.lineId, l.kind]));
    expect(kinds).toMatchObject({ '10': 'machine', '70': 'product' });
  });

  it('binds serial numbers named on a service line (an AMC sold later) to its units in order', () => {
    const order: SalesOrder = {
      ...example(),
      lines: [{ lineId: '10', sku: 'AMC-STD-12M', quantity: 2, unitPrice: '120000.00', serialNumbers: ['INJ250-0001', 'INJ250-0002'] }],
    };
    expect(planServiceProject(order, catalogue).commitments.map((c) => c.serialNumber)).toEqual(['INJ250-0001', 'INJ250-0002']);
  });

  it('refuses fractional service units, surplus serials and a forLineId the order lacks', () => {
    const fractional = example();
    fractional.lines[4].quantity = 1.5;
    expect(() => planServiceProject(fractional, catalogue)).toThrow(OrderRejected);
    expect(() => planServiceProject(fractional, catalogue)).toThrow(/whole units/);

    const surplus = example();
    surplus.lines[5].serialNumbers = ['A', 'B'];
    expect(() => planServiceProject(surplus, catalogue)).toThrow(/2 serial numbers for 1 service units/);

    const orphan = example();
    orphan.lines[1].forLineId = '99';
    expect(() => planServiceProject(orphan, catalogue)).toThrow(/line 99, which the order does not have/);
  });

  it('keeps a snapshot of the template each commitment was made from', () => {
    const [install] = planServiceProject(example(), catalogue).commitments;
    expect(install.template).toBe(catalogue.get('SVC-INSTALL'));
  });
});

describe('order fingerprints', () => {
  it('ignore key order and absent optionals, but see any change of content', () => {
    const a = example();
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverseKeys)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]))
          : value;
    const reordered = reverseKeys(a) as SalesOrder;
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(a)[0]);
    expect(orderFingerprint(reordered)).toBe(orderFingerprint(a));
    const { customerPoNumber: _po, ...withoutPo } = a;
    expect(orderFingerprint({ ...a, customerPoNumber: undefined })).toBe(orderFingerprint(withoutPo as SalesOrder));
    expect(orderFingerprint({ ...a, customerPoNumber: 'PO-2' })).not.toBe(orderFingerprint(a));
    const cheaper = example();
    cheaper.lines[1].unitPrice = '59000.00';
    expect(orderFingerprint(cheaper)).not.toBe(orderFingerprint(a));
  });

  it('takes a null field for one left out, so a re-send by a connector that writes every field is the same order', () => {
    const a = example();
    const { customerPoNumber: _po, ...withoutPo } = a;
    const withNulls = { ...withoutPo, customerPoNumber: null, lines: a.lines.map((l) => ({ ...l, warrantyMonths: l.warrantyMonths ?? null })) } as unknown as SalesOrder;
    expect(orderFingerprint(withNulls)).toBe(orderFingerprint(withoutPo as SalesOrder));
    expect(isOrderFingerprint(orderFingerprint(withoutPo as SalesOrder), withNulls)).toBe(true);
    // An order stored before null counted as absent carries the fingerprint of its nulls: its identical re-send still matches.
    const storedBefore = createHash('sha256').update(legacyCanonical(withNulls)).digest('hex');
    expect(storedBefore).not.toBe(orderFingerprint(withNulls));
    expect(isOrderFingerprint(storedBefore, withNulls)).toBe(true);
    // A real difference is still one.
    expect(isOrderFingerprint(orderFingerprint(a), { ...a, customerPoNumber: 'PO-2' })).toBe(false);
    expect(isOrderFingerprint(storedBefore, { ...withNulls, customerPoNumber: 'PO-2' } as SalesOrder)).toBe(false);
  });
});

/** The fingerprint's canonical form as it was before null counted as absent (nulls kept), written out here independently. */
function legacyCanonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(legacyCanonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${legacyCanonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
