import { randomUUID } from 'node:crypto';
import { encodeStructured, exampleEvent, exampleTaskReady, type CloudEvent, type TaskSnapshot } from '#contracts';
import type { apiAs } from '#testing';

/** Test data for scheduling's integration tests: task events as service-commitments sends them, engineers through the API. */

const SOURCE = 'serviceloop://service-commitments';

/** The example installation task, changed as the test needs. */
export function task(overrides: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return { ...structuredClone(exampleTaskReady.task), ...overrides } as TaskSnapshot;
}

/** A support-visit style task at another site: one engineer, whole days. */
export function supportTask(region: string, overrides: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return task({
    taskId: randomUUID(),
    commitmentId: randomUUID(),
    kind: 'support_visit',
    name: 'On-site support visit',
    site: { id: `SITE-${region}`, name: `${region} plant`, address: null, city: null, region, country: 'IN', timezone: 'Asia/Kolkata' },
    requiredSkills: ['maintenance'],
    estimatedHours: '7',
    engineers: 1,
    ...overrides,
  });
}

export function taskEvent(type: string, snapshot: TaskSnapshot, extra: Record<string, unknown> = {}): CloudEvent {
  const at = '2026-11-24T08:00:00Z';
  const timeField: Record<string, string> = {
    'psa.task.ready.v1': 'readyAt',
    'psa.task.changed.v1': 'changedAt',
    'psa.task.on-hold.v1': 'heldAt',
    'psa.task.released.v1': 'releasedAt',
    'psa.task.cancelled.v1': 'cancelledAt',
    'psa.task.done.v1': 'completedAt',
  };
  return exampleEvent(type, { task: snapshot, [timeField[type]]: at, ...extra }, { source: SOURCE });
}

/** A structured-mode record keyed like service-commitments keys task events (by project). */
export function record(event: CloudEvent) {
  const { value, headers } = encodeStructured(event);
  const { task: t } = event.data as { task: TaskSnapshot };
  return { key: t.projectId ?? t.serialNumber ?? t.taskId, value, headers };
}

export interface EngineerSpec {
  name: string;
  homeRegion?: string;
  regions?: string[];
  skills?: Record<string, string | null>;
  workingHours?: { day: number; start: string; end: string }[];
}

/** Adds an engineer through the API and returns its id. */
export async function addEngineer(http: ReturnType<typeof apiAs>, spec: EngineerSpec): Promise<string> {
  const res = await http
    .post('/engineers')
    .send({
      name: spec.name,
      email: `${spec.name.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 6)}@example.com`,
      homeRegion: spec.homeRegion ?? 'MH',
      timezone: 'Asia/Kolkata',
      regions: spec.regions ?? [],
      skills: Object.entries(spec.skills ?? { installation: null, hydraulics: '2027-12-31' }).map(([skill, certifiedUntil]) => ({
        skill,
        ...(certifiedUntil ? { certifiedUntil } : {}),
      })),
      ...(spec.workingHours ? { workingHours: spec.workingHours } : {}),
    });
  if (res.status !== 201) throw new Error(`adding ${spec.name}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}
