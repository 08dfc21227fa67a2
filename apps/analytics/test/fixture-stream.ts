import {
  encodeStructured,
  eventContractOf,
  exampleServiceProjectCreated,
  exampleServiceRequestRaised,
  exampleTaskReady,
  exampleVisitScheduled,
  Topics,
  type BillingLineChangedV1,
  type BillingLineState,
  type CloudEvent,
  type CommitmentStatus,
  type EngineerAvailabilityDay,
  type ProjectCommitment,
  type TaskSnapshot,
} from '#contracts';

/**
 * A hand-built quarter of ServiceLoop (January to April 2027): three customers,
 * three engineers, three projects, three breakdowns. It holds the awkward
 * cases on purpose: a time approval arriving in April for March work, a
 * correction delivered before the entry it corrects, an invoice request
 * rejected by ERP (its line goes back to review, then is re-submitted and
 * posted; the rejection arrives before the request), a warranty repair (parts and
 * labour absorbed), a cancelled visit delivered before it was booked, stale
 * task, coverage, availability and ledger events arriving after newer ones, a
 * duplicate, and a record that is not JSON. The golden CSVs under golden/ were
 * worked out by hand from this story (see the comments beside each figure).
 */

export interface FixtureRecord {
  topic: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

const uuid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const P = (n: number) => uuid('10000000', n);
const T = (n: number) => uuid('20000000', n);
const K = (n: number) => uuid('30000000', n);
const L = (n: number) => uuid('40000000', n);
const SR = (n: number) => uuid('50000000', n);
const A = (n: number) => uuid('60000000', n);
const TE = (n: number) => uuid('70000000', n);
const B = (n: number) => uuid('b0000000', n);
const V = (n: number) => uuid('f0000000', n);
export const E = (n: number) => uuid('e0000000', n);
const ESC = (n: number) => uuid('d0000000', n);

const CUSTOMERS = {
  'C-100': { name: 'Acme Plastics', region: 'West', site: 'C-100-PUNE' },
  'C-200': { name: 'Beta Moulding', region: 'South', site: 'C-200-CHENNAI' },
  'C-300': { name: 'Gamma Packaging', region: 'West', site: 'C-300-SURAT' },
} as const;
type CustomerId = keyof typeof CUSTOMERS;

const PROJECTS: Record<number, { customer: CustomerId; order: string }> = {
  1: { customer: 'C-100', order: 'SO-1' },
  2: { customer: 'C-200', order: 'SO-2' },
  3: { customer: 'C-300', order: 'SO-3' },
};

let sequence = 0;
function event(type: string, data: object, time: string, id?: string): FixtureRecord {
  const contract = eventContractOf(type)!;
  const cloudEvent: CloudEvent = {
    specversion: '1.0',
    id: id ?? `fixture-${++sequence}`,
    source: 'serviceloop://fixture',
    type,
    time,
    datacontenttype: 'application/json',
    data,
  };
  const subject = contract.subjectOf(data as never);
  if (subject) cloudEvent.subject = subject;
  return { topic: contract.topic, key: contract.recordKeyOf(data as never), ...encodeStructured(cloudEvent) } as FixtureRecord;
}

/** One record as a producer writes it: a structured CloudEvent, keyed and on the topic its contract names. */
export const fixtureEvent = event;

function site(customer: CustomerId) {
  const c = CUSTOMERS[customer];
  return { id: c.site, name: `${c.name} plant`, address: null, city: null, region: c.region, country: 'IN', timezone: 'Asia/Kolkata' };
}

function commitment(n: number, kind: string, sku: string, status: CommitmentStatus = 'promised'): ProjectCommitment {
  return { commitmentId: K(n), orderLineId: String(n * 10), sku, kind, unitIndex: 1, status, description: null, unitPrice: null, billing: null, forLineId: null, serialNumber: null, taskKeys: null };
}

function projectCreated(n: number, commitments: ProjectCommitment[], createdAt: string): FixtureRecord {
  const { customer, order } = PROJECTS[n]!;
  return event(
    'psa.service-project.created.v1',
    {
      ...structuredClone(exampleServiceProjectCreated),
      projectId: P(n),
      orderId: order,
      customer: { id: customer, name: CUSTOMERS[customer].name },
      site: site(customer),
      currency: 'INR',
      commitments,
      createdAt,
    },
    createdAt,
  );
}

interface TaskSpec {
  n: number;
  project: number;
  commitment: number | null;
  request?: number;
  kind: TaskSnapshot['kind'];
  serial?: string;
  status: TaskSnapshot['status'];
  dueDate?: string;
  dueAt?: string;
  /** Who owns it in the service team; none when left out. */
  owner?: string;
}

function task(spec: TaskSpec): TaskSnapshot {
  const { customer, order } = PROJECTS[spec.project]!;
  return {
    ...structuredClone(exampleTaskReady.task),
    taskId: T(spec.n),
    commitmentId: spec.commitment === null ? null : K(spec.commitment),
    serviceRequestId: spec.request ? SR(spec.request) : null,
    projectId: P(spec.project),
    orderId: order,
    customerId: customer,
    customerName: CUSTOMERS[customer].name,
    site: site(customer),
    serialNumber: spec.serial ?? null,
    sku: spec.kind === 'breakdown' ? null : `SVC-${spec.kind.toUpperCase()}`,
    kind: spec.kind,
    name: `${spec.kind} ${spec.n}`,
    status: spec.status,
    dueDate: spec.dueDate ?? null,
    dueAt: spec.dueAt ?? null,
    priority: spec.kind === 'breakdown' ? 'P2' : null,
    dependsOnTaskIds: [],
    holdReason: null,
    owner: spec.owner ?? null,
  };
}

const taskReady = (spec: TaskSpec, at: string) => event('psa.task.ready.v1', { task: task(spec), readyAt: at }, at);
const taskChanged = (spec: TaskSpec, at: string) => event('psa.task.changed.v1', { task: task(spec), changes: ['status'], changedAt: at }, at);
const taskDone = (spec: TaskSpec, at: string) => event('psa.task.done.v1', { task: task({ ...spec, status: 'done' }), completedAt: at }, at);

function booking(
  type: 'scheduled' | 'rescheduled' | 'cancelled',
  b: number,
  taskSpec: TaskSpec,
  engineers: number[],
  segments: [string, string][],
  at: string,
  status: 'proposed' | 'confirmed' = 'confirmed',
): FixtureRecord {
  const { customer } = PROJECTS[taskSpec.project]!;
  const base = {
    ...structuredClone(exampleVisitScheduled),
    bookingId: B(b),
    taskId: T(taskSpec.n),
    projectId: P(taskSpec.project),
    serviceRequestId: taskSpec.request ? SR(taskSpec.request) : null,
    customerId: customer,
    engineerIds: engineers.map(E),
    start: segments[0]![0],
    end: segments[segments.length - 1]![1],
    segments: segments.map(([start, end]) => ({ start, end })),
    travelMinutes: 30,
    site: site(customer),
    status,
  };
  const { scheduledAt: _s, reason: _r, ...booked } = base;
  if (type === 'scheduled') return event('psa.visit.scheduled.v1', { ...booked, reason: null, scheduledAt: at }, at);
  if (type === 'rescheduled') return event('psa.visit.rescheduled.v1', { ...booked, previous: null, reason: 'customer asked', rescheduledAt: at }, at);
  return event('psa.visit.cancelled.v1', { ...booked, reason: 'customer postponed', cancelledAt: at }, at);
}

function visitDone(b: number, visit: number, taskSpec: TaskSpec, engineer: number, startedAt: string, completedAt: string, outcome: 'completed' | 'incomplete') {
  const { customer } = PROJECTS[taskSpec.project]!;
  const ref = { visitId: V(visit), taskId: T(taskSpec.n), projectId: P(taskSpec.project), customerId: customer, engineerId: E(engineer) };
  return [
    event('psa.visit.started.v1', { ...ref, bookingId: B(b), serviceRequestId: taskSpec.request ? SR(taskSpec.request) : null, startedAt, location: null }, startedAt),
    event(
      'psa.visit.completed.v1',
      {
        ...ref,
        bookingId: B(b),
        serviceRequestId: taskSpec.request ? SR(taskSpec.request) : null,
        completedAt,
        outcome,
        signOff: outcome === 'completed' ? { name: 'Plant manager', signedAt: completedAt } : null,
        followUpReason: outcome === 'completed' ? null : 'parts needed',
      },
      completedAt,
    ),
  ];
}

function timeApproved(
  te: number,
  visit: number,
  taskSpec: TaskSpec,
  engineer: number,
  start: string,
  end: string,
  hours: string,
  billable: boolean,
  approvedAt: string,
  options: { activity?: string; corrects?: number; id?: string } = {},
) {
  const { customer } = PROJECTS[taskSpec.project]!;
  return event(
    'psa.time.approved.v1',
    {
      visitId: V(visit),
      taskId: T(taskSpec.n),
      projectId: P(taskSpec.project),
      customerId: customer,
      engineerId: E(engineer),
      timeEntryId: TE(te),
      start,
      end,
      hours,
      activity: options.activity ?? 'work',
      billable,
      approvedBy: 'service.manager',
      approvedAt,
      corrects: options.corrects ? TE(options.corrects) : null,
    },
    approvedAt,
    options.id,
  );
}

interface LineSpec {
  n: number;
  project: number;
  commitment?: number;
  task?: number;
  engineer?: number;
  serial?: string;
  kind: BillingLineChangedV1['sourceKind'];
  workDate: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  cost: string;
  billable: boolean;
  coverage?: BillingLineChangedV1['coverage'];
}

function line(spec: LineSpec, state: BillingLineState, previousState: BillingLineState | null, changedAt: string, invoiceRequestId: string | null = null) {
  const { customer, order } = PROJECTS[spec.project]!;
  return event(
    'psa.billing-line.changed.v1',
    {
      lineId: L(spec.n),
      state,
      previousState,
      customerId: customer,
      projectId: P(spec.project),
      orderId: order,
      orderLineId: null,
      commitmentId: spec.commitment ? K(spec.commitment) : null,
      taskId: spec.task ? T(spec.task) : null,
      visitId: null,
      engineerId: spec.engineer ? E(spec.engineer) : null,
      serialNumber: spec.serial ?? null,
      sourceKind: spec.kind,
      sourceRef: `ref-${spec.n}`,
      description: `line ${spec.n}`,
      workDate: spec.workDate,
      quantity: spec.quantity,
      unitPrice: spec.unitPrice,
      amount: spec.amount,
      cost: spec.cost,
      currency: 'INR',
      billable: spec.billable,
      coverage: spec.coverage ?? 'none',
      reason: `${state}`,
      invoiceRequestId,
      changedAt,
    },
    changedAt,
  );
}

/** An escalation as service-commitments raises it. */
function escalation(n: number, project: number, subject: { kind: 'service_request' | 'task'; id: string }, level: string, target: string, trigger: string, raisedAt: string) {
  const { customer } = PROJECTS[project]!;
  return event(
    'psa.escalation.raised.v1',
    { escalationId: ESC(n), subject, customerId: customer, projectId: P(project), serialNumber: null, level, target, trigger, reason: `${trigger} (${target})`, recipient: `${level}@fixture.example`, raisedAt },
    raisedAt,
  );
}

/** An invoice request of one line (its total), as billing sends it. */
function invoiceRequested(id: string, project: number, total: string, requestedAt: string, supersedes: string | null = null) {
  const { customer, order } = PROJECTS[project]!;
  const month = requestedAt.slice(0, 7);
  return event(
    'psa.invoice.requested.v1',
    {
      invoiceRequestId: id,
      supersedes,
      orderId: order,
      customerId: customer,
      customerPoNumber: null,
      projectId: P(project),
      currency: 'INR',
      period: { from: `${month}-01`, to: `${month}-28` },
      lines: [{ orderLineId: null, description: `work of ${id}`, sku: null, quantity: 1, unitPrice: total, amount: total, source: { kind: 'time', refs: [`ref-${id}`] } }],
      total,
      requestedAt,
    },
    requestedAt,
  );
}

/** ERP accounting's answer to a request of `project`, as billing announces it once it has applied it. */
function invoiceAnswered(id: string, project: number, answer: 'posted' | 'rejected' | 'cancelled', answeredAt: string, extra: { invoiceNumber?: string; postedTotal?: string; reason?: string }) {
  const { customer, order } = PROJECTS[project]!;
  return event(
    'psa.invoice.answered.v1',
    {
      invoiceRequestId: id,
      answer,
      answeredAt,
      customerId: customer,
      projectId: P(project),
      orderId: order,
      currency: 'INR',
      invoiceNumber: extra.invoiceNumber ?? null,
      postedTotal: extra.postedTotal ?? null,
      totalMismatch: false,
      reason: extra.reason ?? null,
    },
    answeredAt,
  );
}

/** Weekdays 8 hours, weekends off, 26 January a public holiday; `overrides` turn days into leave. */
function availabilityDays(from: string, to: string, overrides: Record<string, EngineerAvailabilityDay['kind']> = {}): EngineerAvailabilityDay[] {
  const days: EngineerAvailabilityDay[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const weekday = new Date(t).getUTCDay();
    const kind = overrides[date] ?? (date === '2027-01-26' ? 'holiday' : weekday === 0 || weekday === 6 ? 'off' : 'working');
    days.push({ date, availableMinutes: kind === 'working' ? 480 : 0, kind });
  }
  return days;
}

const ENGINEERS: Record<number, { name: string; team: string; region: string }> = {
  1: { name: 'Asha Patil', team: 'Installations', region: 'West' },
  2: { name: 'Bala Murugan', team: 'Installations', region: 'South' },
  3: { name: 'Chen Wei', team: 'Service', region: 'West' },
};

function availability(engineer: number, days: EngineerAvailabilityDay[], changedAt: string) {
  return event('psa.engineer.availability-changed.v1', { engineerId: E(engineer), ...ENGINEERS[engineer]!, days, changedAt }, changedAt);
}

function serviceRequest(n: number, project: number, serial: string, taskSpec: TaskSpec, raisedAt: string, resolutionDueAt: string) {
  const { customer } = PROJECTS[project]!;
  return event(
    'psa.service-request.raised.v1',
    {
      ...structuredClone(exampleServiceRequestRaised),
      requestId: SR(n),
      projectId: P(project),
      customerId: customer,
      serialNumber: serial,
      sla: { coverage: '8x5', responseDueAt: raisedAt, resolutionDueAt },
      task: task(taskSpec),
      raisedAt,
    },
    raisedAt,
  );
}

function resolved(n: number, project: number, serial: string, resolvedAt: string, resolutionMet: boolean) {
  return event(
    'psa.service-request.resolved.v1',
    { requestId: SR(n), projectId: P(project), customerId: PROJECTS[project]!.customer, serialNumber: serial, resolvedAt, responseMet: true, resolutionMet },
    resolvedAt,
  );
}

function coverage(serial: string, project: number, kind: 'warranty' | 'amc', contract: number | null, startsOn: string, endsOn: string, status: string, changedAt: string) {
  return event(
    'psa.coverage.changed.v1',
    {
      serialNumber: serial,
      customerId: PROJECTS[project]!.customer,
      projectId: P(project),
      coverage: { kind, contractId: contract ? A(contract) : null, commitmentId: null, startsOn, endsOn, scope: 'labour', visitQuota: null, status },
      reason: `${kind} ${status}`,
      changedAt,
    },
    changedAt,
  );
}

function equipment(serial: string, sku: string, project: number, dispatchedAt: string) {
  const { customer, order } = PROJECTS[project]!;
  return event(
    'psa.equipment.registered.v1',
    {
      equipmentId: uuid('c0000000', project),
      projectId: P(project),
      orderId: order,
      customerId: customer,
      siteId: CUSTOMERS[customer].site,
      machineLineId: '10',
      sku,
      serialNumber: serial,
      dispatchId: `DN-${project}`,
      dispatchedAt,
      expectedDeliveryDate: dispatchedAt.slice(0, 10),
      warranty: null,
    },
    dispatchedAt,
  );
}

function dispatched(dispatchId: string, order: string, dispatchedAt: string, lines: { lineId: string; sku: string; quantity: number; serialNumbers: string[] | null }[]) {
  return event('erp.machine.dispatched.v1', { dispatchId, orderId: order, dispatchedAt, expectedDeliveryDate: null, siteId: null, lines }, dispatchedAt);
}

/** The story, in the order it is produced (not always the order it happened). */
export function fixtureStream(): FixtureRecord[] {
  sequence = 0;
  // Tasks. T1 installation of M-1001 (done), T2 training due 18 April (ready: at risk), T3 installation of
  // M-2001 due 10 April (scheduled: overdue), T4 installation of M-3001 (done), T5–T7 breakdowns.
  // Owners: Meera owns T1 and T2; T3 is handed from Meera to Ravi on 1 March (that change arrives first);
  // Ravi owns the breakdowns T5 and T6; T4 and T7 have no owner.
  const t1: TaskSpec = { n: 1, project: 1, commitment: 1, kind: 'installation', serial: 'M-1001', status: 'ready', dueDate: '2027-01-31', owner: 'meera.iyer' };
  const t2: TaskSpec = { n: 2, project: 1, commitment: 2, kind: 'training', status: 'ready', dueDate: '2027-04-18', owner: 'meera.iyer' };
  const t3: TaskSpec = { n: 3, project: 2, commitment: 3, kind: 'installation', serial: 'M-2001', status: 'ready', dueDate: '2027-04-10', owner: 'meera.iyer' };
  const t4: TaskSpec = { n: 4, project: 3, commitment: 5, kind: 'installation', serial: 'M-3001', status: 'ready', dueDate: '2027-02-15' };
  const t5: TaskSpec = { n: 5, project: 1, commitment: null, request: 1, kind: 'breakdown', serial: 'M-1001', status: 'ready', dueAt: '2027-02-11T08:00:00Z', owner: 'ravi.kulkarni' };
  const t6: TaskSpec = { n: 6, project: 1, commitment: null, request: 2, kind: 'breakdown', serial: 'M-1001', status: 'ready', dueAt: '2027-03-12T17:00:00Z', owner: 'ravi.kulkarni' };
  const t7: TaskSpec = { n: 7, project: 2, commitment: null, request: 3, kind: 'breakdown', serial: 'M-2001', status: 'ready', dueAt: '2027-04-14T18:00:00Z' };

  const serviceProjects: FixtureRecord[] = [
    projectCreated(1, [commitment(1, 'installation', 'SVC-INSTALL'), commitment(2, 'training', 'SVC-TRAINING')], '2027-01-02T09:00:00Z'),
    projectCreated(2, [commitment(3, 'installation', 'SVC-INSTALL'), commitment(4, 'calibration', 'SVC-CALIBRATION')], '2027-01-03T09:00:00Z'),
    projectCreated(3, [commitment(5, 'installation', 'SVC-INSTALL'), commitment(6, 'support_visit', 'SVC-SUPPORT-VISIT')], '2027-01-04T09:00:00Z'),
    event('psa.commitment.cancelled.v1', { commitmentId: K(6), projectId: P(3), orderId: 'SO-3', orderLineId: '60', reason: 'customer dropped it', cancelledAt: '2027-01-10T09:00:00Z' }, '2027-01-10T09:00:00Z'),
    equipment('M-1001', 'INJ-250', 1, '2027-01-05T06:00:00Z'),
    equipment('M-2001', 'INJ-250', 2, '2027-01-25T06:00:00Z'),
    equipment('M-3001', 'PRS-80', 3, '2027-01-28T06:00:00Z'),
    taskReady(t1, '2027-01-06T09:00:00Z'),
    taskChanged({ ...t1, status: 'scheduled' }, '2027-01-10T09:00:00Z'),
    taskDone(t1, '2027-01-20T10:00:00Z'),
    taskReady(t2, '2027-01-21T09:00:00Z'),
    // Stale: T3's change to scheduled (1 March) is produced before its ready (26 January); scheduled must stay.
    taskChanged({ ...t3, status: 'scheduled', owner: 'ravi.kulkarni' }, '2027-03-01T09:00:00Z'),
    taskReady(t3, '2027-01-26T09:00:00Z'),
    taskReady(t4, '2027-01-29T09:00:00Z'),
    taskDone(t4, '2027-02-05T08:00:00Z'),
    serviceRequest(1, 1, 'M-1001', t5, '2027-02-10T08:00:00Z', '2027-02-11T08:00:00Z'),
    taskDone(t5, '2027-02-10T14:00:00Z'),
    resolved(1, 1, 'M-1001', '2027-02-10T14:00:00Z', true),
    serviceRequest(2, 1, 'M-1001', t6, '2027-03-12T09:00:00Z', '2027-03-12T17:00:00Z'),
    taskDone(t6, '2027-03-13T09:00:00Z'),
    resolved(2, 1, 'M-1001', '2027-03-13T09:00:00Z', false),
    serviceRequest(3, 2, 'M-2001', t7, '2027-04-14T10:00:00Z', '2027-04-14T18:00:00Z'),
    coverage('M-1001', 1, 'warranty', null, '2027-01-20', '2028-01-19', 'active', '2027-01-20T10:00:00Z'),
    coverage('M-1001', 1, 'amc', 1, '2027-01-20', '2027-05-10', 'active', '2027-01-20T10:00:00Z'),
    // Stale: A2's later change (ends 30 June) comes first, its original (ends 31 December) after.
    coverage('M-3001', 3, 'amc', 2, '2027-02-05', '2027-06-30', 'active', '2027-03-01T10:00:00Z'),
    coverage('M-3001', 3, 'amc', 2, '2027-02-05', '2027-12-31', 'active', '2027-01-10T10:00:00Z'),
    coverage('M-2001', 2, 'amc', 3, '2027-04-21', '2027-05-20', 'pending', '2027-01-25T10:00:00Z'),
  ];

  const dispatches: FixtureRecord[] = [
    dispatched('DN-1', 'SO-1', '2027-01-05T06:00:00Z', [{ lineId: '10', sku: 'INJ-250', quantity: 1, serialNumbers: ['M-1001'] }]),
    dispatched('DN-2', 'SO-2', '2027-01-25T06:00:00Z', [{ lineId: '10', sku: 'INJ-250', quantity: 1, serialNumbers: ['M-2001'] }]),
    dispatched('DN-3', 'SO-3', '2027-01-28T06:00:00Z', [{ lineId: '10', sku: 'PRS-80', quantity: 1, serialNumbers: ['M-3001'] }]),
    dispatched('DN-4', 'SO-3', '2027-03-01T06:00:00Z', [{ lineId: '20', sku: 'PRS-80', quantity: 1, serialNumbers: null }]),
  ];

  const schedules: FixtureRecord[] = [
    availability(1, availabilityDays('2027-01-01', '2027-04-30'), '2027-01-01T00:00:00Z'),
    availability(1, availabilityDays('2027-02-15', '2027-02-19', Object.fromEntries(['2027-02-15', '2027-02-16', '2027-02-17', '2027-02-18', '2027-02-19'].map((d) => [d, 'leave']))), '2027-02-01T00:00:00Z'),
    availability(2, availabilityDays('2027-01-01', '2027-04-30'), '2027-01-01T00:00:00Z'),
    // Stale: E3's leave on 10 March (changed 1 March) is produced before the calendar it amends (1 January).
    availability(3, availabilityDays('2027-03-10', '2027-03-10', { '2027-03-10': 'leave' }), '2027-03-01T00:00:00Z'),
    availability(3, availabilityDays('2027-01-01', '2027-04-30'), '2027-01-01T00:00:00Z'),
    booking('scheduled', 1, t1, [1, 2], [['2027-01-19T04:00:00Z', '2027-01-19T12:00:00Z'], ['2027-01-20T04:00:00Z', '2027-01-20T10:00:00Z']], '2027-01-10T09:00:00Z'),
    booking('scheduled', 2, t4, [3], [['2027-02-03T04:00:00Z', '2027-02-03T12:00:00Z']], '2027-01-25T09:00:00Z'),
    booking('rescheduled', 2, t4, [3], [['2027-02-04T04:00:00Z', '2027-02-04T12:00:00Z']], '2027-01-30T09:00:00Z'),
    booking('scheduled', 3, t4, [3], [['2027-02-05T04:00:00Z', '2027-02-05T08:00:00Z']], '2027-02-04T13:00:00Z'),
    booking('scheduled', 4, t5, [1], [['2027-02-10T09:00:00Z', '2027-02-10T14:00:00Z']], '2027-02-10T08:30:00Z'),
    booking('scheduled', 5, t6, [1], [['2027-03-12T10:00:00Z', '2027-03-12T16:00:00Z']], '2027-03-12T09:30:00Z'),
    booking('scheduled', 6, t6, [1], [['2027-03-13T04:00:00Z', '2027-03-13T09:00:00Z']], '2027-03-12T16:30:00Z'),
    booking('scheduled', 7, t3, [2], [['2027-04-20T04:00:00Z', '2027-04-20T12:00:00Z']], '2027-03-01T09:00:00Z', 'proposed'),
    // Out of order: the training visit's cancellation (5 March) is produced before its booking (1 March).
    booking('cancelled', 8, t2, [3], [['2027-03-20T04:00:00Z', '2027-03-20T12:00:00Z']], '2027-03-05T09:00:00Z'),
    booking('scheduled', 8, t2, [3], [['2027-03-20T04:00:00Z', '2027-03-20T12:00:00Z']], '2027-03-01T09:00:00Z'),
  ];

  const te1 = timeApproved(1, 1, t1, 1, '2027-01-19T04:00:00Z', '2027-01-19T12:00:00Z', '8.00', true, '2027-01-21T09:00:00Z', { id: 'approval-te1' });
  const fieldWork: FixtureRecord[] = [
    ...visitDone(1, 1, t1, 1, '2027-01-19T04:00:00Z', '2027-01-20T10:00:00Z', 'completed'),
    ...visitDone(2, 2, t4, 3, '2027-02-04T04:00:00Z', '2027-02-04T12:00:00Z', 'incomplete'),
    ...visitDone(3, 3, t4, 3, '2027-02-05T04:00:00Z', '2027-02-05T08:00:00Z', 'completed'),
    ...visitDone(4, 4, t5, 1, '2027-02-10T09:00:00Z', '2027-02-10T14:00:00Z', 'completed'),
    ...visitDone(5, 5, t6, 1, '2027-03-12T10:00:00Z', '2027-03-12T16:00:00Z', 'incomplete'),
    ...visitDone(6, 6, t6, 1, '2027-03-13T04:00:00Z', '2027-03-13T09:00:00Z', 'completed'),
    te1,
    te1, // delivered twice: counted once
    timeApproved(2, 1, t1, 1, '2027-01-20T04:00:00Z', '2027-01-20T10:00:00Z', '6.00', true, '2027-01-21T09:00:00Z'),
    timeApproved(7, 1, t1, 2, '2027-01-19T04:00:00Z', '2027-01-19T12:00:00Z', '8.00', true, '2027-01-21T09:00:00Z'),
    // The correction of te8 (6 h → 5.5 h) is produced before te8 itself.
    timeApproved(9, 1, t1, 2, '2027-01-20T04:00:00Z', '2027-01-20T09:30:00Z', '5.50', true, '2027-01-25T09:00:00Z', { corrects: 8 }),
    timeApproved(8, 1, t1, 2, '2027-01-20T04:00:00Z', '2027-01-20T10:00:00Z', '6.00', true, '2027-01-21T09:00:00Z'),
    timeApproved(10, 1, t1, 2, '2027-02-22T04:00:00Z', '2027-02-22T08:00:00Z', '4.00', false, '2027-02-23T09:00:00Z', { activity: 'training' }),
    timeApproved(11, 2, t4, 3, '2027-02-04T04:00:00Z', '2027-02-04T12:00:00Z', '8.00', true, '2027-02-06T09:00:00Z'),
    timeApproved(12, 3, t4, 3, '2027-02-05T04:00:00Z', '2027-02-05T08:00:00Z', '4.00', true, '2027-02-06T09:00:00Z'),
    timeApproved(3, 4, t5, 1, '2027-02-10T09:00:00Z', '2027-02-10T14:00:00Z', '5.00', true, '2027-02-11T09:00:00Z'),
    timeApproved(4, 5, t6, 1, '2027-03-12T10:00:00Z', '2027-03-12T16:00:00Z', '6.00', true, '2027-03-14T09:00:00Z'),
    timeApproved(6, 5, t6, 1, '2027-03-12T08:00:00Z', '2027-03-12T10:00:00Z', '2.00', false, '2027-03-14T09:00:00Z', { activity: 'travel' }),
  ];

  // Ledger lines (INR). P1: milestone and time invoiced; te8's line reversed by its correction's line, which
  // ERP rejected (back to review); an expense ready; the warranty repair's parts and labour and the AMC
  // breakdown's labour non-billable. P2: an AMC fee ready since 1 January. P3: milestone requested, time ready
  // and requested, an expense written off.
  const l1: LineSpec = { n: 1, project: 1, commitment: 1, task: 1, serial: 'M-1001', kind: 'milestone', workDate: '2027-01-20', quantity: '1', unitPrice: '100000.00', amount: '100000.00', cost: '0.00', billable: true };
  const l2: LineSpec = { n: 2, project: 1, commitment: 1, task: 1, engineer: 1, kind: 'time', workDate: '2027-01-19', quantity: '8', unitPrice: '1500.00', amount: '12000.00', cost: '4800.00', billable: true };
  const l3: LineSpec = { n: 3, project: 1, commitment: 1, task: 1, engineer: 1, kind: 'time', workDate: '2027-01-20', quantity: '6', unitPrice: '1500.00', amount: '9000.00', cost: '3600.00', billable: true };
  const l4: LineSpec = { n: 4, project: 1, commitment: 1, task: 1, engineer: 2, kind: 'time', workDate: '2027-01-19', quantity: '8', unitPrice: '1500.00', amount: '12000.00', cost: '4000.00', billable: true };
  const l5: LineSpec = { n: 5, project: 1, commitment: 1, task: 1, engineer: 2, kind: 'time', workDate: '2027-01-20', quantity: '6', unitPrice: '1500.00', amount: '9000.00', cost: '3000.00', billable: true };
  const l6: LineSpec = { n: 6, project: 1, commitment: 1, task: 1, engineer: 2, kind: 'time', workDate: '2027-01-20', quantity: '5.5', unitPrice: '1500.00', amount: '8250.00', cost: '2750.00', billable: true };
  const l7: LineSpec = { n: 7, project: 1, commitment: 1, task: 1, kind: 'expense', workDate: '2027-01-20', quantity: '1', unitPrice: '2500.00', amount: '2500.00', cost: '2500.00', billable: true };
  const l8: LineSpec = { n: 8, project: 1, task: 5, serial: 'M-1001', kind: 'parts', workDate: '2027-02-10', quantity: '1', unitPrice: '0.00', amount: '0.00', cost: '7000.00', billable: false, coverage: 'warranty' };
  const l9: LineSpec = { n: 9, project: 1, task: 5, engineer: 1, serial: 'M-1001', kind: 'time', workDate: '2027-02-10', quantity: '5', unitPrice: '0.00', amount: '0.00', cost: '3000.00', billable: false, coverage: 'warranty' };
  const l10: LineSpec = { n: 10, project: 1, task: 6, engineer: 1, serial: 'M-1001', kind: 'time', workDate: '2027-03-12', quantity: '6', unitPrice: '0.00', amount: '0.00', cost: '3600.00', billable: false, coverage: 'amc' };
  const l11: LineSpec = { n: 11, project: 1, task: 6, engineer: 1, serial: 'M-1001', kind: 'time', workDate: '2027-03-13', quantity: '5', unitPrice: '0.00', amount: '0.00', cost: '3000.00', billable: false, coverage: 'amc' };
  const l12: LineSpec = { n: 12, project: 1, task: 6, engineer: 1, serial: 'M-1001', kind: 'time', workDate: '2027-03-12', quantity: '2', unitPrice: '0.00', amount: '0.00', cost: '1200.00', billable: false };
  const l13: LineSpec = { n: 13, project: 1, commitment: 1, task: 1, engineer: 2, kind: 'time', workDate: '2027-02-22', quantity: '4', unitPrice: '0.00', amount: '0.00', cost: '2000.00', billable: false };
  const l20: LineSpec = { n: 20, project: 3, commitment: 5, task: 4, serial: 'M-3001', kind: 'milestone', workDate: '2027-02-05', quantity: '1', unitPrice: '80000.00', amount: '80000.00', cost: '0.00', billable: true };
  const l21: LineSpec = { n: 21, project: 3, commitment: 5, task: 4, engineer: 3, kind: 'time', workDate: '2027-02-04', quantity: '8', unitPrice: '1750.00', amount: '14000.00', cost: '5600.00', billable: true };
  const l22: LineSpec = { n: 22, project: 3, commitment: 5, task: 4, engineer: 3, kind: 'time', workDate: '2027-02-05', quantity: '4', unitPrice: '1750.00', amount: '7000.00', cost: '2800.00', billable: true };
  const l23: LineSpec = { n: 23, project: 3, commitment: 5, task: 4, kind: 'expense', workDate: '2027-02-05', quantity: '1', unitPrice: '500.00', amount: '500.00', cost: '500.00', billable: true };
  const l31: LineSpec = { n: 31, project: 2, kind: 'contract', workDate: '2027-01-01', quantity: '1', unitPrice: '20000.00', amount: '20000.00', cost: '0.00', billable: true };

  const billing: FixtureRecord[] = [
    line(l1, 'ready', null, '2027-01-20T11:00:00Z'),
    line(l1, 'requested', 'ready', '2027-01-25T10:00:00Z', 'IR-1'),
    line(l1, 'invoiced', 'requested', '2027-02-01T10:00:00Z', 'IR-1'),
    ...[l2, l3, l4].flatMap((l) => [
      line(l, 'ready', null, '2027-01-21T10:00:00Z'),
      line(l, 'requested', 'ready', '2027-02-01T10:00:00Z', 'IR-2'),
      line(l, 'invoiced', 'requested', '2027-02-10T10:00:00Z', 'IR-2'),
    ]),
    line(l5, 'ready', null, '2027-01-22T10:00:00Z'),
    line(l5, 'reversed', 'ready', '2027-01-25T10:00:00Z'),
    line(l6, 'ready', null, '2027-01-25T10:00:00Z'),
    // ERP rejected IR-3 on 20 February: produced before the request itself (15 February), which must not win.
    line(l6, 'review', 'requested', '2027-02-20T10:00:00Z', 'IR-3'),
    line(l6, 'requested', 'ready', '2027-02-15T10:00:00Z', 'IR-3'),
    // Finance re-billed it with the cost centre corrected: IR-7 supersedes IR-3 and is posted.
    line(l6, 'ready', 'review', '2027-02-28T10:00:00Z'),
    line(l6, 'requested', 'ready', '2027-03-01T10:00:00Z', 'IR-7'),
    line(l6, 'invoiced', 'requested', '2027-03-04T10:00:00Z', 'IR-7'),
    line(l7, 'ready', null, '2027-01-22T10:00:00Z'),
    line(l8, 'non_billable', null, '2027-02-11T10:00:00Z'),
    line(l9, 'non_billable', null, '2027-02-11T10:00:00Z'),
    line(l10, 'non_billable', null, '2027-03-14T10:00:00Z'),
    line(l12, 'non_billable', null, '2027-03-14T10:00:00Z'),
    line(l13, 'non_billable', null, '2027-02-23T10:00:00Z'),
    line(l31, 'ready', null, '2027-01-01T10:00:00Z'),
    line(l20, 'ready', null, '2027-02-05T10:00:00Z'),
    line(l20, 'requested', 'ready', '2027-02-06T10:00:00Z', 'IR-4'),
    line(l21, 'ready', null, '2027-02-06T10:00:00Z'),
    line(l22, 'ready', null, '2027-02-06T10:00:00Z'),
    line(l22, 'requested', 'ready', '2027-04-01T10:00:00Z', 'IR-5'),
    line(l23, 'ready', null, '2027-02-06T10:00:00Z'),
    line(l23, 'written_off', 'ready', '2027-03-01T10:00:00Z'),
  ];

  // Invoice requests (psa.invoices) and ERP accounting's answers as billing accepted them (psa.invoice.answered.v1 on
  // psa.billing). IR-1 posted after 7 days (the announcement delivered twice), IR-2 after 9; IR-3 rejected (the answer
  // delivered before the request) and re-submitted as IR-7, posted after 3 days; IR-4 and IR-5 not answered yet.
  const ir1Posted = invoiceAnswered('IR-1', 1, 'posted', '2027-02-01T10:00:00Z', { invoiceNumber: 'INV-1', postedTotal: '100000.00' });
  const invoices: FixtureRecord[] = [
    invoiceRequested('IR-1', 1, '100000.00', '2027-01-25T10:00:00Z'),
    ir1Posted,
    ir1Posted,
    invoiceRequested('IR-2', 1, '33000.00', '2027-02-01T10:00:00Z'),
    invoiceAnswered('IR-2', 1, 'posted', '2027-02-10T10:00:00Z', { invoiceNumber: 'INV-2', postedTotal: '33000.00' }),
    invoiceAnswered('IR-3', 1, 'rejected', '2027-02-20T10:00:00Z', { reason: 'Wrong cost centre' }),
    invoiceRequested('IR-3', 1, '8250.00', '2027-02-15T10:00:00Z'),
    invoiceRequested('IR-4', 3, '80000.00', '2027-02-06T10:00:00Z'),
    invoiceRequested('IR-5', 3, '7000.00', '2027-04-01T10:00:00Z'),
    invoiceRequested('IR-7', 1, '8250.00', '2027-03-01T10:00:00Z', 'IR-3'),
    invoiceAnswered('IR-7', 1, 'posted', '2027-03-04T10:00:00Z', { invoiceNumber: 'INV-7', postedTotal: '8250.00' }),
  ];

  // Escalations. SR2 (C-100) at risk, then breached, then still unresolved: owner, owner, service manager, head of
  // service. T3 (C-200, due 10 April) overdue: owner, then the service manager (delivered twice). SR3 at risk: owner.
  const t3Escalated = escalation(6, 2, { kind: 'task', id: T(3) }, 'service_manager', 'due_date', 'overdue', '2027-04-13T00:00:00Z');
  const escalations: FixtureRecord[] = [
    escalation(1, 1, { kind: 'service_request', id: SR(2) }, 'owner', 'resolution', 'at_risk', '2027-03-12T15:00:00Z'),
    escalation(2, 1, { kind: 'service_request', id: SR(2) }, 'owner', 'resolution', 'breached', '2027-03-12T17:00:00Z'),
    escalation(3, 1, { kind: 'service_request', id: SR(2) }, 'service_manager', 'resolution', 'breach_unresolved', '2027-03-13T01:00:00Z'),
    escalation(4, 1, { kind: 'service_request', id: SR(2) }, 'head_of_service', 'resolution', 'breach_unresolved', '2027-03-13T05:00:00Z'),
    escalation(5, 2, { kind: 'task', id: T(3) }, 'owner', 'due_date', 'overdue', '2027-04-11T00:00:00Z'),
    t3Escalated,
    t3Escalated,
    escalation(7, 2, { kind: 'service_request', id: SR(3) }, 'owner', 'resolution', 'at_risk', '2027-04-14T16:00:00Z'),
  ];

  // Late: te5 (13 March, 5 h) approved on 2 April, and its ledger line after it.
  const late: FixtureRecord[] = [
    timeApproved(5, 6, t6, 1, '2027-03-13T04:00:00Z', '2027-03-13T09:00:00Z', '5.00', true, '2027-04-02T09:00:00Z'),
    line(l11, 'non_billable', null, '2027-04-02T10:00:00Z'),
  ];

  const garbage: FixtureRecord = { topic: Topics.fieldWork, key: 'garbage', value: Buffer.from('{not json'), headers: {} };
  // A time approval without its hours breaks the contract: kept aside with the reason, counted nowhere.
  const hourless = timeApproved(99, 1, t1, 1, '2027-01-22T04:00:00Z', '2027-01-22T12:00:00Z', '8.00', true, '2027-01-23T09:00:00Z');
  const broken = JSON.parse(hourless.value.toString('utf8'));
  delete broken.data.hours;
  const schemaViolation: FixtureRecord = { ...hourless, value: Buffer.from(JSON.stringify(broken)) };

  return [...serviceProjects, ...dispatches, ...schedules, ...fieldWork, ...billing, ...invoices, ...escalations, garbage, schemaViolation, ...late];
}
