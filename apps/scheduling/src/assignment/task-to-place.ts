import type { TaskSnapshot } from '#contracts';
import type { TaskToPlace } from './domain/model.js';

/** What placement needs from a task snapshot. Hours are per engineer, decimal strings on the wire. */
export function taskToPlace(task: TaskSnapshot): TaskToPlace {
  return {
    taskId: task.taskId,
    name: task.name,
    siteRegion: task.site?.region ?? null,
    siteTimezone: task.site?.timezone ?? null,
    requiredSkills: task.requiredSkills,
    workMinutes: Math.round(Number(task.estimatedHours) * 60),
    engineers: task.engineers,
    earliestStart: task.earliestStart ?? null,
    dueDate: task.dueDate ?? null,
    dueAt: task.dueAt ? Date.parse(task.dueAt) : null,
  };
}

/** Statuses at service-commitments in which a task wants a visit. */
export const SCHEDULABLE_STATUSES = ['ready', 'scheduled'] as const;

export function isSchedulable(status: string): boolean {
  return (SCHEDULABLE_STATUSES as readonly string[]).includes(status);
}
