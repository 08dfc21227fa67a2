import { info, warn } from './console.js';
import { DEMO_TOKENS } from './demo-tokens.js';

/** The list price of an engineer hour and travel, with a 10 % parts markup, and the default cost of an hour, in INR. */
const DEMO_RATE_CARDS = [
  { kind: 'billing', activity: 'any', rate: '2500.00', currency: 'INR', validFrom: '2026-01-01', partsMarkupPercent: '10' },
  { kind: 'billing', activity: 'travel', rate: '1200.00', currency: 'INR', validFrom: '2026-01-01' },
  { kind: 'cost', activity: 'any', rate: '900.00', currency: 'INR', validFrom: '2026-01-01' },
];

export async function addDemoRateCards(billingUrl: string): Promise<void> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${DEMO_TOKENS.finance}` };
  const existing = await fetch(`${billingUrl}/rate-cards`, { headers }).then((r) => (r.ok ? (r.json() as Promise<unknown[]>) : [])).catch(() => []);
  if (existing.length > 0) {
    info(`rate cards already set (${existing.length})`);
    return;
  }
  for (const card of DEMO_RATE_CARDS) {
    const response = await fetch(`${billingUrl}/rate-cards`, { method: 'POST', headers, body: JSON.stringify(card) }).catch((error: Error) => ({ status: 0, text: async () => error.message }));
    if (response.status === 201) info(`${card.kind} rate ${card.activity}: ${card.rate} ${card.currency}/h`);
    else warn(`could not add a rate card: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  }
}
