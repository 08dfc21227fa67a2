import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AssignmentService } from '../assignment/assignment.service.js';
import { sqlStateOf } from '../assignment/booking-writer.js';
import { STANDARD_WEEK, type WeeklyHours } from '../assignment/domain/model.js';
import { AvailabilityEvents } from '../calendars/availability-events.js';
import { TimeFiller } from '../calendars/time-filler.js';
import { SchedulingErrorCode, SchedulingException } from '../scheduling.exception.js';
import { Clock } from '#platform';
import { ENGINEER_PAGE_MAX, type CreateEngineerInput, type EngineerQuery, type SkillInput, type UpdateEngineerInput } from './dto/engineer.dto.js';
import { toEngineerView, type EngineerView } from './dto/engineer.view.js';
import { EngineerRegionEntity } from './engineer-region.entity.js';
import { EngineerSkillEntity } from './engineer-skill.entity.js';
import { EngineerEntity } from './engineer.entity.js';

/**
 * The roster: engineers, their skills and certificates, regions served, working
 * week. Every change that can add capacity retries the unassigned queue in the
 * same transaction; switching an engineer off moves their future visits.
 */
@Injectable()
export class EngineersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assignment: AssignmentService,
    private readonly filler: TimeFiller,
    private readonly clock: Clock,
    private readonly availability: AvailabilityEvents,
  ) {}

  async list(query: EngineerQuery): Promise<{ items: EngineerView[] }> {
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT e.id FROM engineer e
        WHERE ($1::text IS NULL OR e.home_region = $1 OR EXISTS (SELECT 1 FROM engineer_region r WHERE r.engineer_id = e.id AND r.region = $1))
          AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM engineer_skill s WHERE s.engineer_id = e.id AND s.skill = $2))
          AND ($3::boolean IS NULL OR e.active = $3)
        ORDER BY e.name, e.id LIMIT $4 OFFSET $5`,
      [query.region ?? null, query.skill ?? null, query.active ?? null, query.limit ?? ENGINEER_PAGE_MAX, query.offset ?? 0],
    );
    return { items: await this.views(this.dataSource.manager, ids.map((r) => r.id)) };
  }

  async get(id: string, tx: EntityManager = this.dataSource.manager): Promise<EngineerView> {
    const [view] = await this.views(tx, [id]);
    if (!view) throw new SchedulingException(SchedulingErrorCode.ENGINEER_NOT_FOUND, `No engineer ${id}`);
    return view;
  }

  create(input: CreateEngineerInput): Promise<EngineerView> {
    return this.dataSource.transaction(async (tx) => {
      const engineer = await this.insertEngineer(tx, {
        name: input.name,
        email: input.email.toLowerCase(),
        homeRegion: input.homeRegion,
        team: input.team ?? null,
        timezone: input.timezone,
        active: true,
        workingHours: normaliseWeek(input.workingHours ?? STANDARD_WEEK),
      });
      await this.writeRegions(tx, engineer, input.regions ?? []);
      await this.writeSkills(tx, engineer.id, input.skills ?? []);
      await this.filler.holidaysFor(tx, engineer);
      await this.availability.aroundToday(tx, engineer);
      await this.assignment.retryQueue(tx, await this.assignment.regionsServedBy(tx, [engineer.id]));
      return this.get(engineer.id, tx);
    });
  }

  update(id: string, input: UpdateEngineerInput): Promise<EngineerView> {
    return this.dataSource.transaction(async (tx) => {
      const engineer = await this.lock(tx, id);
      const zoneOrRegionChanged =
        (input.homeRegion !== undefined && input.homeRegion !== engineer.homeRegion) || (input.timezone !== undefined && input.timezone !== engineer.timezone);
      const switchedOff = input.active === false && engineer.active;
      // The availability event carries the name and team too: analytics reports utilization per team from it.
      const availabilityChanged =
        zoneOrRegionChanged ||
        (input.active !== undefined && input.active !== engineer.active) ||
        (input.name !== undefined && input.name !== engineer.name) ||
        (input.team !== undefined && input.team !== engineer.team);
      Object.assign(engineer, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.email !== undefined ? { email: input.email.toLowerCase() } : {}),
        ...(input.homeRegion !== undefined ? { homeRegion: input.homeRegion } : {}),
        ...(input.team !== undefined ? { team: input.team } : {}),
        ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      });
      await this.saveEngineer(tx, engineer);
      if (zoneOrRegionChanged) await this.filler.rewriteHolidays(tx, engineer);
      if (availabilityChanged) await this.availability.aroundToday(tx, engineer);
      if (switchedOff) await this.assignment.displace(tx, id, { from: this.clock.now(), to: null }, `Engineer ${engineer.name} is no longer available`);
      await this.assignment.retryQueue(tx, await this.assignment.regionsServedBy(tx, [id]));
      return this.get(id, tx);
    });
  }

  replaceSkills(id: string, skills: SkillInput[]): Promise<EngineerView> {
    return this.dataSource.transaction(async (tx) => {
      await this.lock(tx, id);
      await tx.delete(EngineerSkillEntity, { engineerId: id });
      await this.writeSkills(tx, id, skills);
      await this.assignment.retryQueue(tx, await this.assignment.regionsServedBy(tx, [id]));
      return this.get(id, tx);
    });
  }

  replaceRegions(id: string, regions: string[]): Promise<EngineerView> {
    return this.dataSource.transaction(async (tx) => {
      const engineer = await this.lock(tx, id);
      await tx.delete(EngineerRegionEntity, { engineerId: id });
      await this.writeRegions(tx, engineer, regions);
      await this.assignment.retryQueue(tx, await this.assignment.regionsServedBy(tx, [id]));
      return this.get(id, tx);
    });
  }

  /** A new working week (and zone). Visits already booked stay where they are. */
  setWorkingHours(id: string, weeklyHours: WeeklyHours[], timezone: string | undefined): Promise<EngineerView> {
    return this.dataSource.transaction(async (tx) => {
      const engineer = await this.lock(tx, id);
      const zoneChanged = timezone !== undefined && timezone !== engineer.timezone;
      engineer.workingHours = normaliseWeek(weeklyHours);
      if (timezone) engineer.timezone = timezone;
      await this.saveEngineer(tx, engineer);
      if (zoneChanged) await this.filler.rewriteHolidays(tx, engineer);
      await this.availability.aroundToday(tx, engineer);
      await this.assignment.retryQueue(tx, await this.assignment.regionsServedBy(tx, [id]));
      return this.get(id, tx);
    });
  }

  async lock(tx: EntityManager, id: string): Promise<EngineerEntity> {
    const engineer = await tx.findOne(EngineerEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!engineer) throw new SchedulingException(SchedulingErrorCode.ENGINEER_NOT_FOUND, `No engineer ${id}`);
    return engineer;
  }

  private async insertEngineer(tx: EntityManager, fields: Partial<EngineerEntity>): Promise<EngineerEntity> {
    await tx.query('SAVEPOINT engineer_write');
    try {
      const saved = await tx.save(EngineerEntity, tx.create(EngineerEntity, fields));
      await tx.query('RELEASE SAVEPOINT engineer_write');
      return saved;
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT engineer_write');
      if (sqlStateOf(error) === '23505') throw new SchedulingException(SchedulingErrorCode.EMAIL_TAKEN, `Another engineer has email ${fields.email}`);
      throw error;
    }
  }

  private async saveEngineer(tx: EntityManager, engineer: EngineerEntity): Promise<void> {
    try {
      await tx.save(EngineerEntity, engineer);
    } catch (error) {
      if (sqlStateOf(error) === '23505') throw new SchedulingException(SchedulingErrorCode.EMAIL_TAKEN, `Another engineer has email ${engineer.email}`);
      throw error;
    }
  }

  private async writeRegions(tx: EntityManager, engineer: EngineerEntity, regions: string[]): Promise<void> {
    const served = [...new Set(regions)].filter((r) => r !== engineer.homeRegion);
    if (served.length > 0) await tx.insert(EngineerRegionEntity, served.map((region) => ({ engineerId: engineer.id, region })));
  }

  private async writeSkills(tx: EntityManager, engineerId: string, skills: SkillInput[]): Promise<void> {
    const bySkill = new Map(skills.map((s) => [s.skill.trim(), s]));
    if (bySkill.size === 0) return;
    await tx.insert(
      EngineerSkillEntity,
      [...bySkill].map(([skill, s]) => ({ engineerId, skill, certificate: s.certificate ?? null, certifiedUntil: s.certifiedUntil ?? null })),
    );
  }

  private async views(tx: EntityManager, ids: string[]): Promise<EngineerView[]> {
    if (ids.length === 0) return [];
    // One after the other: a transaction is one connection, which runs one query at a time.
    const engineers = await tx.findBy(EngineerEntity, { id: In(ids) });
    const regions = await tx.findBy(EngineerRegionEntity, { engineerId: In(ids) });
    const skills = await tx.findBy(EngineerSkillEntity, { engineerId: In(ids) });
    return ids
      .map((id) => engineers.find((e) => e.id === id))
      .filter((e): e is EngineerEntity => e !== undefined)
      .map((e) => toEngineerView(e, regions.filter((r) => r.engineerId === e.id), skills.filter((s) => s.engineerId === e.id)));
  }
}

function normaliseWeek(week: readonly WeeklyHours[]): WeeklyHours[] {
  return week.map((h) => ({ day: h.day, start: h.start, end: h.end })).sort((a, b) => a.day - b.day || a.start.localeCompare(b.start));
}
