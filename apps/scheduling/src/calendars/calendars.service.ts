import { Injectable } from '@nestjs/common';
import { Between, DataSource, LessThanOrEqual, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { Clock, LIST_PAGE_MAX } from '#platform';
import { AssignmentService } from '../assignment/assignment.service.js';
import { sqlStateOf } from '../assignment/booking-writer.js';
import { addDays, startOfLocalDay } from '../assignment/domain/zoned-time.js';
import { toBookingView } from '../assignment/dto/assignment.view.js';
import { EngineerEntity } from '../engineers/engineer.entity.js';
import { SchedulingErrorCode, SchedulingException } from '../scheduling.exception.js';
import { AvailabilityEvents } from './availability-events.js';
import { holidayPeriod, leavePeriod, type CalendarPeriod } from './domain/calendar-period.js';
import type { HolidayInput, HolidayQuery, LeaveInput, LeaveQuery, TravelInput } from './dto/calendar.dto.js';
import { EngineerLeaveEntity } from './engineer-leave.entity.js';
import { PublicHolidayEntity } from './public-holiday.entity.js';
import { RegionTravelEntity } from './region-travel.entity.js';
import { TimeFiller } from './time-filler.js';

export interface LeaveView {
  id: string;
  engineerId: string;
  firstDay: string;
  lastDay: string;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

const toLeaveView = (l: EngineerLeaveEntity): LeaveView => ({
  id: l.id,
  engineerId: l.engineerId,
  firstDay: l.firstDay,
  lastDay: l.lastDay,
  note: l.note,
  createdBy: l.createdBy,
  createdAt: l.createdAt.toISOString(),
});

const toHolidayView = (h: PublicHolidayEntity) => ({ id: h.id, region: h.region, date: h.date, name: h.name });

/** A page of a calendar list, with the period it covers (null: open) and where the next page starts (absent on the last). */
export interface CalendarPage<T> extends CalendarPeriod {
  items: T[];
  nextOffset?: number;
}

/** A where condition on `column` for `day`, none for an open end (TypeORM refuses an undefined value). */
const onOrAfter = (column: string, day: string | null) => (day === null ? {} : { [column]: MoreThanOrEqual(day) });
const onOrBefore = (column: string, day: string | null) => (day === null ? {} : { [column]: LessThanOrEqual(day) });
const within = (column: string, { from, to }: CalendarPeriod) =>
  from !== null && to !== null ? { [column]: Between(from, to) } : { ...onOrAfter(column, from), ...onOrBefore(column, to) };

/** Reads one row more than the page, to tell whether another follows. */
function paged<E, T>(rows: E[], limit: number, offset: number, period: CalendarPeriod, view: (row: E) => T): CalendarPage<T> {
  return { ...period, items: rows.slice(0, limit).map(view), ...(rows.length > limit ? { nextOffset: offset + limit } : {}) };
}

/** Leave, public holidays and travel between regions: what bounds when and where engineers can go. */
@Injectable()
export class CalendarsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assignment: AssignmentService,
    private readonly filler: TimeFiller,
    private readonly availability: AvailabilityEvents,
    private readonly clock: Clock,
  ) {}

  /** An engineer's leave touching the period (default: ending from a year ago on), by first day then id, a page of it. */
  async leave(engineerId: string, query: LeaveQuery = {}): Promise<CalendarPage<LeaveView>> {
    await this.engineer(this.dataSource.manager, engineerId);
    const period = leavePeriod(query, this.today());
    const [limit, offset] = [query.limit ?? LIST_PAGE_MAX, query.offset ?? 0];
    const rows = await this.dataSource.manager.find(EngineerLeaveEntity, {
      where: { engineerId, ...onOrAfter('lastDay', period.from), ...onOrBefore('firstDay', period.to) },
      order: { firstDay: 'ASC', id: 'ASC' },
      skip: offset,
      take: limit + 1,
    });
    return paged(rows, limit, offset, period, toLeaveView);
  }

  /**
   * Leave over booked visits is refused (409, listing them) unless `reschedule`:
   * then they are placed again, without this engineer's leave days, or queued.
   */
  addLeave(engineerId: string, input: LeaveInput, reschedule: boolean, actor: string) {
    return this.dataSource.transaction(async (tx) => {
      const engineer = await this.engineer(tx, engineerId, true);
      const from = startOfLocalDay(input.firstDay, engineer.timezone);
      const to = startOfLocalDay(addDays(input.lastDay, 1), engineer.timezone);
      const clashing = await this.assignment.bookingsOverlapping(tx, engineerId, new Date(from), new Date(to));
      if (clashing.length > 0 && !reschedule) {
        throw new SchedulingException(
          SchedulingErrorCode.LEAVE_OVER_BOOKINGS,
          `${engineer.name} has ${clashing.length} visit(s) booked in that leave; move them first, or ask for them to be rescheduled (?reschedule=true)`,
          { bookings: clashing.map(toBookingView) },
        );
      }
      const leave = await tx.save(
        EngineerLeaveEntity,
        tx.create(EngineerLeaveEntity, { engineerId, firstDay: input.firstDay, lastDay: input.lastDay, note: input.note ?? null, createdBy: actor }),
      );
      const moved = await this.assignment.displace(tx, engineerId, { from: new Date(from), to: new Date(to) }, `${engineer.name} is on leave`, async () => {
        await this.filler.fill(tx, engineerId, 'leave', from, to, { leaveId: leave.id });
      });
      await this.availability.changed(tx, engineer, input.firstDay, input.lastDay);
      const after = await tx.query(`SELECT id, status FROM booking WHERE id = ANY($1::uuid[])`, [moved.map((b) => b.id)]);
      return { leave: toLeaveView(leave), rescheduled: after.map((b: { id: string; status: string }) => ({ bookingId: b.id, status: b.status })) };
    });
  }

  /** Leave taken back: its days are free again (holidays inside it are written back) and queued work may take them. */
  removeLeave(engineerId: string, leaveId: string) {
    return this.dataSource.transaction(async (tx) => {
      const engineer = await this.engineer(tx, engineerId, true);
      const leave = await tx.findOneBy(EngineerLeaveEntity, { id: leaveId, engineerId });
      if (!leave) throw new SchedulingException(SchedulingErrorCode.LEAVE_NOT_FOUND, `No leave ${leaveId} for engineer ${engineerId}`);
      await tx.delete(EngineerLeaveEntity, { id: leaveId });
      await this.filler.rewriteHolidays(tx, engineer);
      await this.availability.changed(tx, engineer, leave.firstDay, leave.lastDay);
      await this.assignment.retryQueue(tx, await this.assignment.regionsServedBy(tx, [engineerId]));
      return toLeaveView(leave);
    });
  }

  /** Public holidays in the period (default: this calendar year and the next), by date, region, id, a page of them. */
  async holidays(query: HolidayQuery = {}) {
    const period = holidayPeriod(query, this.today());
    const [limit, offset] = [query.limit ?? LIST_PAGE_MAX, query.offset ?? 0];
    const rows = await this.dataSource.manager.find(PublicHolidayEntity, {
      where: { ...(query.region ? { region: query.region } : {}), ...within('date', period) },
      order: { date: 'ASC', region: 'ASC', id: 'ASC' },
      skip: offset,
      take: limit + 1,
    });
    return paged(rows, limit, offset, period, toHolidayView);
  }

  /**
   * A public holiday for every engineer based in the region, as a whole local
   * day in each one's zone. Visits already booked that day stay (and are listed):
   * a dispatcher decides whether to move them.
   */
  addHoliday(input: HolidayInput) {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SAVEPOINT holiday_write');
      let holiday: PublicHolidayEntity;
      try {
        holiday = await tx.save(PublicHolidayEntity, tx.create(PublicHolidayEntity, input));
        await tx.query('RELEASE SAVEPOINT holiday_write');
      } catch (error) {
        await tx.query('ROLLBACK TO SAVEPOINT holiday_write');
        if (sqlStateOf(error) === '23505') throw new SchedulingException(SchedulingErrorCode.HOLIDAY_EXISTS, `${input.region} already has a holiday on ${input.date}`);
        throw error;
      }
      const engineers = await tx.find(EngineerEntity, { where: { homeRegion: input.region } });
      const onHoliday = [];
      for (const engineer of engineers) {
        const from = startOfLocalDay(input.date, engineer.timezone);
        const to = startOfLocalDay(addDays(input.date, 1), engineer.timezone);
        await this.filler.fill(tx, engineer.id, 'holiday', from, to, { holidayId: holiday.id });
        onHoliday.push(...(await this.assignment.bookingsOverlapping(tx, engineer.id, new Date(from), new Date(to))));
        await this.availability.changed(tx, engineer, input.date, input.date);
      }
      return { holiday: toHolidayView(holiday), engineers: engineers.length, bookingsOnHoliday: onHoliday.map(toBookingView) };
    });
  }

  removeHoliday(id: string) {
    return this.dataSource.transaction(async (tx) => {
      const holiday = await tx.findOneBy(PublicHolidayEntity, { id });
      if (!holiday) throw new SchedulingException(SchedulingErrorCode.HOLIDAY_NOT_FOUND, `No holiday ${id}`);
      await tx.delete(PublicHolidayEntity, { id });
      for (const engineer of await tx.find(EngineerEntity, { where: { homeRegion: holiday.region } })) {
        await this.availability.changed(tx, engineer, holiday.date, holiday.date);
      }
      await this.assignment.retryQueue(tx, [holiday.region]);
      return toHolidayView(holiday);
    });
  }

  async travel() {
    const items = await this.dataSource.manager.find(RegionTravelEntity, { order: { fromRegion: 'ASC', toRegion: 'ASC' } });
    return { items: items.map((t) => ({ fromRegion: t.fromRegion, toRegion: t.toRegion, minutes: t.minutes })) };
  }

  setTravel(input: TravelInput) {
    return this.dataSource.transaction(async (tx) => {
      await tx.upsert(RegionTravelEntity, { fromRegion: input.fromRegion, toRegion: input.toRegion, minutes: input.minutes }, ['fromRegion', 'toRegion']);
      await this.assignment.retryQueue(tx, [input.fromRegion, input.toRegion]);
      return { fromRegion: input.fromRegion, toRegion: input.toRegion, minutes: input.minutes };
    });
  }

  /** Today's date, UTC: where the default periods of the lists start. */
  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  private async engineer(tx: EntityManager, id: string, lock = false): Promise<EngineerEntity> {
    const engineer = await tx.findOne(EngineerEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!engineer) throw new SchedulingException(SchedulingErrorCode.ENGINEER_NOT_FOUND, `No engineer ${id}`);
    return engineer;
  }
}
