import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import {
  EVENT_CATALOG,
  EVENT_TYPES,
  eventTypesOn,
  isKnownType,
  validateEventData,
  type EventContract,
  type EventType,
} from './event-catalog.js';
import { SalesOrderCreatedV1 } from './events/sales-order-created.v1.js';
import {
  EXAMPLE_DATA,
  exampleCoverageChanged,
  exampleEquipmentRegistered,
  exampleEscalationRaised,
  exampleInvoicePosted,
  exampleInvoiceRequested,
  examplePartsIssued,
  exampleSalesOrderCreated,
  exampleServiceRequestRaised,
  exampleTaskChanged,
  exampleTaskDone,
  exampleTaskOnHold,
  exampleTaskReady,
} from './fixtures.js';
import { JSON_SCHEMA_DIALECT } from './schemas/schema-parts.js';
import { Topics } from './topics.js';

// ajv-formats is CommonJS: under ESM its default import is module.exports, which carries the plugin as `.default`.
const addFormats = addFormatsModule.default;

function schemaValidators(): Map<EventType, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return new Map(EVENT_TYPES.map((type) => [type, ajv.compile(EVENT_CATALOG[type].schema)]));
}

const schemas = schemaValidators();

function bySchema(type: EventType, data: unknown): boolean {
  return schemas.get(type)!(data);
}

function byClass(type: EventType, data: unknown): boolean {
  return validateEventData(type, data).ok;
}

/** The event types whose data carries a TaskSnapshot as `task`. */
const TASK_TYPES = [
  'psa.task.ready.v1',
  'psa.task.changed.v1',
  'psa.task.on-hold.v1',
  'psa.task.released.v1',
  'psa.task.cancelled.v1',
  'psa.task.done.v1',
] as const satisfies readonly EventType[];

/** A deep copy of an example, changed by `edit` (examples are frozen). */
function variant<T>(example: T, edit: (copy: any) => void): T {
  const copy = structuredClone(example);
  edit(copy);
  return copy;
}

function reasonFor(type: EventType, data: unknown): string {
  const result = validateEventData(type, data);
  if (result.ok) throw new Error(`expected ${type} to be rejected`);
  return result.reason;
}

describe('EVENT_CATALOG', () => {
  it('has every contract type on its contract topic', () => {
    expect(eventTypesOn(Topics.salesOrders)).toEqual([
      'erp.sales-order.created.v1',
      'erp.sales-order.changed.v1',
      'erp.sales-order.cancelled.v1',
    ]);
    expect(eventTypesOn(Topics.dispatches)).toEqual(['erp.machine.dispatched.v1']);
    expect(eventTypesOn(Topics.inventory)).toEqual(['erp.parts.issued.v1']);
    expect(eventTypesOn(Topics.accounting)).toEqual([
      'erp.invoice.posted.v1',
      'erp.invoice.rejected.v1',
      'erp.invoice.cancelled.v1',
    ]);
    expect(eventTypesOn(Topics.invoices)).toEqual(['psa.invoice.requested.v1']);
    // Billing's accepted answers travel on billing's own topic: the ERP reads psa.invoices and must see only requests there.
    expect(eventTypesOn(Topics.billing)).toEqual(['psa.billing-line.changed.v1', 'psa.invoice.answered.v1']);
    expect(eventTypesOn(Topics.serviceProjects)).toEqual([
      'psa.service-project.created.v1',
      'psa.service-project.changed.v1',
      'psa.service-project.cancelled.v1',
      'psa.commitment.cancelled.v1',
      'psa.task.ready.v1',
      'psa.task.changed.v1',
      'psa.task.on-hold.v1',
      'psa.task.released.v1',
      'psa.task.cancelled.v1',
      'psa.task.done.v1',
      'psa.equipment.registered.v1',
      'psa.coverage.changed.v1',
      'psa.service-request.raised.v1',
      'psa.service-request.resolved.v1',
      'psa.escalation.raised.v1',
    ]);
  });

  it.each(EVENT_TYPES)('%s: entry agrees with its class statics', (type) => {
    const entry = EVENT_CATALOG[type];
    expect(entry.contract.type).toBe(type);
    expect(entry.topic).toBe(entry.contract.topic);
    expect(entry.schema.title).toBe(type);
    expect(entry.direction).toBe(type.startsWith('erp.') ? 'erp-in' : entry.topic === Topics.invoices ? 'psa-out' : 'internal');
  });

  it('prescribes the contract record keys', () => {
    expect(EVENT_CATALOG['erp.sales-order.created.v1'].recordKeyOf(exampleSalesOrderCreated)).toBe('SO-2026-0142');
    expect(EVENT_CATALOG['erp.invoice.posted.v1'].recordKeyOf(exampleInvoicePosted)).toBe('<id>');
    expect(EVENT_CATALOG['psa.invoice.requested.v1'].recordKeyOf(exampleInvoiceRequested)).toBe('<stable id>');
    const withoutOrder = variant(examplePartsIssued, (d) => delete d.orderId);
    expect(EVENT_CATALOG['erp.parts.issued.v1'].recordKeyOf(withoutOrder)).toBe('<ServiceLoop visit id>');
  });

  it('keys internal work by project, or by serial number for a machine without a project', () => {
    const projectId = EXAMPLE_DATA['psa.service-project.created.v1'].projectId;
    for (const type of TASK_TYPES) expect([type, EVENT_CATALOG[type].recordKeyOf(EXAMPLE_DATA[type] as never)]).toEqual([type, projectId]);
    expect(EVENT_CATALOG['psa.equipment.registered.v1'].recordKeyOf(exampleEquipmentRegistered)).toBe(projectId);
    for (const type of ['psa.coverage.changed.v1', 'psa.service-request.raised.v1', 'psa.service-request.resolved.v1', 'psa.escalation.raised.v1'] as const) {
      const entry = EVENT_CATALOG[type] as EventContract;
      expect([type, entry.recordKeyOf(EXAMPLE_DATA[type])]).toEqual([type, projectId]);
      expect([type, entry.recordKeyOf(variant(EXAMPLE_DATA[type], (d) => (d.projectId = null)))]).toEqual([type, 'INJ250-0009']);
    }
    const withoutProject = variant(exampleServiceRequestRaised, (d) => ((d.task.projectId = null), (d.task.orderId = null)));
    expect(EVENT_CATALOG['psa.task.ready.v1'].recordKeyOf({ task: withoutProject.task, readyAt: '2027-02-10T05:00:00Z' })).toBe('INJ250-0009');
    const onlySubject = variant(exampleEscalationRaised, (d) => ((d.projectId = null), delete d.serialNumber));
    expect(EVENT_CATALOG['psa.escalation.raised.v1'].recordKeyOf(onlySubject)).toBe(exampleEscalationRaised.subject.id);
  });

  it('names the order, else the service request, as subject of task events', () => {
    expect(EVENT_CATALOG['psa.task.done.v1'].subjectOf(exampleTaskDone)).toBe('SO-2026-0142');
    const breakdown = { task: { ...exampleServiceRequestRaised.task, orderId: null }, completedAt: '2027-02-12T09:45:00Z' };
    expect(EVENT_CATALOG['psa.task.done.v1'].subjectOf(breakdown)).toBe(exampleServiceRequestRaised.requestId);
  });

  it('knows only its own types, not Object.prototype members', () => {
    expect(isKnownType('erp.sales-order.created.v1')).toBe(true);
    expect(isKnownType('erp.sales-order.created.v2')).toBe(false);
    expect(isKnownType('constructor')).toBe(false);
    expect(isKnownType('toString')).toBe(false);
  });

  it('publishes draft-07 schemas that accept unknown properties', () => {
    expect(JSON_SCHEMA_DIALECT).toBe('http://json-schema.org/draft-07/schema#');
    for (const type of EVENT_TYPES) expect(EVENT_CATALOG[type].schema.additionalProperties).toBe(true);
  });
});

describe('the contract examples', () => {
  it.each(EVENT_TYPES)('%s example is valid by the class and by the JSON Schema', (type) => {
    expect(validateEventData(type, EXAMPLE_DATA[type])).toMatchObject({ ok: true });
    expect(bySchema(type, EXAMPLE_DATA[type])).toBe(true);
  });

  it('returns an instance of the contract class, unknown fields kept', () => {
    const result = validateEventData('erp.sales-order.created.v1', { ...exampleSalesOrderCreated, plantCode: 'P1' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toBeInstanceOf(SalesOrderCreatedV1);
    expect(result.value.lines[1].unitPrice).toBe('60000.00');
    expect((result.value as SalesOrderCreatedV1 & { plantCode: string }).plantCode).toBe('P1');
  });
});

describe('class and JSON Schema reject the same bad payloads', () => {
  /** Both validators must agree; the class must say why. */
  function expectBothReject(type: EventType, data: unknown, reason: RegExp | string) {
    expect(bySchema(type, data)).toBe(false);
    expect(reasonFor(type, data)).toMatch(reason);
  }
  function expectBothAccept(type: EventType, data: unknown) {
    expect(validateEventData(type, data)).toMatchObject({ ok: true });
    expect(bySchema(type, data)).toBe(true);
  }

  const created = 'erp.sales-order.created.v1';
  const requested = 'psa.invoice.requested.v1';

  it('money as a JSON number', () => {
    const data = variant(exampleSalesOrderCreated, (d) => (d.lines[0].unitPrice = 4500000));
    expectBothReject(created, data, 'lines.0.unitPrice: must be a decimal string (at most 4 decimal places), not a JSON number');
    expectBothReject(requested, variant(exampleInvoiceRequested, (d) => (d.total = 60000)), /^total: must be a decimal string/);
  });

  it.each(['orderId', 'orderDate', 'currency', 'customer.id', 'customer.name', 'lines.0.lineId', 'lines.0.sku', 'lines.0.quantity', 'lines.0.unitPrice'])(
    'sales order created without required %s',
    (path) => {
      const data = variant(exampleSalesOrderCreated, (d) => {
        const keys = path.split('.');
        const last = keys.pop()!;
        delete keys.reduce((node, key) => node[key], d)[last];
      });
      expectBothReject(created, data, `${path}: is required`);
    },
  );

  it.each(['customerPoNumber', 'site', 'lines.0.warrantyMonths', 'lines.1.forLineId', 'lines.1.description'])(
    'sales order created without optional %s',
    (path) => {
      const data = variant(exampleSalesOrderCreated, (d) => {
        const keys = path.split('.');
        const last = keys.pop()!;
        delete keys.reduce((node, key) => node[key], d)[last];
      });
      expectBothAccept(created, data);
    },
  );

  it('optional fields may be null', () => {
    expectBothAccept(created, variant(exampleSalesOrderCreated, (d) => ((d.site = null), (d.customerPoNumber = null))));
    expectBothAccept(requested, exampleInvoiceRequested); // supersedes: null in the contract example
  });

  it.each([
    ['2026-02-30', 'not a real day'],
    ['2026-13-01', 'no 13th month'],
    ['20-11-2026', 'wrong order'],
    ['2026-11-20T00:00:00Z', 'an instant, not a date'],
    ['2026-1-5', 'missing zero padding'],
  ])('bad order date %s (%s)', (orderDate) => {
    expectBothReject(created, variant(exampleSalesOrderCreated, (d) => (d.orderDate = orderDate)), /^orderDate: must be a calendar date/);
  });

  it('accepts 29 February in a leap year only', () => {
    expectBothAccept(created, variant(exampleSalesOrderCreated, (d) => (d.orderDate = '2028-02-29')));
    expectBothReject(created, variant(exampleSalesOrderCreated, (d) => (d.orderDate = '2026-02-29')), /orderDate/);
  });

  it.each([
    ['2026-11-21T10:00:00', 'no offset'],
    ['2026-11-21T24:00:00Z', 'hour 24'],
    ['2026-11-21T23:59:60Z', 'leap second, which JavaScript cannot parse'],
    ['2026-11-31T10:00:00Z', 'not a real day'],
    ['2026-11-21T10:00:00+0530', 'offset without colon'],
  ])('bad instant %s (%s)', (cancelledAt) => {
    const data = { orderId: 'SO-1', cancelledAt };
    expectBothReject('erp.sales-order.cancelled.v1', data, /^cancelledAt: must be an RFC 3339 timestamp/);
  });

  it.each(['2026-11-21T10:00:00Z', '2026-11-21T15:30:00.123+05:30', '2026-11-21t10:00:00z'])('good instant %s', (cancelledAt) => {
    expectBothAccept('erp.sales-order.cancelled.v1', { orderId: 'SO-1', cancelledAt });
  });

  it('an INR amount with 3 decimals', () => {
    const data = variant(exampleInvoiceRequested, (d) => {
      d.lines[0].amount = '60000.000';
      d.total = '60000.000';
    });
    expectBothReject(requested, data, 'lines: 0.amount "60000.000" must have exactly 2 decimal places for INR');
    expect(reasonFor(requested, data)).toMatch('total: "60000.000" must have exactly 2 decimal places for INR');
  });

  it('a JPY amount with 2 decimals is rejected, without decimals accepted', () => {
    const jpy = (amount: string) =>
      variant(exampleInvoiceRequested, (d) => {
        d.currency = 'JPY';
        d.lines[0].unitPrice = '60000';
        d.lines[0].amount = amount;
        d.total = amount;
      });
    expectBothReject(requested, jpy('60000.00'), 'lines: 0.amount "60000.00" must have no decimal places for JPY');
    expectBothAccept(requested, jpy('60000'));
  });

  it('a KWD amount with 3 decimals is accepted, with 2 rejected', () => {
    const kwd = (unitPrice: string, amount: string) =>
      variant(exampleInvoiceRequested, (d) => {
        d.currency = 'KWD';
        d.lines[0].unitPrice = unitPrice;
        d.lines[0].amount = amount;
        d.total = amount;
      });
    expectBothAccept(requested, kwd('1250.125', '1250.125'));
    expectBothReject(requested, kwd('1250.12', '1250.12'), /exactly 3 decimal places for KWD/);
  });

  it('unit prices carry up to 4 decimals', () => {
    const withUnitPrice = (unitPrice: string) => variant(exampleSalesOrderCreated, (d) => (d.lines[1].unitPrice = unitPrice));
    expectBothAccept(created, withUnitPrice('60000.1234'));
    expectBothAccept(created, withUnitPrice('60000'));
    expectBothReject(created, withUnitPrice('60000.12345'), /^lines\.1\.unitPrice: "60000.12345" must have at most 4 decimal places$/);
  });

  it.each(['-1.00', '1e3', '.5', '5.', '+5', '01.00', '1,000.00', ' 1.00', ''])('unit price %j is not a decimal string', (unitPrice) => {
    expectBothReject(created, variant(exampleSalesOrderCreated, (d) => (d.lines[1].unitPrice = unitPrice)), /lines\.1\.unitPrice/);
  });

  it('unit costs follow the unit price rule', () => {
    const withCost = (unitCost: string) => variant(examplePartsIssued, (d) => (d.items[0].unitCost = unitCost));
    expectBothAccept('erp.parts.issued.v1', withCost('3200.1234'));
    expectBothReject('erp.parts.issued.v1', withCost('3200.12345'), /items\.0\.unitCost/);
  });

  it('a posted total must fit some currency, as its currency is not in the event', () => {
    const posted = (total: string) => ({ ...exampleInvoicePosted, total });
    expectBothAccept('erp.invoice.posted.v1', posted('60000'));
    expectBothAccept('erp.invoice.posted.v1', posted('60000.125'));
    expectBothReject('erp.invoice.posted.v1', posted('60000.5'), /^total:/);
  });

  it('currency is ISO 4217 shaped', () => {
    for (const currency of ['inr', 'RUPEE', 'IN', 'I1R']) {
      expectBothReject(created, variant(exampleSalesOrderCreated, (d) => (d.currency = currency)), /^currency: must be an ISO 4217/);
    }
  });

  it('quantities are positive numbers', () => {
    for (const quantity of [0, -1, '1', null]) {
      expectBothReject(created, variant(exampleSalesOrderCreated, (d) => (d.lines[0].quantity = quantity)), /^lines\.0\.quantity: /);
    }
    expectBothAccept('erp.parts.issued.v1', variant(examplePartsIssued, (d) => (d.items[0].quantity = 2.5)));
  });

  it('enumerations', () => {
    expectBothReject('erp.parts.issued.v1', variant(examplePartsIssued, (d) => (d.reference.kind = 'order')), 'reference.kind: must be one of visit, task, project, got "order"');
    expectBothReject(requested, variant(exampleInvoiceRequested, (d) => (d.lines[0].source.kind = 'bonus')), /^lines\.0\.source\.kind: must be one of/);
  });

  it('an order needs at least one line', () => {
    expectBothReject(created, { ...exampleSalesOrderCreated, lines: [] }, 'lines: must have at least 1 item');
  });

  it('a wrongly shaped nested object is reported once, not with every field inside it', () => {
    expectBothReject(created, { ...exampleSalesOrderCreated, customer: 'C-1007' }, /^customer: must be an object, got "C-1007"$/);
    expectBothReject(created, { ...exampleSalesOrderCreated, lines: { lineId: '10' } }, /^lines: must be an array, got an object$/);
    expectBothReject(created, { ...exampleSalesOrderCreated, lines: ['10'] }, /^lines: item 0 must be an object, got "10"$/);
  });

  it('empty strings are not ids', () => {
    expectBothReject(created, { ...exampleSalesOrderCreated, orderId: '' }, 'orderId: must be a non-empty string');
    expectBothReject(created, { ...exampleSalesOrderCreated, orderId: '   ' }, 'orderId: must be a non-empty string');
  });

  it('unknown extra fields are accepted at every level', () => {
    const data = variant(exampleSalesOrderCreated, (d) => {
      d.salesRep = 'R. Iyer';
      d.customer.gstin = '27AAAAA0000A1Z5';
      d.lines[0].hsnCode = '8477';
      d.site.geo = { lat: 18.76, lon: 73.86 };
    });
    expectBothAccept(created, data);
  });

  it('the changed order needs an integer revision of at least 1', () => {
    const changed = 'erp.sales-order.changed.v1';
    const base = EXAMPLE_DATA[changed];
    expectBothAccept(changed, { ...base, amendedFrom: 'SO-2026-0100' });
    expectBothReject(changed, { ...base, revision: 0 }, /^revision: must be an integer ≥ 1/);
    expectBothReject(changed, { ...base, revision: 1.5 }, /^revision: must be an integer ≥ 1/);
    expectBothReject(changed, variant(base, (d) => delete d.revision), 'revision: is required');
  });

  it('a cancellation that names lines names at least one, each once', () => {
    const cancelled = 'erp.sales-order.cancelled.v1';
    expectBothAccept(cancelled, { orderId: 'SO-1', cancelledAt: '2026-11-21T10:00:00Z' });
    expectBothReject(cancelled, { orderId: 'SO-1', cancelledAt: '2026-11-21T10:00:00Z', lineIds: [] }, /^lineIds: must have at least 1 item/);
    expectBothReject(cancelled, { orderId: 'SO-1', cancelledAt: '2026-11-21T10:00:00Z', lineIds: ['50', '50'] }, /^lineIds: must not repeat "50"/);
  });

  describe('task snapshots', () => {
    const carryingTask = [...TASK_TYPES, 'psa.service-request.raised.v1'] as const;
    const ready = 'psa.task.ready.v1';

    it.each(carryingTask)('%s: estimated hours as a JSON number', (type) => {
      const data = variant(EXAMPLE_DATA[type], (d) => (d.task.estimatedHours = 16));
      expectBothReject(type, data, 'task.estimatedHours: must be a decimal string (greater than 0, at most 2 decimal places), not a JSON number');
    });

    it.each(carryingTask)('%s: without task.taskId', (type) => {
      expectBothReject(type, variant(EXAMPLE_DATA[type], (d) => delete d.task.taskId), /^task\.taskId: is required$/);
    });

    it.each(['16', '2.5', '0.25', '0.05', '1.10', '120.75'])('estimated hours %j are accepted', (hours) => {
      expectBothAccept(ready, variant(exampleTaskReady, (d) => (d.task.estimatedHours = hours)));
    });

    it.each([
      ['0', /must be greater than 0/],
      ['0.00', /must be greater than 0/],
      ['2.555', /must have at most 2 decimal places/],
      ['016', /must be a decimal string/],
      ['-4', /must be a decimal string/],
      ['', /must be a decimal string/],
    ])('estimated hours %j are rejected', (hours, reason) => {
      expectBothReject(ready, variant(exampleTaskReady, (d) => (d.task.estimatedHours = hours)), reason);
    });

    it('a bad priority', () => {
      expectBothReject(ready, variant(exampleTaskReady, (d) => (d.task.priority = 'P5')), 'task.priority: must be one of P1, P2, P3, P4, got "P5"');
      const raised = 'psa.service-request.raised.v1';
      expectBothReject(raised, { ...exampleServiceRequestRaised, priority: 'high' }, 'priority: must be one of P1, P2, P3, P4, got "high"');
      expectBothReject(raised, variant(exampleServiceRequestRaised, (d) => delete d.priority), 'priority: is required');
      expectBothReject(raised, { ...exampleServiceRequestRaised, priority: null }, /^priority: must be one of/);
    });

    it('kinds use underscores, as the service catalogue does', () => {
      expectBothReject(ready, variant(exampleTaskReady, (d) => (d.task.kind = 'support-visit')), /^task\.kind: must be one of installation, training, calibration, support_visit, amc, warranty, breakdown, got "support-visit"$/);
      expectBothAccept(ready, variant(exampleTaskReady, (d) => (d.task.kind = 'support_visit')));
    });

    it('status is a commitment status', () => {
      expectBothReject(ready, variant(exampleTaskReady, (d) => (d.task.status = 'open')), /^task\.status: must be one of promised, ready/);
    });

    it('engineers are a whole number of at least 1', () => {
      for (const engineers of [0, 1.5, '2']) {
        expectBothReject(ready, variant(exampleTaskReady, (d) => (d.task.engineers = engineers)), /^task\.engineers: must be an integer ≥ 1/);
      }
    });

    it('the owner is optional (older events have none), may be null, and is a non-empty name', () => {
      expect(exampleTaskReady.task.owner).toBe('ravi.kulkarni');
      expectBothAccept(ready, variant(exampleTaskReady, (d) => delete d.task.owner));
      expectBothAccept(ready, variant(exampleTaskReady, (d) => (d.task.owner = null)));
      expectBothReject(ready, variant(exampleTaskReady, (d) => (d.task.owner = '')), /^task\.owner: /);
      expectBothReject(ready, variant(exampleTaskReady, (d) => (d.task.owner = 42)), /^task\.owner: /);
    });

    it('checklist items', () => {
      expectBothReject(ready, variant(exampleTaskReady, (d) => (d.task.checklist[0].required = 'yes')), 'task.checklist.0.required: must be true or false, got "yes"');
      expectBothReject(ready, variant(exampleTaskReady, (d) => (d.task.checklist[1].kind = 'spare')), /^task\.checklist\.1\.kind: must be one of tool, document, step/);
      expectBothReject(ready, variant(exampleTaskReady, (d) => delete d.task.checklist[2].item), 'task.checklist.2.item: is required');
      expectBothAccept(ready, variant(exampleTaskReady, (d) => (d.task.checklist = [])));
    });

    it('dependencies are task ids, each once', () => {
      const dependsOn = (ids: unknown) => variant(exampleTaskReady, (d) => (d.task.dependsOnTaskIds = ids));
      const installation = exampleTaskReady.task.taskId;
      expectBothAccept(ready, dependsOn([installation]));
      expectBothReject(ready, dependsOn(['install']), 'task.dependsOnTaskIds: item 0 must be a UUID, got "install"');
      expectBothReject(ready, dependsOn([installation, installation]), /^task\.dependsOnTaskIds: must not repeat/);
      expectBothReject(ready, variant(exampleTaskReady, (d) => delete d.task.dependsOnTaskIds), 'task.dependsOnTaskIds: is required');
    });

    it('required skills are named once each', () => {
      expectBothReject(ready, variant(exampleTaskReady, (d) => (d.task.requiredSkills = ['hydraulics', 'hydraulics'])), /^task\.requiredSkills: must not repeat "hydraulics"/);
      expectBothAccept(ready, variant(exampleTaskReady, (d) => (d.task.requiredSkills = [])));
    });

    it('dates, instants and the site', () => {
      expectBothReject(ready, variant(exampleTaskReady, (d) => (d.task.dueDate = '2026-12-04T00:00:00Z')), /^task\.dueDate: must be a calendar date/);
      expectBothReject(ready, variant(exampleTaskReady, (d) => (d.task.dueAt = '2027-02-17')), /^task\.dueAt: must be an RFC 3339 timestamp/);
      expectBothReject(ready, variant(exampleTaskReady, (d) => (d.task.site.country = 'India')), /^task\.site\.country: must be an ISO 3166-1/);
    });

    it('a breakdown task of a machine without a project has no commitment, order, SKU or site', () => {
      const data = variant(exampleServiceRequestRaised, (d) => {
        d.projectId = null;
        Object.assign(d.task, { projectId: null, orderId: null, commitmentId: null, sku: null, site: null });
      });
      expectBothAccept('psa.service-request.raised.v1', data);
      expectBothAccept(ready, { task: data.task, readyAt: '2027-02-10T05:00:05Z' });
      const minimal = variant(exampleTaskReady, (d) => {
        for (const key of ['commitmentId', 'serviceRequestId', 'projectId', 'orderId', 'site', 'serialNumber', 'sku', 'earliestStart', 'dueDate', 'dueAt', 'priority', 'holdReason']) delete d.task[key];
      });
      expectBothAccept(ready, minimal);
    });
  });

  it('a task change names at least one field, each once', () => {
    const changed = 'psa.task.changed.v1';
    expectBothReject(changed, { ...exampleTaskChanged, changes: [] }, 'changes: must have at least 1 item');
    expectBothReject(changed, { ...exampleTaskChanged, changes: ['dueDate', 'dueDate'] }, /^changes: must not repeat "dueDate"/);
    expectBothReject(changed, variant(exampleTaskChanged, (d) => delete d.changes), 'changes: is required');
  });

  it('a hold names one of the hold reasons; the note is optional', () => {
    const onHold = 'psa.task.on-hold.v1';
    expectBothReject(onHold, { ...exampleTaskOnHold, reason: 'weather' }, 'reason: must be one of site_readiness, customer_confirmation, parts, other, got "weather"');
    expectBothAccept(onHold, { ...exampleTaskOnHold, note: null });
    expectBothAccept(onHold, variant(exampleTaskOnHold, (d) => delete d.note));
  });

  it('a cancelled task says why', () => {
    const cancelled = 'psa.task.cancelled.v1';
    expectBothReject(cancelled, variant(EXAMPLE_DATA[cancelled], (d) => delete d.reason), 'reason: is required');
    expectBothReject(cancelled, { ...EXAMPLE_DATA[cancelled], reason: ' ' }, 'reason: must be a non-empty string');
  });

  describe('service requests', () => {
    const raised = 'psa.service-request.raised.v1';

    it('a service request without a description', () => {
      expectBothReject(raised, variant(exampleServiceRequestRaised, (d) => delete d.description), 'description: is required');
      expectBothReject(raised, { ...exampleServiceRequestRaised, description: '' }, 'description: must be a non-empty string');
    });

    it('a description of at most 4000 characters, counted as JSON Schema counts them', () => {
      expectBothAccept(raised, { ...exampleServiceRequestRaised, description: 'x'.repeat(4000) });
      expectBothReject(raised, { ...exampleServiceRequestRaised, description: 'x'.repeat(4001) }, 'description: must be at most 4000 characters, got 4001');
      // 4000 characters outside the BMP: 8000 UTF-16 units, still 4000 characters.
      expectBothAccept(raised, { ...exampleServiceRequestRaised, description: '🔧'.repeat(4000) });
    });

    it('coverage and SLA', () => {
      expectBothReject(raised, variant(exampleServiceRequestRaised, (d) => (d.coverage.kind = 'goodwill')), /^coverage\.kind: must be one of warranty, amc, none/);
      expectBothReject(raised, variant(exampleServiceRequestRaised, (d) => delete d.coverage.reason), 'coverage.reason: is required');
      expectBothAccept(raised, variant(exampleServiceRequestRaised, (d) => (d.coverage = { kind: 'none', contractId: null, reason: 'No warranty or AMC' })));
      expectBothReject(raised, variant(exampleServiceRequestRaised, (d) => (d.sla.coverage = '24/7')), /^sla\.coverage: must be one of 8x5, 24x7/);
      expectBothReject(raised, variant(exampleServiceRequestRaised, (d) => delete d.sla.resolutionDueAt), 'sla.resolutionDueAt: is required');
    });

    it('a resolved request says whether each target was met, as booleans', () => {
      const resolved = 'psa.service-request.resolved.v1';
      expectBothReject(resolved, { ...EXAMPLE_DATA[resolved], responseMet: 'true' }, 'responseMet: must be true or false, got "true"');
      expectBothReject(resolved, variant(EXAMPLE_DATA[resolved], (d) => delete d.resolutionMet), 'resolutionMet: is required');
      expectBothAccept(resolved, variant(EXAMPLE_DATA[resolved], (d) => delete d.projectId));
    });
  });

  it('equipment warranty', () => {
    const registered = 'psa.equipment.registered.v1';
    expectBothAccept(registered, { ...exampleEquipmentRegistered, warranty: null, siteId: null });
    expectBothReject(registered, variant(exampleEquipmentRegistered, (d) => (d.warranty.basis = 'installed')), /^warranty\.basis: must be one of dispatch_grace, installation/);
    expectBothReject(registered, variant(exampleEquipmentRegistered, (d) => delete d.serialNumber), 'serialNumber: is required');
  });

  it('coverage', () => {
    const changed = 'psa.coverage.changed.v1';
    const warranty = variant(exampleCoverageChanged, (d) => {
      d.projectId = null;
      d.coverage = { kind: 'warranty', contractId: null, commitmentId: null, startsOn: '2026-12-03', endsOn: '2027-12-02', scope: 'labour_and_parts', visitQuota: null, status: 'active' };
    });
    expectBothAccept(changed, warranty);
    expectBothReject(changed, variant(exampleCoverageChanged, (d) => (d.coverage.kind = 'none')), /^coverage\.kind: must be one of warranty, amc/);
    expectBothReject(changed, variant(exampleCoverageChanged, (d) => (d.coverage.visitQuota = -1)), /^coverage\.visitQuota: must be an integer ≥ 0/);
    expectBothReject(changed, variant(exampleCoverageChanged, (d) => (d.coverage.scope = 'parts')), /^coverage\.scope: must be one of labour, labour_and_parts/);
    expectBothReject(changed, variant(exampleCoverageChanged, (d) => (d.coverage.status = 'lapsed')), /^coverage\.status: must be one of pending, active, expired, cancelled/);
  });

  it('escalations', () => {
    const escalation = 'psa.escalation.raised.v1';
    expectBothAccept(escalation, { ...exampleEscalationRaised, subject: { kind: 'task', id: exampleTaskReady.task.taskId }, target: 'due_date', trigger: 'overdue' });
    expectBothReject(escalation, variant(exampleEscalationRaised, (d) => (d.subject.kind = 'project')), /^subject\.kind: must be one of service_request, task/);
    expectBothReject(escalation, { ...exampleEscalationRaised, level: 'ceo' }, /^level: must be one of owner, service_manager, head_of_service/);
    expectBothReject(escalation, { ...exampleEscalationRaised, trigger: 'late' }, /^trigger: must be one of at_risk, breached, breach_unresolved, overdue/);
    expectBothReject(escalation, variant(exampleEscalationRaised, (d) => delete d.recipient), 'recipient: is required');
  });

  it("a project commitment's task ids: optional (older events have none), UUIDs, each once", () => {
    const type = 'psa.service-project.created.v1';
    const example = EXAMPLE_DATA[type];
    expect(example.commitments[0].taskIds).toEqual(['9d2e4b7c-5a1f-4e3b-8c6d-2f7a1b3c4001']);
    expectBothAccept(type, variant(example, (d) => delete d.commitments[0].taskIds));
    expectBothAccept(type, variant(example, (d) => (d.commitments[0].taskIds = null)));
    expectBothAccept('psa.service-project.changed.v1', EXAMPLE_DATA['psa.service-project.changed.v1']);
    expectBothReject(type, variant(example, (d) => (d.commitments[0].taskIds = ['T-1'])), 'commitments.0.taskIds: item 0 must be a UUID, got "T-1"');
    expectBothReject(type, variant(example, (d) => (d.commitments[0].taskIds = 'T-1')), 'commitments.0.taskIds: must be an array of UUIDs, got "T-1"');
    const twice = variant(example, (d) => {
      d.commitments[0].taskKeys = ['install', 'commission'];
      d.commitments[0].taskIds = [d.commitments[0].taskIds[0], d.commitments[0].taskIds[0]];
    });
    expectBothReject(type, twice, /^commitments\.0\.taskIds: must not repeat/);
  });

  it('internal ids are UUIDs', () => {
    const type = 'psa.commitment.cancelled.v1';
    expectBothReject(type, { ...EXAMPLE_DATA[type], projectId: 'P-1' }, /^projectId: must be a UUID/);
    expectBothReject(type, { ...EXAMPLE_DATA[type], projectId: `urn:uuid:${EXAMPLE_DATA[type].projectId}` }, /^projectId: must be a UUID/);
  });
});

describe('rules only the class can check (documented in the schema descriptions)', () => {
  const requested = 'psa.invoice.requested.v1';

  it('a line amount is quantity × unit price rounded half-up', () => {
    const data = variant(exampleInvoiceRequested, (d) => {
      d.lines[0].quantity = 3;
      d.lines[0].unitPrice = '0.3333';
      d.lines[0].amount = '1.00';
      d.total = '1.00';
    });
    expect(byClass(requested, data)).toBe(true);
    const wrong = variant(data, (d) => ((d.lines[0].amount = '0.99'), (d.total = '0.99')));
    expect(reasonFor(requested, wrong)).toBe('lines: 0.amount "0.99" must be quantity × unitPrice rounded half-up, "1.00"');
    expect(bySchema(requested, wrong)).toBe(true);
  });

  it('a total is the sum of its line amounts', () => {
    const data = variant(exampleInvoiceRequested, (d) => (d.total = '60001.00'));
    expect(reasonFor(requested, data)).toBe(`total: "60001.00" must be the sum of the lines' amounts, "60000.00"`);
    const twoLines = variant(exampleInvoiceRequested, (d) => {
      d.lines.push({ ...d.lines[0], orderLineId: '30', unitPrice: '25000.00', amount: '25000.00' });
      d.total = '85000.00';
    });
    expect(byClass(requested, twoLines)).toBe(true);
  });

  it("a project commitment's task ids go one per task key, and only with the keys", () => {
    const type = 'psa.service-project.created.v1';
    const example = EXAMPLE_DATA[type];
    const extra = variant(example, (d) => d.commitments[0].taskIds.push('9d2e4b7c-5a1f-4e3b-8c6d-2f7a1b3c4002'));
    expect(reasonFor(type, extra)).toBe('commitments.0.taskIds: must have one item per taskKeys item (1), got 2');
    expect(bySchema(type, extra)).toBe(true);
    const withoutKeys = variant(example, (d) => delete d.commitments[0].taskKeys);
    expect(reasonFor(type, withoutKeys)).toBe('commitments.0.taskIds: must come with taskKeys, one item per taskKeys item');
    expect(byClass(type, variant(example, (d) => ((d.commitments[0].taskKeys = []), (d.commitments[0].taskIds = []))))).toBe(true);
  });

  it('order line ids are unique within an order', () => {
    const data = variant(exampleSalesOrderCreated, (d) => (d.lines[2].lineId = '20'));
    expect(reasonFor('erp.sales-order.created.v1', data)).toBe('lines: must not repeat lineId "20"');
  });

  it('a site time zone must be a real IANA zone', () => {
    const data = variant(exampleSalesOrderCreated, (d) => (d.site.timezone = 'Asia/Pune'));
    expect(reasonFor('erp.sales-order.created.v1', data)).toBe('site.timezone: must be an IANA time zone such as Asia/Kolkata, got "Asia/Pune"');
  });

  it('an invoice period does not end before it starts', () => {
    const data = variant(exampleInvoiceRequested, (d) => (d.period = { from: '2026-11-30', to: '2026-11-01' }));
    expect(reasonFor(requested, data)).toBe('period.to: "2026-11-01" must not be before from "2026-11-30"');
  });

  it('a warranty or coverage does not end before it starts', () => {
    const warranty = variant(exampleEquipmentRegistered, (d) => (d.warranty.endsOn = '2026-12-23'));
    expect(reasonFor('psa.equipment.registered.v1', warranty)).toBe('warranty.endsOn: "2026-12-23" must not be before startsOn "2026-12-24"');
    expect(bySchema('psa.equipment.registered.v1', warranty)).toBe(true);
    const coverage = variant(exampleCoverageChanged, (d) => (d.coverage.endsOn = '2027-12-02'));
    expect(reasonFor('psa.coverage.changed.v1', coverage)).toBe('coverage.endsOn: "2027-12-02" must not be before startsOn "2027-12-03"');
    expect(bySchema('psa.coverage.changed.v1', coverage)).toBe(true);
    expect(byClass('psa.coverage.changed.v1', variant(exampleCoverageChanged, (d) => (d.coverage.startsOn = null)))).toBe(true);
  });
});

describe('validateEventData', () => {
  it('answers UNKNOWN_TYPE for a type the contract does not define', () => {
    expect(validateEventData('erp.sales-order.created.v2', exampleSalesOrderCreated)).toEqual({
      ok: false,
      code: 'UNKNOWN_TYPE',
      reason: 'unknown event type "erp.sales-order.created.v2"',
    });
    expect(validateEventData('constructor', {})).toMatchObject({ ok: false, code: 'UNKNOWN_TYPE' });
  });

  it.each([null, [], 'SO-1', 42])('answers SCHEMA_VIOLATION when data is %j', (data) => {
    expect(validateEventData('erp.sales-order.created.v1', data)).toEqual({
      ok: false,
      code: 'SCHEMA_VIOLATION',
      reason: 'data: must be a JSON object',
    });
  });

  it('lists every failing property path in one reason', () => {
    const data = variant(exampleSalesOrderCreated, (d) => {
      d.orderDate = '2026-02-30';
      delete d.customer.name;
      d.lines[0].unitPrice = 4500000;
      d.lines[1].quantity = -1;
    });
    expect(validateEventData('erp.sales-order.created.v1', data)).toEqual({
      ok: false,
      code: 'SCHEMA_VIOLATION',
      reason:
        'orderDate: must be a calendar date YYYY-MM-DD, got "2026-02-30"; customer.name: is required; ' +
        'lines.0.unitPrice: must be a decimal string (at most 4 decimal places), not a JSON number; ' +
        'lines.1.quantity: must be a positive number, got -1',
    });
  });

  it('refuses property names that would reach an object prototype', () => {
    const data = JSON.parse('{"orderId":"SO-1","customer":{"__proto__":{"id":"C-1"}}}');
    expect(validateEventData('erp.sales-order.created.v1', data)).toEqual({
      ok: false,
      code: 'SCHEMA_VIOLATION',
      reason: 'customer.__proto__: property name is not allowed',
    });
  });

  it('refuses absurdly deep data instead of overflowing the stack', () => {
    let deep: Record<string, unknown> = {};
    const data = { ...exampleSalesOrderCreated, extra: deep };
    for (let level = 0; level < 10_000; level++) deep = deep.next = {};
    expect(validateEventData('erp.sales-order.created.v1', data)).toEqual({
      ok: false,
      code: 'SCHEMA_VIOLATION',
      reason: `extra${'.next'.repeat(31)}: nested deeper than 32 levels`,
    });
  });

  it('does not change the data it checks', () => {
    const data = structuredClone(exampleSalesOrderCreated);
    validateEventData('erp.sales-order.created.v1', data);
    expect(data).toEqual(exampleSalesOrderCreated);
  });
});
