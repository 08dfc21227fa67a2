import type { WeeklyHours } from '../../assignment/domain/model.js';
import type { EngineerEntity } from '../engineer.entity.js';
import type { EngineerRegionEntity } from '../engineer-region.entity.js';
import type { EngineerSkillEntity } from '../engineer-skill.entity.js';

export interface EngineerView {
  id: string;
  name: string;
  email: string;
  homeRegion: string;
  /** The team the engineer works in; null when none. */
  team: string | null;
  timezone: string;
  active: boolean;
  /** Every region served, the home region first. */
  regions: string[];
  skills: { skill: string; certificate: string | null; certifiedUntil: string | null }[];
  workingHours: WeeklyHours[];
  createdAt: string;
  updatedAt: string;
}

export function toEngineerView(e: EngineerEntity, regions: EngineerRegionEntity[], skills: EngineerSkillEntity[]): EngineerView {
  return {
    id: e.id,
    name: e.name,
    email: e.email,
    homeRegion: e.homeRegion,
    team: e.team,
    timezone: e.timezone,
    active: e.active,
    regions: [e.homeRegion, ...regions.map((r) => r.region).filter((r) => r !== e.homeRegion).sort()],
    skills: skills
      .map((s) => ({ skill: s.skill, certificate: s.certificate, certifiedUntil: s.certifiedUntil }))
      .sort((a, b) => a.skill.localeCompare(b.skill)),
    workingHours: e.workingHours,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
