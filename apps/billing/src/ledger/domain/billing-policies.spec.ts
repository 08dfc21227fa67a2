import { contractInstalments, milestoneCharge, priceWork, type CommitmentTerms, type WorkContext, type WorkPrice } from './billing-policies.js';
import { extend, percentOf, roundAmount, splitEvenly } from './billing-money.js';

const install: CommitmentTerms = {
  commitmentId: 'c-install',
  sku: 'SVC-INSTALL',
  description: 'Installation and commissioning',
  unitPrice: '60000.00',
  currency: 'INR',
  policy: { kind: 'fixed_fee', milestones: [{ taskKey: 'install', percent: '100' }] },
};
const uncovered = { coverage: 'none' as const, reason: 'No warranty or AMC on 2028-03-01', countsVisitOf: null };
const price = (over: Partial<WorkPrice> = {}): WorkPrice => ({ quantity: '6.00', unitPrice: '2500.00', currency: 'INR', rule: 'half_up', billedSoFar: '0.00', ...over });
const work = (over: Partial<WorkContext> = {}): WorkContext => ({ terms: null, markedBillable: true, coverage: uncovered, ...over });

describe('billing policies', () => {
  describe('fixed fee on milestone completion', () => {
    it('bills the whole unit price when the only milestone (100%) is done', () => {
      expect(milestoneCharge(install, 'install')).toEqual({
        percent: '100',
        amount: '60000.00',
        description: 'Installation and commissioning',
        reason: 'Fixed fee: milestone install (100% of 60000.00) done',
      });
    });

    it('bills nothing for a task that is not a milestone, and nothing under another policy', () => {
      expect(milestoneCharge(install, 'handover')).toBeNull();
      expect(milestoneCharge({ ...install, policy: { kind: 'time_and_materials', notToExceed: null } }, 'install')).toBeNull();
    });

    it('percentage milestone: each milestone bills its share, the last one the remainder so the shares add up to the price', () => {
      const staged: CommitmentTerms = {
        ...install,
        unitPrice: '100000.01',
        policy: { kind: 'fixed_fee', milestones: [{ taskKey: 'mechanical', percent: '33.33' }, { taskKey: 'electrical', percent: '33.33' }, { taskKey: 'commissioning', percent: '33.34' }] },
      };
      const shares = ['mechanical', 'electrical', 'commissioning'].map((key) => milestoneCharge(staged, key)!.amount);
      expect(shares).toEqual(['33330.00', '33330.00', '33340.01']);
      expect(shares.reduce((sum, a) => sum + Math.round(Number(a) * 100), 0)).toBe(10000001);
      expect(milestoneCharge(staged, 'mechanical')!.description).toBe('Installation and commissioning: milestone mechanical (33.33%)');
    });
  });

  describe('time and materials on approved time, expenses and parts', () => {
    it('bills hours × rate for uncovered breakdown work', () => {
      expect(priceWork(work(), price())).toMatchObject({ billable: true, coverage: 'none', amount: '15000.00', unitPrice: '2500.00', needsReview: false });
    });

    it('half-up rounding of hours × rate: 2.25 h × 333.3333 = 749.999925 → 750.00; 0.01 h × 0.5 = 0.005 → 0.01', () => {
      expect(extend('2.25', '333.3333', 'INR')).toBe('750.00');
      expect(extend('0.01', '0.5', 'INR')).toBe('0.01');
      expect(extend('0.01', '0.4999', 'INR')).toBe('0.00');
      expect(extend('1.5', '0.333', 'INR', 'half_even')).toBe('0.50');
      expect(extend('0.05', '0.5', 'INR', 'half_even')).toBe('0.02');
      expect(extend('0.05', '0.5', 'INR', 'half_up')).toBe('0.03');
    });

    it('currencies with 0, 2 and 3 minor units: JPY 7.5 h × 4333 = 32498 (32497.5 half-up), INR 15000.00, KWD 7.5 h × 12.3455 = 92.591 (92.59125)', () => {
      expect(extend('7.5', '4333', 'JPY')).toBe('32498');
      expect(extend('6', '2500', 'INR')).toBe('15000.00');
      expect(extend('7.5', '12.3455', 'KWD')).toBe('92.591');
      expect(roundAmount('0', 'JPY')).toBe('0');
      expect(roundAmount('0', 'BHD')).toBe('0.000');
      expect(percentOf('1000', '12.5', 'JPY')).toBe('125');
      expect(percentOf('10.005', '50', 'KWD')).toBe('5.003');
    });

    it('not-to-exceed cap: bills up to the cap, caps the line that crosses it, and nothing beyond', () => {
      const tm: CommitmentTerms = { ...install, sku: 'SVC-COMMISSION-TM', policy: { kind: 'time_and_materials', notToExceed: '20000' } };
      expect(priceWork(work({ terms: tm }), price({ billedSoFar: '0.00' }))).toMatchObject({ billable: true, amount: '15000.00' });
      const crossing = priceWork(work({ terms: tm }), price({ billedSoFar: '15000.00' }));
      expect(crossing).toMatchObject({ billable: true, amount: '5000.00' });
      expect(crossing.reason).toContain('capped at the not-to-exceed 20000');
      expect(priceWork(work({ terms: tm }), price({ billedSoFar: '20000.00' }))).toMatchObject({ billable: false, amount: '0.00', reason: 'Not-to-exceed 20000 reached for SVC-COMMISSION-TM' });
    });

    it('a premium amount (after hours, weekend) is billed as priced and capped like any other', () => {
      const premium = price({ quantity: '6', unitPrice: '2750.0000', amount: '16500.00', breakdown: '4 h at 2500.00, 2 h after hours at 130 %' });
      const full = priceWork(work(), premium);
      expect(full).toMatchObject({ billable: true, amount: '16500.00', unitPrice: '2750.0000' });
      expect(full.reason).toMatch(/^Time and materials: 6 × 2750.0000 = 4 h at 2500.00, 2 h after hours at 130 % \(/);
      const tm: CommitmentTerms = { ...install, sku: 'SVC-COMMISSION-TM', policy: { kind: 'time_and_materials', notToExceed: '20000' } };
      expect(priceWork(work({ terms: tm }), { ...premium, billedSoFar: '5000.00' })).toMatchObject({ billable: true, amount: '15000.00', unitPrice: '2750.0000' });
      expect(priceWork(work({ terms: tm }), { ...premium, billedSoFar: '20000.00' })).toMatchObject({ billable: false, amount: '0.00' });
    });

    it('a T&M commitment without a cap bills everything', () => {
      const tm: CommitmentTerms = { ...install, policy: { kind: 'time_and_materials', notToExceed: null } };
      expect(priceWork(work({ terms: tm }), price({ billedSoFar: '999999.00' }))).toMatchObject({ billable: true, amount: '15000.00' });
    });

    it('time on a fixed-fee commitment is in the fee: cost only, with the reason', () => {
      expect(priceWork(work({ terms: install }), price())).toMatchObject({ billable: false, coverage: 'none', amount: '0.00', reason: 'Included in the fixed fee of SVC-INSTALL' });
    });

    it('time the approver marked non-billable is not billed', () => {
      expect(priceWork(work({ markedBillable: false }), price())).toMatchObject({ billable: false, reason: 'Marked non-billable when approved' });
    });

    it('billable work without a rate goes to finance for a price instead of being lost', () => {
      expect(priceWork(work(), price({ unitPrice: null }))).toMatchObject({ billable: true, amount: '0.00', needsReview: true });
    });

    it('covered work is not billed and keeps the coverage reason', () => {
      const warranty = { coverage: 'warranty' as const, reason: 'Covered by warranty 2026-11-30..2027-11-29', countsVisitOf: null };
      expect(priceWork(work({ coverage: warranty }), price())).toEqual({
        billable: false,
        coverage: 'warranty',
        amount: '0.00',
        unitPrice: '2500.00',
        reason: 'Covered by warranty 2026-11-30..2027-11-29',
        needsReview: false,
      });
    });
  });

  describe('AMC fees per the contract billing schedule', () => {
    const amc: CommitmentTerms = { ...install, sku: 'AMC-STD-12M', description: 'Annual maintenance contract', unitPrice: '120000.00', policy: { kind: 'contract_fee', schedule: 'advance' } };

    it('in advance: the whole fee falls due on the first day of the term', () => {
      expect(contractInstalments(amc, '2027-11-30', '2028-11-29')).toEqual([
        { sequence: 1, dueOn: '2027-11-30', periodFrom: '2027-11-30', periodTo: '2028-11-29', amount: '120000.00', description: 'Annual maintenance contract 2027-11-30..2028-11-29' },
      ]);
    });

    it('by quarterly instalment: four quarters, each due when it starts', () => {
      const quarters = contractInstalments({ ...amc, policy: { kind: 'contract_fee', schedule: 'quarterly' } }, '2027-01-31', '2028-01-30');
      expect(quarters.map((q) => [q.dueOn, q.periodTo, q.amount])).toEqual([
        ['2027-01-31', '2027-04-29', '30000.00'],
        ['2027-04-30', '2027-07-30', '30000.00'],
        ['2027-07-31', '2027-10-30', '30000.00'],
        ['2027-10-31', '2028-01-30', '30000.00'],
      ]);
    });

    it('by monthly instalment: twelve instalments, the last one takes the rounding remainder', () => {
      const months = contractInstalments({ ...amc, unitPrice: '100000.00', policy: { kind: 'contract_fee', schedule: 'monthly' } }, '2027-01-01', '2027-12-31');
      expect(months).toHaveLength(12);
      expect(months[0].amount).toBe('8333.33');
      expect(months[11]).toMatchObject({ amount: '8333.37', dueOn: '2027-12-01', periodTo: '2027-12-31', description: 'Annual maintenance contract instalment 12/12 (2027-12-01..2027-12-31)' });
      expect(splitEvenly('100', 3, 'JPY')).toEqual(['33', '33', '34']);
    });

    it('visits under the AMC are in its fee', () => {
      expect(priceWork(work({ terms: amc, coverage: { coverage: 'amc', reason: 'Covered by AMC 2027-11-30..2028-11-29: visit 1 of 2', countsVisitOf: 'k' } }), price())).toMatchObject({
        billable: false,
        coverage: 'amc',
        reason: 'Included in the contract fee of AMC-STD-12M: Covered by AMC 2027-11-30..2028-11-29: visit 1 of 2',
      });
    });
  });
});
