import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addDays, startOfLocalDay } from '../assignment/domain/zoned-time.js';

/**
 * Writes leave and holidays into `engineer_time` around what is already there:
 * a range minus the engineer's live rows (PostgreSQL multiranges), so leave over
 * a public holiday keeps the holiday's row and the no-overlap rule still holds.
 */
@Injectable()
export class TimeFiller {
  async fill(
    tx: EntityManager,
    engineerId: string,
    kind: 'leave' | 'holiday',
    from: number,
    to: number,
    ref: { leaveId?: string; holidayId?: string },
  ): Promise<number> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO engineer_time (engineer_id, kind, period, status, leave_id, holiday_id)
       SELECT $1, $2, piece, 'confirmed', $5, $6
         FROM unnest(
                tstzmultirange(tstzrange($3, $4))
                - COALESCE((SELECT range_agg(period) FROM engineer_time
                             WHERE engineer_id = $1 AND status <> 'cancelled' AND period && tstzrange($3, $4)), '{}'::tstzmultirange)
              ) AS piece
       RETURNING id`,
      [engineerId, kind, new Date(from), new Date(to), ref.leaveId ?? null, ref.holidayId ?? null],
    );
    return rows.length;
  }

  /** Writes every public holiday of the engineer's home region from `fromDate` on, as whole local days. */
  async holidaysFor(tx: EntityManager, engineer: { id: string; homeRegion: string; timezone: string }, fromDate = '0001-01-01'): Promise<void> {
    const holidays: { id: string; date: string }[] = await tx.query(
      `SELECT id, to_char(date, 'YYYY-MM-DD') AS date FROM public_holiday WHERE region = $1 AND date >= $2 ORDER BY date`,
      [engineer.homeRegion, fromDate],
    );
    for (const h of holidays) {
      await this.fill(tx, engineer.id, 'holiday', startOfLocalDay(h.date, engineer.timezone), startOfLocalDay(addDays(h.date, 1), engineer.timezone), { holidayId: h.id });
    }
  }

  /** Holidays again from scratch for one engineer (home region or zone changed, leave removed). */
  async rewriteHolidays(tx: EntityManager, engineer: { id: string; homeRegion: string; timezone: string }): Promise<void> {
    await tx.query(`DELETE FROM engineer_time WHERE engineer_id = $1 AND kind = 'holiday'`, [engineer.id]);
    await this.holidaysFor(tx, engineer);
  }
}
