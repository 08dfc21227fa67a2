import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { EVENT_CATALOG, eventTypesOn, validateEventData, type EventType } from './event-catalog.js';
import { EXAMPLE_DATA, exampleVisitCancelled, exampleVisitRescheduled, exampleVisitScheduled } from './fixtures.js';
import { INTERNAL_TOPICS, Topics } from './topics.js';

const addFormats = addFormatsModule.default;

const VISIT_TYPES = ['psa.visit.scheduled.v1', 'psa.visit.rescheduled.v1', 'psa.visit.cancelled.v1'] as const satisfies readonly EventType[];

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const schemas = new Map<EventType, ValidateFunction>(VISIT_TYPES.map((type) => [type, ajv.compile(EVENT_CATALOG[type].schema)]));

function variant<T>(example: T, edit: (copy: any) => void): T {
  const copy = structuredClone(example);
  edit(copy);
  return copy;
}

function verdicts(type: EventType, data: unknown): { byClass: boolean; bySchema: boolean; reason?: string } {
  const result = validateEventData(type, data);
  return { byClass: result.ok, bySchema: schemas.get(type)!(data) as boolean, ...(result.ok ? {} : { reason: result.reason }) };
}

describe('visit events (scheduling → psa.schedules)', () => {
  it('travel on psa.schedules, an internal topic with a dead-letter sibling', () => {
    // Besides the visits, scheduling states engineers' availability there (for analytics' utilization).
    expect(eventTypesOn(Topics.schedules)).toEqual([...VISIT_TYPES, 'psa.engineer.availability-changed.v1']);
    expect(INTERNAL_TOPICS).toContain(Topics.schedules);
  });

  it.each(VISIT_TYPES)('%s: keyed by task, subject the booking', (type) => {
    const entry = EVENT_CATALOG[type];
    expect(entry.direction).toBe('internal');
    expect(entry.recordKeyOf(EXAMPLE_DATA[type] as never)).toBe(exampleVisitScheduled.taskId);
    expect(entry.subjectOf(EXAMPLE_DATA[type] as never)).toBe(exampleVisitScheduled.bookingId);
  });

  it.each(VISIT_TYPES)('%s: the example passes class and schema', (type) => {
    expect(verdicts(type, EXAMPLE_DATA[type])).toEqual({ byClass: true, bySchema: true });
  });

  it.each([
    ['an empty crew', (d: any) => (d.engineerIds = []), /^engineerIds/],
    ['a crew member twice', (d: any) => d.engineerIds.push(d.engineerIds[0]), /^engineerIds: must not repeat/],
    ['a status the contract lacks', (d: any) => (d.status = 'declined'), /^status: must be one of proposed, confirmed/],
    ['negative travel', (d: any) => (d.travelMinutes = -5), /^travelMinutes: must be an integer ≥ 0/],
    ['no segments', (d: any) => (d.segments = []), /^segments: must have at least 1 item/],
    ['a start without offset', (d: any) => (d.start = '2026-11-27T10:00:00'), /^start: must be an RFC 3339 timestamp/],
    ['no taskId', (d: any) => delete d.taskId, /^taskId/],
  ])('class and schema both reject %s', (_what, edit, reason) => {
    const result = verdicts('psa.visit.scheduled.v1', variant(exampleVisitScheduled, edit));
    expect(result).toMatchObject({ byClass: false, bySchema: false });
    expect(result.reason).toMatch(reason);
  });

  it('rejects an end before its start (class only: JSON Schema cannot compare fields)', () => {
    const backwards = variant(exampleVisitScheduled, (d) => (d.end = '2026-11-26T00:00:00Z'));
    expect(verdicts('psa.visit.scheduled.v1', backwards)).toMatchObject({ byClass: false, reason: /^end: "2026-11-26T00:00:00Z" must not be before start/ });
    const segment = variant(exampleVisitScheduled, (d) => (d.segments[1].end = d.segments[1].start.replace('04:30', '03:00')));
    expect(validateEventData('psa.visit.scheduled.v1', segment)).toMatchObject({ ok: false, reason: /^segments\.1\.end: .* must not be before start/ });
  });

  it('requires a reason to cancel, and lets scheduled and rescheduled go without one', () => {
    expect(verdicts('psa.visit.cancelled.v1', variant(exampleVisitCancelled, (d) => delete d.reason))).toMatchObject({ byClass: false, bySchema: false });
    expect(verdicts('psa.visit.scheduled.v1', variant(exampleVisitScheduled, (d) => delete d.reason))).toEqual({ byClass: true, bySchema: true });
    expect(verdicts('psa.visit.rescheduled.v1', variant(exampleVisitRescheduled, (d) => ((d.previous = null), (d.reason = null))))).toEqual({
      byClass: true,
      bySchema: true,
    });
  });
});
