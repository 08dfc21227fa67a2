import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { EVENT_CATALOG, eventTypesOn, validateEventData, type EventType } from './event-catalog.js';
import {
  EXAMPLE_DATA,
  exampleExpenseApproved,
  examplePartsConsumed,
  exampleTimeApproved,
  exampleVisitCompleted,
  exampleVisitStarted,
} from './fixtures.js';
import { INTERNAL_TOPICS, Topics } from './topics.js';

const addFormats = addFormatsModule.default;

const FIELD_WORK_TYPES = [
  'psa.visit.started.v1',
  'psa.visit.completed.v1',
  'psa.time.approved.v1',
  'psa.expense.approved.v1',
  'psa.parts.consumed.v1',
] as const satisfies readonly EventType[];

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const schemas = new Map<EventType, ValidateFunction>(FIELD_WORK_TYPES.map((type) => [type, ajv.compile(EVENT_CATALOG[type].schema)]));

function variant<T>(example: T, edit: (copy: any) => void): T {
  const copy = structuredClone(example);
  edit(copy);
  return copy;
}

function verdicts(type: EventType, data: unknown): { byClass: boolean; bySchema: boolean; reason?: string } {
  const result = validateEventData(type, data);
  return { byClass: result.ok, bySchema: schemas.get(type)!(data) as boolean, ...(result.ok ? {} : { reason: result.reason }) };
}

describe('field work events (field-execution → psa.field-work)', () => {
  it('travel on psa.field-work, an internal topic with a dead-letter sibling', () => {
    expect(eventTypesOn(Topics.fieldWork)).toEqual(FIELD_WORK_TYPES);
    expect(INTERNAL_TOPICS).toContain(Topics.fieldWork);
  });

  it.each(FIELD_WORK_TYPES)('%s: the example passes class and schema, keyed by task', (type) => {
    expect(verdicts(type, EXAMPLE_DATA[type])).toEqual({ byClass: true, bySchema: true });
    expect(EVENT_CATALOG[type].direction).toBe('internal');
    expect(EVENT_CATALOG[type].recordKeyOf(EXAMPLE_DATA[type] as never)).toBe(exampleVisitStarted.taskId);
  });

  it('names the visit, time entry, expense or consumption as subject', () => {
    expect(EVENT_CATALOG['psa.visit.started.v1'].subjectOf(exampleVisitStarted)).toBe(exampleVisitStarted.visitId);
    expect(EVENT_CATALOG['psa.visit.completed.v1'].subjectOf(exampleVisitCompleted)).toBe(exampleVisitStarted.visitId);
    expect(EVENT_CATALOG['psa.time.approved.v1'].subjectOf(exampleTimeApproved)).toBe(exampleTimeApproved.timeEntryId);
    expect(EVENT_CATALOG['psa.expense.approved.v1'].subjectOf(exampleExpenseApproved)).toBe(exampleExpenseApproved.expenseId);
    expect(EVENT_CATALOG['psa.parts.consumed.v1'].subjectOf(examplePartsConsumed)).toBe(examplePartsConsumed.consumptionId);
  });

  it('keys parts without a task by project, then order, then issue', () => {
    const key = (edit: (d: any) => void) => EVENT_CATALOG['psa.parts.consumed.v1'].recordKeyOf(variant(examplePartsConsumed, edit));
    expect(key((d) => (d.taskId = null))).toBe(examplePartsConsumed.projectId);
    expect(key((d) => ((d.taskId = null), (d.projectId = null)))).toBe('SO-2026-0142');
    expect(key((d) => ((d.taskId = null), (d.projectId = null), (d.orderId = null)))).toBe('GI-2026-0077');
  });

  it.each([
    ['psa.visit.started.v1', exampleVisitStarted, (d: any) => (d.location = { lat: 91, lon: 73 }), /^location\.lat: must be a number from -90 to 90/],
    ['psa.visit.started.v1', exampleVisitStarted, (d: any) => delete d.startedAt, /^startedAt/],
    ['psa.visit.completed.v1', exampleVisitCompleted, (d: any) => (d.outcome = 'done'), /^outcome: must be one of completed, incomplete/],
    ['psa.visit.completed.v1', exampleVisitCompleted, (d: any) => (d.signOff = { name: ' ' }), /^signOff\.name: must be a non-empty string/],
    ['psa.time.approved.v1', exampleTimeApproved, (d: any) => (d.hours = 6), /^hours: must be a decimal string .*not a JSON number/],
    ['psa.time.approved.v1', exampleTimeApproved, (d: any) => (d.hours = '6.125'), /^hours: "6.125" must have at most 2 decimal places/],
    ['psa.time.approved.v1', exampleTimeApproved, (d: any) => (d.billable = 'yes'), /^billable: must be true or false/],
    ['psa.time.approved.v1', exampleTimeApproved, (d: any) => (d.activity = 'lunch'), /^activity: must be one of/],
    ['psa.expense.approved.v1', exampleExpenseApproved, (d: any) => (d.amount = '1850.5'), /^amount: "1850.5" must have exactly 2 decimal places for INR/],
    ['psa.expense.approved.v1', exampleExpenseApproved, (d: any) => (d.category = 'meals'), /^category: must be one of travel, tools, subcontractor, other/],
    ['psa.expense.approved.v1', exampleExpenseApproved, (d: any) => (d.exchangeRate = '0'), /^exchangeRate: "0" must be greater than 0/],
    [
      'psa.expense.approved.v1',
      exampleExpenseApproved,
      (d: any) => ((d.currency = 'EUR'), (d.amount = '20.00'), (d.exchangeRate = '90.5'), (d.orderCurrency = 'JPY'), (d.amountInOrderCurrency = '1810.00')),
      /^amountInOrderCurrency: "1810.00" must have no decimal places for JPY/,
    ],
    ['psa.parts.consumed.v1', examplePartsConsumed, (d: any) => (d.quantity = 0), /^quantity: must be a non-zero number/],
    ['psa.parts.consumed.v1', examplePartsConsumed, (d: any) => (d.unitCost = '3200.12345'), /^unitCost: "3200.12345" must have at most 4 decimal places/],
  ] as [EventType, unknown, (d: any) => void, RegExp][])('%s: class and schema both reject a bad payload (%#)', (type, example, edit, reason) => {
    const result = verdicts(type, variant(example, edit));
    expect(result).toMatchObject({ byClass: false, bySchema: false });
    expect(result.reason).toMatch(reason);
  });

  it('accept a return (negative quantity), an incomplete visit without sign-off, and an expense in another currency', () => {
    expect(verdicts('psa.parts.consumed.v1', variant(examplePartsConsumed, (d) => (d.quantity = -1)))).toEqual({ byClass: true, bySchema: true });
    const incomplete = variant(exampleVisitCompleted, (d) => ((d.outcome = 'incomplete'), (d.signOff = null), (d.followUpReason = 'Hydraulic pump failed on test run')));
    expect(verdicts('psa.visit.completed.v1', incomplete)).toEqual({ byClass: true, bySchema: true });
    const euro = variant(exampleExpenseApproved, (d) => ((d.currency = 'EUR'), (d.amount = '20.00'), (d.exchangeRate = '90.5'), (d.amountInOrderCurrency = '1810.00')));
    expect(verdicts('psa.expense.approved.v1', euro)).toEqual({ byClass: true, bySchema: true });
    const unknownOrder = variant(exampleExpenseApproved, (d) => ((d.orderCurrency = null), (d.amountInOrderCurrency = null)));
    expect(verdicts('psa.expense.approved.v1', unknownOrder)).toEqual({ byClass: true, bySchema: true });
  });

  it('rejects a time entry that ends before it starts (class only: JSON Schema cannot compare fields)', () => {
    const backwards = variant(exampleTimeApproved, (d) => (d.end = d.start));
    expect(verdicts('psa.time.approved.v1', backwards)).toMatchObject({ byClass: false, bySchema: true, reason: /^end: .* must be after start/ });
  });
});
