/**
 * After-hours and weekend premiums on a real broker and database: a billing rate
 * card with premiums prices approved time by the site's wall clock (Pune,
 * Asia/Kolkata), one ledger line per time entry whose quantity × blended unit
 * price is its amount, and goes to the ERP that way; a card without premiums
 * prices the same hours as before; bad premiums are refused with the reasons.
 */
import { randomUUID } from 'node:crypto';
import { devAuthConfig } from '#auth';
import { Topics, exampleEvent, exampleServiceRequestRaised, exampleTimeApproved } from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import { record } from '../../field-execution/test/factories.js';
import { BILLING_DEFAULTS, BillingModule } from '../src/billing.module.js';

type Line = { id: string; state: string; quantity: string; unitPrice: string; amount: string; description: string; reason: string; source: { kind: string; ref: string }; workDate: string };

describe('after-hours and weekend premiums', () => {
  let billing: TestApp;
  let kafka: TestKafka;
  const suffix = Date.now() % 100000;
  const premiumCustomer = `C-P${suffix}`;
  const plainCustomer = `C-F${suffix}`;
  /** The premium customer's breakdown: its lines go to the ERP on one invoice request. */
  let premiumBreakdown: { taskId: string; projectId: string };

  beforeAll(async () => {
    const config = testServiceConfig(BILLING_DEFAULTS);
    billing = await startTestApp(BillingModule.forRoot(config, devAuthConfig(), 'INR'), config, { transport: (app) => app.get(KafkaEventTransport) });
    kafka = new TestKafka(config.topicPrefix);
  });

  afterAll(async () => {
    await kafka?.close();
    await billing?.close();
  });

  const finance = () => apiAs(billing.app, ['finance'], { subject: 'meera.finance' });

  /** A breakdown task of the customer at the example site in Pune (Asia/Kolkata), known to billing. */
  async function breakdownOf(customerId: string): Promise<{ taskId: string; projectId: string }> {
    const taskId = randomUUID();
    const projectId = randomUUID();
    const requestId = randomUUID();
    const task = { ...structuredClone(exampleServiceRequestRaised.task), taskId, projectId, customerId, serialNumber: `INJ250-P${suffix}`, orderId: null, serviceRequestId: requestId };
    expect(task.site?.timezone).toBe('Asia/Kolkata');
    const raised = { ...structuredClone(exampleServiceRequestRaised), requestId, projectId, customerId, serialNumber: task.serialNumber, task };
    await kafka.produce(Topics.serviceProjects, [record(exampleEvent('psa.service-request.raised.v1', raised), projectId)]);
    return { taskId, projectId };
  }

  /** Time approved from start to end (RFC 3339 with the site's offset). */
  async function approve(subject: { taskId: string; projectId: string }, customerId: string, start: string, end: string): Promise<string> {
    const timeEntryId = randomUUID();
    const hours = ((Date.parse(end) - Date.parse(start)) / 3_600_000).toFixed(2);
    const entry = { ...structuredClone(exampleTimeApproved), taskId: subject.taskId, visitId: randomUUID(), projectId: subject.projectId, customerId, timeEntryId, start, end, hours };
    await kafka.produce(Topics.fieldWork, [record(exampleEvent('psa.time.approved.v1', entry), subject.taskId)]);
    return timeEntryId;
  }

  const lineOf = (customerId: string, timeEntryId: string) =>
    eventually(
      async () => ((await finance().get('/ledger').query({ customerId }).expect(200)).body.lines as Line[]).find((l) => l.source.ref === timeEntryId),
      { what: `the line of ${timeEntryId}`, timeoutMs: 30_000 },
    );

  it('refuses premiums that are not percents of at least 100, and business hours that do not make a week', async () => {
    const base = { rate: '1200.00', currency: 'INR', validFrom: '2026-01-01', customerId: `C-X${suffix}` };
    const refused = await finance()
      .post('/rate-cards')
      .send({ ...base, afterHoursPercent: '90', weekendPercent: '150.555', businessHours: { days: [1, 1, 8], from: '18:00', to: '08:00' } })
      .expect(400);
    expect(refused.body.reasons).toEqual(
      expect.arrayContaining([
        'afterHoursPercent: afterHoursPercent must be a percent of at least 100 with up to 2 decimals, e.g. "150"',
        'weekendPercent: weekendPercent must be a percent of at least 100 with up to 2 decimals, e.g. "200"',
        'businessHours.days: days must name each weekday once',
        'businessHours.days: days must be ISO weekdays 1 (Monday) to 7 (Sunday)',
        'businessHours.to: to must be after from',
      ]),
    );
    const noPremium = await finance().post('/rate-cards').send({ ...base, businessHours: { from: '09:00', to: '17:00' } }).expect(400);
    expect(noPremium.body.reasons).toEqual(['businessHours: businessHours change nothing without afterHoursPercent or weekendPercent']);
    const onCost = await finance().post('/rate-cards').send({ kind: 'cost', rate: '900.00', currency: 'INR', validFrom: '2026-01-01', afterHoursPercent: '150' }).expect(400);
    expect(onCost.body.reasons).toEqual(['afterHoursPercent: only billing rate cards carry afterHoursPercent; cost rates are flat']);
    const badTime = await finance().post('/rate-cards').send({ ...base, afterHoursPercent: '150', businessHours: { from: '8:00', to: '24:30' } }).expect(400);
    expect(badTime.body.reasons).toEqual(['businessHours.from: from must be a time HH:MM (00:00 to 23:59)', 'businessHours.to: to must be a time HH:MM (00:01 to 24:00)']);
  });

  it('keeps the premiums and the working week on the card', async () => {
    const card = (
      await finance()
        .post('/rate-cards')
        .send({ rate: '1200.00', currency: 'INR', validFrom: '2026-01-01', customerId: premiumCustomer, afterHoursPercent: '150', weekendPercent: '200', businessHours: { days: [5, 1, 2, 3, 4] } })
        .expect(201)
    ).body;
    expect(card).toMatchObject({ afterHoursPercent: '150', weekendPercent: '200', businessHours: { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' } });
    const plain = (await finance().post('/rate-cards').send({ rate: '1200.00', currency: 'INR', validFrom: '2026-01-01', customerId: plainCustomer }).expect(201)).body;
    expect(plain).toMatchObject({ afterHoursPercent: null, weekendPercent: null, businessHours: { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' } });
    const listed = (await finance().get('/rate-cards').query({ customerId: premiumCustomer }).expect(200)).body;
    expect(listed).toEqual([card]);
  });

  it('bills a weekday 16:00–20:00 in Pune as 2 h at the rate and 2 h at 150 %, on one line of 4 h', async () => {
    premiumBreakdown = await breakdownOf(premiumCustomer);
    // Tuesday 1 December 2026.
    const entry = await approve(premiumBreakdown, premiumCustomer, '2026-12-01T16:00:00+05:30', '2026-12-01T20:00:00+05:30');
    const line = await lineOf(premiumCustomer, entry);
    expect(line).toMatchObject({ state: 'ready', workDate: '2026-12-01', quantity: '4', unitPrice: '1500', amount: '6000.00' });
    expect(line.description).toContain('work 4.00 h (2 h at 1200.00, 2 h after hours at 150 %)');
    expect(line.reason).toMatch(/^Time and materials: 4.00 × 1500.0000 = 2 h at 1200.00, 2 h after hours at 150 % \(/);
  });

  it('bills a Sunday at the weekend percent', async () => {
    // Sunday 6 December 2026, 10:00–13:00: business hours by the clock, a non-working day by the card.
    const entry = await approve(premiumBreakdown, premiumCustomer, '2026-12-06T10:00:00+05:30', '2026-12-06T13:00:00+05:30');
    const line = await lineOf(premiumCustomer, entry);
    expect(line).toMatchObject({ state: 'ready', workDate: '2026-12-06', quantity: '3', unitPrice: '2400', amount: '7200.00' });
    expect(line.description).toContain('(3 h on non-working days at 200 %)');
  });

  it('sends the premium lines to the ERP as quantity × blended unit price, not as one unit', async () => {
    const requests = (await finance().post('/invoice-requests').send({ customerId: premiumCustomer }).expect(201)).body;
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request.total).toBe('13200.00');
    expect(request.lines.map((l: { quantity: string; unitPrice: string; amount: string }) => [l.quantity, l.unitPrice, l.amount])).toEqual([
      ['4', '1500', '6000.00'],
      ['3', '2400', '7200.00'],
    ]);
  });

  it('prices the same evening and Sunday at one rate on a card without premiums, as before', async () => {
    const breakdown = await breakdownOf(plainCustomer);
    const evening = await approve(breakdown, plainCustomer, '2026-12-01T16:00:00+05:30', '2026-12-01T20:00:00+05:30');
    const sunday = await approve(breakdown, plainCustomer, '2026-12-06T10:00:00+05:30', '2026-12-06T13:00:00+05:30');
    expect(await lineOf(plainCustomer, evening)).toMatchObject({ quantity: '4', unitPrice: '1200', amount: '4800.00', description: expect.stringMatching(/work 4.00 h$/) });
    expect(await lineOf(plainCustomer, sunday)).toMatchObject({ quantity: '3', unitPrice: '1200', amount: '3600.00', description: expect.stringMatching(/work 3.00 h$/) });
  });
});
