/**
 * Rate cards on the database: the card that prices a question is chosen from
 * the cards that could apply, read by one filtered query (contract, customer,
 * engineer, activity, valid from), and the card list is paged.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { devAuthConfig } from '#auth';
import { apiAs, startTestApp, testServiceConfig, type TestApp } from '#testing';
import { BILLING_DEFAULTS, BillingModule } from '../src/billing.module.js';
import { RateCardsService } from '../src/rate-cards/rate-cards.service.js';
import type { RateQuestion } from '../src/rate-cards/domain/rate-choice.js';

describe('rate cards', () => {
  let billing: TestApp;
  const customer = `C-R${Date.now() % 100000}`;
  const contract = randomUUID();
  const engineer = randomUUID();

  beforeAll(async () => {
    const config = testServiceConfig(BILLING_DEFAULTS);
    billing = await startTestApp(BillingModule.forRoot(config, devAuthConfig(), 'INR'), config);
    const cards = [
      // Billing, INR: the list price, a dearer list price from 2027, travel, the customer's rate, the contract's rate.
      { rate: '2500.00', currency: 'INR', validFrom: '2026-01-01' },
      { rate: '2700.00', currency: 'INR', validFrom: '2027-01-01' },
      { rate: '1200.00', currency: 'INR', validFrom: '2026-01-01', activity: 'travel' },
      { rate: '2300.00', currency: 'INR', validFrom: '2026-06-01', customerId: customer },
      { rate: '2100.00', currency: 'INR', validFrom: '2026-06-01', customerId: customer, contractId: contract },
      // Another customer's and another contract's rates, and the list price in euros: never this customer's.
      { rate: '1.00', currency: 'INR', validFrom: '2026-01-01', customerId: `${customer}-other` },
      { rate: '2.00', currency: 'INR', validFrom: '2026-01-01', contractId: randomUUID() },
      { rate: '95.00', currency: 'EUR', validFrom: '2026-01-01' },
      // Cost: the default hour and one engineer's.
      { kind: 'cost', rate: '900.00', currency: 'INR', validFrom: '2026-01-01' },
      { kind: 'cost', rate: '1100.00', currency: 'INR', validFrom: '2026-01-01', engineerId: engineer },
    ];
    const finance = apiAs(billing.app, ['finance']);
    for (const card of cards) await finance.post('/rate-cards').send(card).expect(201);
  });

  afterAll(async () => {
    await billing?.close();
  });

  const choose = (question: Partial<RateQuestion>) =>
    billing.app
      .get(RateCardsService)
      .choose(billing.app.get(DataSource).manager, { kind: 'billing', currency: 'INR', on: '2026-12-01', activity: 'work', ...question })
      .then((card) => card?.rate ?? null);

  it('prices each question with the most specific card valid on the day', async () => {
    expect(await choose({})).toBe('2500');
    expect(await choose({ on: '2027-02-01' })).toBe('2700');
    expect(await choose({ on: '2025-12-31' })).toBeNull();
    expect(await choose({ activity: 'travel' })).toBe('1200');
    expect(await choose({ customerId: customer })).toBe('2300');
    expect(await choose({ customerId: customer, on: '2026-05-31' })).toBe('2500');
    expect(await choose({ customerId: customer, contractId: contract })).toBe('2100');
    // The contract's card names the customer: it does not price another customer's work on the same contract id.
    expect(await choose({ customerId: 'C-SOMEONE-ELSE', contractId: contract })).toBe('2500');
    expect(await choose({ currency: 'EUR' })).toBe('95');
    expect(await choose({ currency: 'USD' })).toBeNull();
    expect(await choose({ kind: 'cost' })).toBe('900');
    expect(await choose({ kind: 'cost', engineerId: engineer })).toBe('1100');
    expect(await choose({ kind: 'cost', engineerId: randomUUID() })).toBe('900');
  });

  it('lists cards newest first, a page at a time', async () => {
    const finance = apiAs(billing.app, ['finance']);
    const all = (await finance.get('/rate-cards').query({ kind: 'billing' }).expect(200)).body as { id: string; validFrom: string }[];
    expect(all).toHaveLength(8);
    expect(all[0].validFrom).toBe('2027-01-01');
    const pages: string[] = [];
    for (let offset = 0; offset < 8; offset += 3) {
      const page = (await finance.get('/rate-cards').query({ kind: 'billing', limit: 3, offset }).expect(200)).body as { id: string }[];
      expect(page.length).toBe(Math.min(3, 8 - offset));
      pages.push(...page.map((c) => c.id));
    }
    expect(pages).toEqual(all.map((c) => c.id));
    const refused = await finance.get('/rate-cards').query({ limit: 501 }).expect(400);
    expect(refused.body.reasons.join('\n')).toMatch(/limit must not be greater than 500/);
  });
});
