import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BookingEntity, type BookingStatus } from './booking.entity.js';
import type { VisitOption } from './domain/placement.js';
import { MINUTE_MS, toIso } from './domain/zoned-time.js';

/** The row of someone's time that a booking ran into. */
export interface TimeConflict {
  engineerId: string;
  kind: 'booking' | 'leave' | 'holiday';
  start: string;
  end: string;
  bookingId: string | null;
  taskId: string | null;
  leaveId: string | null;
  holidayId: string | null;
}

export type BookResult = { ok: true; booking: BookingEntity } | { ok: false; conflict: TimeConflict | null };

export interface BookingMeta {
  assignedBy: string;
  overrideReason: string | null;
  decisionId: string | null;
  status: 'proposed' | 'confirmed';
  at: Date;
}

/** SQLSTATE of a failed query (TypeORM wraps the driver's error). */
export function sqlStateOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

const EXCLUSION_VIOLATION = '23P01';

/** A segment's period in engineer_time: the work plus travel before and after. */
function periodOf(segment: { start: number; end: number }, travelMinutes: number): string {
  return `[${new Date(segment.start - travelMinutes * MINUTE_MS).toISOString()},${new Date(segment.end + travelMinutes * MINUTE_MS).toISOString()})`;
}

/**
 * Writes bookings and their rows of engineer time. Each attempt runs under a
 * savepoint: when PostgreSQL's no-overlap constraint refuses a row (23P01), the
 * attempt is undone, the transaction stays usable, and the caller learns which
 * existing row was in the way, to try the next candidate or answer 409.
 */
@Injectable()
export class BookingWriter {
  async book(tx: EntityManager, taskId: string, option: VisitOption, meta: BookingMeta, existing?: BookingEntity): Promise<BookResult> {
    const rows = option.engineerIds.flatMap((engineerId) =>
      option.segments.map((segment) => ({ engineerId, period: periodOf(segment, option.travelMinutes[engineerId] ?? 0), travel: option.travelMinutes[engineerId] ?? 0 })),
    );
    await tx.query('SAVEPOINT book_visit');
    try {
      const fields = {
        status: meta.status as BookingStatus,
        engineerIds: option.engineerIds,
        startsAt: new Date(option.segments[0].start),
        endsAt: new Date(option.segments[option.segments.length - 1].end),
        segments: option.segments.map((s) => ({ start: toIso(s.start), end: toIso(s.end) })),
        travelMinutes: option.travelMinutes,
        assignedBy: meta.assignedBy,
        overrideReason: meta.overrideReason,
        decisionId: meta.decisionId,
        endReason: null,
        confirmedAt: meta.status === 'confirmed' ? meta.at : null,
      };
      let booking: BookingEntity;
      if (existing) {
        Object.assign(existing, fields);
        booking = await tx.save(BookingEntity, existing);
      } else {
        booking = await tx.save(BookingEntity, tx.create(BookingEntity, { taskId, ...fields }));
      }
      await tx.query(
        `INSERT INTO engineer_time (engineer_id, kind, period, status, booking_id, travel_minutes)
         SELECT e, 'booking', p, $3, $4, m FROM unnest($1::uuid[], $2::tstzrange[], $5::int[]) AS x(e, p, m)`,
        [rows.map((r) => r.engineerId), rows.map((r) => r.period), meta.status, booking.id, rows.map((r) => r.travel)],
      );
      await tx.query('RELEASE SAVEPOINT book_visit');
      return { ok: true, booking };
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT book_visit');
      if (sqlStateOf(error) !== EXCLUSION_VIOLATION) throw error;
      const conflict = await this.conflictWith(tx, rows.map((r) => r.engineerId), rows.map((r) => r.period));
      return { ok: false, conflict };
    }
  }

  /** The first live row of engineer time overlapping any of these (engineer, period) pairs. */
  async conflictWith(tx: EntityManager, engineerIds: string[], periods: string[]): Promise<TimeConflict | null> {
    const [row] = await tx.query(
      `SELECT t.engineer_id, t.kind, lower(t.period) AS start, upper(t.period) AS end, t.booking_id, b.task_id, t.leave_id, t.holiday_id
         FROM engineer_time t LEFT JOIN booking b ON b.id = t.booking_id
        WHERE t.status <> 'cancelled'
          AND EXISTS (SELECT 1 FROM unnest($1::uuid[], $2::tstzrange[]) AS x(e, p) WHERE x.e = t.engineer_id AND x.p && t.period)
        ORDER BY lower(t.period) LIMIT 1`,
      [engineerIds, periods],
    );
    if (!row) return null;
    return {
      engineerId: row.engineer_id,
      kind: row.kind,
      start: toIso(new Date(row.start).getTime()),
      end: toIso(new Date(row.end).getTime()),
      bookingId: row.booking_id,
      taskId: row.task_id,
      leaveId: row.leave_id,
      holidayId: row.holiday_id,
    };
  }

  /** Frees a booking's time (its rows stay, cancelled, for the record). */
  async releaseTime(tx: EntityManager, bookingId: string): Promise<void> {
    await tx.query(`UPDATE engineer_time SET status = 'cancelled' WHERE booking_id = $1 AND status <> 'cancelled'`, [bookingId]);
  }

  /** Ends a booking: cancelled (the task no longer needs it) or declined (by the customer). */
  async end(tx: EntityManager, booking: BookingEntity, status: 'cancelled' | 'declined', reason: string): Promise<BookingEntity> {
    await this.releaseTime(tx, booking.id);
    booking.status = status;
    booking.endReason = reason;
    return tx.save(BookingEntity, booking);
  }

  async liveFor(tx: EntityManager, taskId: string): Promise<BookingEntity | null> {
    return tx
      .createQueryBuilder(BookingEntity, 'b')
      .where('b.task_id = :taskId', { taskId })
      .andWhere(`b.status IN ('proposed', 'confirmed')`)
      .setLock('pessimistic_write')
      .getOne();
  }
}
