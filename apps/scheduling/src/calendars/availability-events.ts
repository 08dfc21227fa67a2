import { Injectable } from '@nestjs/common';
import { Between, LessThanOrEqual, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { EngineerAvailabilityChangedV1, Topics } from '#contracts';
import { Outbox } from '#messaging';
import { Clock } from '#platform';
import { addDays, localDateOf } from '../assignment/domain/zoned-time.js';
import type { EngineerEntity } from '../engineers/engineer.entity.js';
import { availabilityDays, MAX_AVAILABILITY_DAYS } from './domain/availability-days.js';
import { EngineerLeaveEntity } from './engineer-leave.entity.js';
import { PublicHolidayEntity } from './public-holiday.entity.js';

/** Days before and after today (engineer's zone) that an engineer change restates. */
export const AVAILABILITY_DAYS_BEFORE = 30;
export const AVAILABILITY_DAYS_AFTER = 90;

/**
 * psa.engineer.availability-changed.v1 through the outbox, in the transaction of
 * the change, keyed by engineer: the days it touches as they now stand (working
 * week less leave and the home region's holidays). Call after the change is written.
 */
@Injectable()
export class AvailabilityEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** The engineer was set up or changed (working week, zone, region, team, switched on or off): 30 days back to 90 ahead. */
  aroundToday(tx: EntityManager, engineer: EngineerEntity): Promise<unknown> {
    const today = this.today(engineer);
    return this.changed(tx, engineer, addDays(today, -AVAILABILITY_DAYS_BEFORE), addDays(today, AVAILABILITY_DAYS_AFTER));
  }

  /** Leave or a holiday changed these days (inclusive); at most a year from `first` is restated. */
  async changed(tx: EntityManager, engineer: EngineerEntity, first: string, last: string): Promise<unknown> {
    const end = last < addDays(first, MAX_AVAILABILITY_DAYS - 1) ? last : addDays(first, MAX_AVAILABILITY_DAYS - 1);
    // One after the other: a transaction is one connection, which runs one query at a time.
    const leave = await tx.find(EngineerLeaveEntity, { where: { engineerId: engineer.id, firstDay: LessThanOrEqual(end), lastDay: MoreThanOrEqual(first) } });
    const holidays = await tx.find(PublicHolidayEntity, { where: { region: engineer.homeRegion, date: Between(first, end) } });
    const days = availabilityDays(
      {
        timezone: engineer.timezone,
        weeklyHours: engineer.workingHours,
        leave,
        holidays: holidays.map((h) => h.date),
        inactiveFrom: engineer.active ? null : this.today(engineer),
      },
      first,
      end,
    );
    const data: EngineerAvailabilityChangedV1 = {
      engineerId: engineer.id,
      name: engineer.name,
      team: engineer.team,
      region: engineer.homeRegion,
      days,
      changedAt: this.clock.now().toISOString(),
    };
    return this.outbox.add(tx, { topic: Topics.schedules, key: engineer.id, type: EngineerAvailabilityChangedV1.type, subject: engineer.id, data });
  }

  private today(engineer: EngineerEntity): string {
    return localDateOf(this.clock.now().getTime(), engineer.timezone);
  }
}
