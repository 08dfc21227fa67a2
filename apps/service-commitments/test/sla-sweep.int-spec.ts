/**
 * The SLA monitor reads only the service requests with an escalation step due by
 * their `next_sla_check_at`, on a real broker and database under a controlled clock:
 * the many with nothing due are not looked at, a backlog larger than one batch drains
 * in one run, and a request on hold is looked at again once its clock resumes.
 *
 * The machine INJ250-0009 (site Pune, Asia/Kolkata, 8x5 09:00–17:00 IST) is under
 * warranty in January 2027; a P2 breakdown has 8 working hours to respond, at risk
 * after 6. Times are written in UTC with IST (+05:30) beside them.
 */
import { FixedClock } from '#platform';
import { apiAs, TestKafka, type TestApp } from '#testing';
import { DataSource } from 'typeorm';
import { evaluateAt, RECORDED_ONLY, SERIAL, startWithPuneMachine } from './sla-desk.js';

type Report = { serviceRequestsChecked: number; raised: { subject: { kind: string; id: string }; target: string; level: string; trigger: string }[]; errors: unknown[] };

describe('service-commitments: the SLA monitor reads only requests with a step due', () => {
  let service: TestApp;
  let kafka: TestKafka;
  let db: DataSource;
  let desk: ReturnType<typeof apiAs>;
  const clock = new FixedClock(new Date('2026-11-24T08:00:00Z'));
  let held: string;

  beforeAll(async () => {
    ({ service, kafka, desk } = await startWithPuneMachine(clock, RECORDED_ONLY, null));
    db = service.app.get(DataSource);
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
  });

  async function evaluate(iso: string): Promise<Report> {
    const report = await evaluateAt<Report>(desk, clock, iso);
    // The order's installation task is overdue too: only the requests' steps matter here.
    return { ...report, raised: report.raised.filter((e) => e.subject.kind === 'service_request') };
  }
  const steps = (report: Report, subjectId: string) =>
    report.raised.filter((e) => e.subject.id === subjectId).map((e) => `${e.target}/${e.level}/${e.trigger}`);
  async function raise(iso: string): Promise<string> {
    clock.set(iso);
    return (await desk.post('/service-requests').send({ serialNumber: SERIAL, priority: 'P2', description: 'Hydraulic pressure drops' }).expect(201)).body.id;
  }
  async function nextCheck(id: string): Promise<string | null> {
    const [row]: { at: Date | null }[] = await db.query(`SELECT next_sla_check_at AS at FROM service_request WHERE id = $1`, [id]);
    return row.at?.toISOString() ?? null;
  }

  it('skips the requests with nothing due, raises for the one due among many, and drains a backlog larger than a batch in one run', async () => {
    // Monday 4 January 2027, 10:00 IST: at risk at 16:00 IST.
    const early = await raise('2027-01-04T04:30:00Z');
    held = await raise('2027-01-04T04:30:00Z');
    clock.set('2027-01-04T05:00:00Z');
    await desk.post(`/service-requests/${held}/hold`).send({ reason: 'Waiting for the customer to give access' }).expect(201);
    // 12:00 IST: at risk on Tuesday 10:00 IST. 210 more like it, as old open requests would be.
    const late = await raise('2027-01-04T06:30:00Z');
    await db.query(
      `INSERT INTO service_request (id, customer_id, customer_name, project_id, serial_number, sku, site, priority, description, reported_by,
         coverage_kind, coverage_contract_id, coverage_reason, sla_coverage, sla_clock, response_due_at, resolution_due_at, status,
         raised_at, responded_at, resolved_at, next_sla_check_at)
       SELECT gen_random_uuid(), customer_id, customer_name, project_id, serial_number, sku, site, priority, description, reported_by,
         coverage_kind, coverage_contract_id, coverage_reason, sla_coverage, sla_clock, response_due_at, resolution_due_at, status,
         raised_at, responded_at, resolved_at, next_sla_check_at
         FROM service_request, generate_series(1, 210) WHERE id = $1`,
      [late],
    );
    expect([await nextCheck(early), await nextCheck(held), await nextCheck(late)]).toEqual(['2027-01-04T10:30:00.000Z', null, '2027-01-05T04:30:00.000Z']);
    const others = () => db.query(`SELECT id, next_sla_check_at, updated_at FROM service_request WHERE id <> $1 ORDER BY id`, [early]);
    const before = await others();
    expect(before.filter((r: { next_sla_check_at: Date | null }) => r.next_sla_check_at?.toISOString() === '2027-01-05T04:30:00.000Z')).toHaveLength(211);

    // Monday 16:00 IST: only the first request has a step due; it alone is read.
    const atRisk = await evaluate('2027-01-04T10:30:00Z');
    expect(atRisk.serviceRequestsChecked).toBe(1);
    expect(atRisk.raised.map((e) => e.subject.id)).toEqual([early]);
    expect(steps(atRisk, early)).toEqual(['response/owner/at_risk']);
    // Next: the breach, the millisecond after the Tuesday 10:00 IST deadline. The others were not changed.
    expect(await nextCheck(early)).toBe('2027-01-05T04:30:00.001Z');
    expect(await others()).toEqual(before);
    expect(await evaluate('2027-01-04T10:31:00Z')).toMatchObject({ serviceRequestsChecked: 0, raised: [] });

    // Tuesday 10:00 IST: 211 requests at risk at once, past one batch of 200, all in this run; the first is not due yet.
    const backlog = await evaluate('2027-01-05T04:30:00Z');
    expect(backlog.serviceRequestsChecked).toBe(211);
    expect(backlog.raised).toHaveLength(211);
    expect(new Set(backlog.raised.map((e) => `${e.target}/${e.level}/${e.trigger}`))).toEqual(new Set(['response/owner/at_risk']));
    expect(steps(backlog, early)).toEqual([]);
    // A millisecond later the first request breaches.
    const breached = await evaluate('2027-01-05T04:30:00.001Z');
    expect(breached.serviceRequestsChecked).toBe(1);
    expect(steps(breached, early)).toEqual(['response/service_manager/breached']);

    // Each step once, as before.
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM escalation WHERE subject_kind = 'service_request'`);
    expect(n).toBe(213);
    await db.query(`DELETE FROM service_request WHERE id NOT IN ($1, $2)`, [early, held]);
  });

  it('does not read a request on hold, and reads it again once its clock resumes', async () => {
    // Tuesday 11:30 IST: had it run on, the held request would be breached by now; on hold it is not read.
    expect(await nextCheck(held)).toBeNull();
    const during = await evaluate('2027-01-05T06:00:00Z');
    expect(during.serviceRequestsChecked).toBe(0);

    // Resumed at 11:30 IST with 30 minutes used: at risk once 5.5 more working hours are used, at 17:00 IST.
    await desk.post(`/service-requests/${held}/resume`).expect(201);
    expect(await nextCheck(held)).toBe('2027-01-05T11:30:00.000Z');
    expect(steps(await evaluate('2027-01-05T11:29:59Z'), held)).toEqual([]);
    const resumed = await evaluate('2027-01-05T11:30:00Z');
    expect(steps(resumed, held)).toEqual(['response/owner/at_risk']);

    // Resolved: never read again.
    await desk.post(`/service-requests/${held}/resolve`).expect(201);
    expect(await nextCheck(held)).toBeNull();
  });
});
