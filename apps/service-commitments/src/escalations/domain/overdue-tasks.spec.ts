import { addDays } from '../../equipment/domain/calendar-dates.js';
import { fullDaysOverdue, overdueEscalationsDue, overdueStepOffsets, type OverdueFacts } from './overdue-tasks.js';

const installation: OverdueFacts = { name: 'Install and commission machine', status: 'ready', dueDate: '2026-12-04', serialNumber: 'INJ250-0009' };
const levels = (steps: { level: string }[]) => steps.map((s) => s.level);

describe('how long a task has been overdue', () => {
  it('is not overdue on its due date, overdue from the next day, and counts whole days from then', () => {
    expect(fullDaysOverdue('2026-12-04', '2026-12-03')).toBeNull();
    expect(fullDaysOverdue('2026-12-04', '2026-12-04')).toBeNull();
    expect(fullDaysOverdue('2026-12-04', '2026-12-05')).toBe(0);
    expect(fullDaysOverdue('2026-12-04', '2026-12-06')).toBe(1);
    expect(fullDaysOverdue('2026-12-04', '2027-01-04')).toBe(30);
  });

  it('counts across month and year ends and leap days', () => {
    expect(fullDaysOverdue('2027-12-31', '2028-01-01')).toBe(0);
    expect(fullDaysOverdue('2028-02-28', '2028-03-01')).toBe(1);
  });
});

describe('escalating overdue work', () => {
  it('raises nothing until the due date has passed', () => {
    expect(overdueEscalationsDue(installation, '2026-12-04', [])).toEqual([]);
  });

  it('tells the owner the day after the due date', () => {
    expect(overdueEscalationsDue(installation, '2026-12-05', [])).toEqual([
      {
        level: 'owner',
        trigger: 'overdue',
        target: 'due_date',
        reason: "Task 'Install and commission machine' on INJ250-0009 was due 2026-12-04 and is still ready",
      },
    ]);
  });

  it('calls in the service manager after a whole day overdue, the head of service after three', () => {
    expect(levels(overdueEscalationsDue(installation, '2026-12-06', ['owner']))).toEqual(['service_manager']);
    expect(overdueEscalationsDue(installation, '2026-12-07', ['owner', 'service_manager'])).toEqual([]);
    const [head] = overdueEscalationsDue(installation, '2026-12-08', ['owner', 'service_manager']);
    expect(head).toMatchObject({ level: 'head_of_service', reason: expect.stringMatching(/overdue 3 days since 2026-12-05$/) });
  });

  it('raises each level once', () => {
    expect(overdueEscalationsDue(installation, '2027-01-04', ['owner', 'service_manager', 'head_of_service'])).toEqual([]);
  });

  it('raises the whole chain in order when first checked long after the due date', () => {
    expect(levels(overdueEscalationsDue(installation, '2027-01-04', []))).toEqual(['owner', 'service_manager', 'head_of_service']);
  });

  it('fills in a level that is missing without repeating the others', () => {
    expect(levels(overdueEscalationsDue(installation, '2027-01-04', ['service_manager']))).toEqual(['owner', 'head_of_service']);
  });

  it.each(['done', 'cancelled'])('leaves a %s task alone', (status) => {
    expect(overdueEscalationsDue({ ...installation, status }, '2027-01-04', [])).toEqual([]);
  });

  it('leaves a task without a due date alone', () => {
    expect(overdueEscalationsDue({ ...installation, dueDate: null }, '2027-01-04', [])).toEqual([]);
  });

  it('says what is late in words, on hold included', () => {
    const [step] = overdueEscalationsDue({ ...installation, status: 'on_hold', serialNumber: null }, '2026-12-06', ['owner']);
    expect(step.reason).toBe("Task 'Install and commission machine' was due 2026-12-04 and is still on hold: overdue 1 day since 2026-12-05");
  });
});

describe('the day each step falls due, which the sweep finds tasks by', () => {
  it('is the first day on which the chain raises that step, for every step', () => {
    const offsets = overdueStepOffsets();
    expect(offsets).toEqual([
      { level: 'owner', daysAfterDueDate: 1 },
      { level: 'service_manager', daysAfterDueDate: 2 },
      { level: 'head_of_service', daysAfterDueDate: 4 },
    ]);
    for (const { level, daysAfterDueDate } of offsets) {
      const others = offsets.map((o) => o.level).filter((l) => l !== level);
      const dueOn = addDays('2026-12-04', daysAfterDueDate);
      expect(levels(overdueEscalationsDue(installation, addDays(dueOn, -1), others))).toEqual([]);
      expect(levels(overdueEscalationsDue(installation, dueOn, others))).toEqual([level]);
    }
  });
});
