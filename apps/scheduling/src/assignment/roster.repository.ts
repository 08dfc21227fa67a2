import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EngineerAvailability } from './domain/engineer-availability.js';
import type { BusyInterval, EngineerProfile, TravelTimes, WeeklyHours } from './domain/model.js';
import { DAY_MS } from './domain/zoned-time.js';

interface ProfileRow {
  id: string;
  name: string;
  active: boolean;
  home_region: string;
  timezone: string;
  working_hours: WeeklyHours[];
  regions: string[];
  skills: Record<string, string | null>;
}

interface TimeRow {
  engineer_id: string;
  kind: BusyInterval['kind'];
  ref: string;
  start: Date;
  end: Date;
}

/**
 * Reads what placement needs from the database, in the caller's transaction:
 * every engineer's profile (cheap rows), the travel matrix, and the calendars
 * of only the engineers who pass the screen, over only the weeks searched.
 */
@Injectable()
export class RosterRepository {
  async profiles(tx: EntityManager, ids?: readonly string[]): Promise<EngineerProfile[]> {
    const rows: ProfileRow[] = await tx.query(
      `SELECT e.id, e.name, e.active, e.home_region, e.timezone, e.working_hours,
              COALESCE((SELECT array_agg(r.region ORDER BY r.region) FROM engineer_region r WHERE r.engineer_id = e.id), '{}') AS regions,
              COALESCE((SELECT jsonb_object_agg(s.skill, s.certified_until) FROM engineer_skill s WHERE s.engineer_id = e.id), '{}') AS skills
         FROM engineer e
        WHERE $1::uuid[] IS NULL OR e.id = ANY($1::uuid[])
        ORDER BY e.name, e.id`,
      [ids ?? null],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      active: row.active,
      homeRegion: row.home_region,
      timezone: row.timezone,
      regions: row.regions,
      skills: new Map(Object.entries(row.skills)),
      weeklyHours: row.working_hours,
    }));
  }

  async travel(tx: EntityManager): Promise<TravelTimes> {
    const rows: { from_region: string; to_region: string; minutes: number }[] = await tx.query(`SELECT from_region, to_region, minutes FROM region_travel`);
    const minutes = new Map(rows.map((r) => [`${r.from_region}|${r.to_region}`, r.minutes]));
    return (from, to) => minutes.get(`${from}|${to}`) ?? minutes.get(`${to}|${from}`) ?? null;
  }

  /**
   * Calendars over [from, to), widened to whole UTC days (so engineers with the
   * same working pattern share their computed windows).
   */
  async calendars(tx: EntityManager, profiles: readonly EngineerProfile[], from: number, to: number): Promise<Map<string, EngineerAvailability>> {
    const start = Math.floor(from / DAY_MS) * DAY_MS;
    const end = Math.ceil(to / DAY_MS) * DAY_MS;
    const rows: TimeRow[] =
      profiles.length === 0
        ? []
        : await tx.query(
            `SELECT engineer_id, kind, COALESCE(booking_id, leave_id, holiday_id, id) AS ref, lower(period) AS start, upper(period) AS end
               FROM engineer_time
              WHERE status <> 'cancelled' AND engineer_id = ANY($1::uuid[]) AND period && tstzrange($2, $3)`,
            [profiles.map((p) => p.id), new Date(start), new Date(end)],
          );
    const busy = new Map<string, BusyInterval[]>();
    for (const row of rows) {
      const list = busy.get(row.engineer_id) ?? [];
      list.push({ kind: row.kind, ref: row.ref, start: new Date(row.start).getTime(), end: new Date(row.end).getTime() });
      busy.set(row.engineer_id, list);
    }
    return new Map(profiles.map((p) => [p.id, new EngineerAvailability(p, busy.get(p.id) ?? [], start, end)]));
  }
}
