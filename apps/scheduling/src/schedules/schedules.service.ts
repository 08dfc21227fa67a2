import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RosterRepository } from '../assignment/roster.repository.js';
import { addDays, HOUR_MS, MINUTE_MS, mondayOf, startOfLocalDay, toIso } from '../assignment/domain/zoned-time.js';
import type { EngineerProfile } from '../assignment/domain/model.js';
import { SchedulingErrorCode, SchedulingException } from '../scheduling.exception.js';

export type Span = 'day' | 'week';

interface EntryRow {
  engineer_id: string;
  kind: 'booking' | 'leave' | 'holiday';
  status: string;
  start: Date;
  end: Date;
  travel_minutes: number;
  booking_id: string | null;
  task_id: string | null;
  booking_status: string | null;
  task_name: string | null;
  customer_id: string | null;
  customer_name: string | null;
  site: unknown;
  leave_id: string | null;
  leave_note: string | null;
  holiday_id: string | null;
  holiday_name: string | null;
}

export interface ScheduleEntry {
  kind: 'booking' | 'leave' | 'holiday';
  /** The time taken, travel included. */
  start: string;
  end: string;
  booking?: {
    bookingId: string;
    taskId: string;
    taskName: string | null;
    customerId: string | null;
    customerName: string | null;
    site: unknown;
    status: string | null;
    /** On site, without the travel. */
    workStart: string;
    workEnd: string;
    travelMinutes: number;
  };
  leave?: { leaveId: string; note: string | null };
  holiday?: { holidayId: string; name: string | null };
}

const hours = (ms: number) => Math.round((ms / HOUR_MS) * 100) / 100;

/** Who is where when: per engineer and per region, by day or week; and how full each engineer's week is. */
@Injectable()
export class SchedulesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly roster: RosterRepository,
  ) {}

  async forEngineer(engineerId: string, date: string, span: Span) {
    const [profile] = await this.roster.profiles(this.dataSource.manager, [engineerId]);
    if (!profile) throw new SchedulingException(SchedulingErrorCode.ENGINEER_NOT_FOUND, `No engineer ${engineerId}`);
    const { from, to, first, last } = rangeOf(date, span, profile.timezone);
    const entries = await this.entries([engineerId], from, to);
    return { engineerId, name: profile.name, timezone: profile.timezone, from: first, to: last, entries: entries.get(engineerId) ?? [] };
  }

  async forRegion(region: string, date: string, span: Span) {
    const engineers = await this.serving(region);
    const byEngineer = new Map<string, ScheduleEntry[]>();
    // Each engineer's day is their own zone's day; one query covers the widest range.
    const ranges = new Map(engineers.map((e) => [e.id, rangeOf(date, span, e.timezone)]));
    if (engineers.length > 0) {
      const from = Math.min(...[...ranges.values()].map((r) => r.from));
      const to = Math.max(...[...ranges.values()].map((r) => r.to));
      for (const [id, list] of await this.entries(engineers.map((e) => e.id), from, to)) {
        const r = ranges.get(id)!;
        byEngineer.set(id, list.filter((x) => Date.parse(x.end) > r.from && Date.parse(x.start) < r.to));
      }
    }
    const { first, last } = rangeOf(date, span, 'UTC');
    return {
      region,
      from: first,
      to: last,
      engineers: engineers.map((e) => ({ engineerId: e.id, name: e.name, timezone: e.timezone, active: e.active, entries: byEngineer.get(e.id) ?? [] })),
    };
  }

  /** Per engineer serving the region (or all): working hours that week (holidays off), booked (travel included), leave, utilisation. */
  async workload(region: string | undefined, date: string) {
    const engineers = region ? await this.serving(region) : await this.roster.profiles(this.dataSource.manager);
    const monday = mondayOf(date);
    const rows = [];
    // A day either side of the UTC week covers that week in every zone; each engineer's own week is cut below.
    const calendars = await this.roster.calendars(
      this.dataSource.manager,
      engineers,
      startOfLocalDay(addDays(monday, -1), 'UTC'),
      startOfLocalDay(addDays(monday, 8), 'UTC'),
    );
    for (const e of engineers) {
      const from = startOfLocalDay(monday, e.timezone);
      const to = startOfLocalDay(addDays(monday, 7), e.timezone);
      const { workingMs, bookedMs, leaveMs } = calendars.get(e.id)!.workload(from, to);
      const available = workingMs - leaveMs;
      rows.push({
        engineerId: e.id,
        name: e.name,
        homeRegion: e.homeRegion,
        active: e.active,
        workingHours: hours(workingMs),
        leaveHours: hours(leaveMs),
        bookedHours: hours(bookedMs),
        utilisation: available > 0 ? Math.round((bookedMs / available) * 1000) / 1000 : null,
      });
    }
    return { region: region ?? null, week: monday, engineers: rows };
  }

  private async serving(region: string): Promise<EngineerProfile[]> {
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT e.id FROM engineer e WHERE e.home_region = $1 OR EXISTS (SELECT 1 FROM engineer_region r WHERE r.engineer_id = e.id AND r.region = $1)`,
      [region],
    );
    return ids.length === 0 ? [] : this.roster.profiles(this.dataSource.manager, ids.map((r) => r.id));
  }

  private async entries(engineerIds: string[], from: number, to: number): Promise<Map<string, ScheduleEntry[]>> {
    const rows: EntryRow[] = await this.dataSource.query(
      `SELECT t.engineer_id, t.kind, t.status, lower(t.period) AS start, upper(t.period) AS end, t.travel_minutes,
              t.booking_id, b.task_id, b.status AS booking_status, st.snapshot->>'name' AS task_name, st.customer_id,
              st.snapshot->>'customerName' AS customer_name, st.snapshot->'site' AS site,
              t.leave_id, l.note AS leave_note, t.holiday_id, h.name AS holiday_name
         FROM engineer_time t
         LEFT JOIN booking b ON b.id = t.booking_id
         LEFT JOIN scheduling_task st ON st.task_id = b.task_id
         LEFT JOIN engineer_leave l ON l.id = t.leave_id
         LEFT JOIN public_holiday h ON h.id = t.holiday_id
        WHERE t.status <> 'cancelled' AND t.engineer_id = ANY($1::uuid[]) AND t.period && tstzrange($2, $3)
        ORDER BY t.engineer_id, lower(t.period)`,
      [engineerIds, new Date(from), new Date(to)],
    );
    const result = new Map<string, ScheduleEntry[]>();
    for (const row of rows) {
      const start = new Date(row.start).getTime();
      const end = new Date(row.end).getTime();
      const entry: ScheduleEntry = { kind: row.kind, start: toIso(start), end: toIso(end) };
      if (row.booking_id) {
        entry.booking = {
          bookingId: row.booking_id,
          taskId: row.task_id!,
          taskName: row.task_name,
          customerId: row.customer_id,
          customerName: row.customer_name,
          site: row.site,
          status: row.booking_status,
          workStart: toIso(start + row.travel_minutes * MINUTE_MS),
          workEnd: toIso(end - row.travel_minutes * MINUTE_MS),
          travelMinutes: row.travel_minutes,
        };
      }
      if (row.leave_id) entry.leave = { leaveId: row.leave_id, note: row.leave_note };
      if (row.holiday_id) entry.holiday = { holidayId: row.holiday_id, name: row.holiday_name };
      result.set(row.engineer_id, [...(result.get(row.engineer_id) ?? []), entry]);
    }
    return result;
  }
}

/** A day, or the Monday-to-Sunday week of it, in a zone. */
function rangeOf(date: string, span: Span, timeZone: string) {
  const first = span === 'week' ? mondayOf(date) : date;
  const days = span === 'week' ? 7 : 1;
  return { first, last: addDays(first, days - 1), from: startOfLocalDay(first, timeZone), to: startOfLocalDay(addDays(first, days), timeZone) };
}
