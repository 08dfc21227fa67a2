import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { apiAs } from '#testing';
import { visitIdFor } from '../src/visits/domain/visit-identity.js';
import {
  encodeStructured,
  exampleEvent,
  type CloudEvent,
  type CoverageChangedV1,
  type PartsIssuedV1,
  type ServiceProjectChangedV1,
  type ServiceProjectCreatedV1,
  type TaskSnapshot,
  type VisitBooking,
} from '#contracts';

/** The example installation task under fresh ids, with the order's currency (which TaskSnapshot may carry as an extra field). */
export function installationTask(changes: Partial<TaskSnapshot> & { orderCurrency?: string } = {}): TaskSnapshot & { orderCurrency?: string } {
  const task = structuredClone(exampleEvent<{ task: TaskSnapshot }>('psa.task.ready.v1').data.task);
  return { ...task, taskId: randomUUID(), projectId: randomUUID(), orderCurrency: 'INR', ...changes };
}

export function taskReadyEvent(task: TaskSnapshot): CloudEvent {
  return exampleEvent('psa.task.ready.v1', { task, readyAt: '2026-11-24T06:30:05Z' }, { source: 'serviceloop://service-commitments' });
}

export function coverageEvent(serialNumber: string, projectId: string): CloudEvent<CoverageChangedV1> {
  const event = exampleEvent<CoverageChangedV1>('psa.coverage.changed.v1', undefined, { source: 'serviceloop://service-commitments' });
  Object.assign(event.data, {
    serialNumber,
    projectId,
    coverage: { kind: 'warranty', contractId: null, commitmentId: null, startsOn: '2026-11-27', endsOn: '2027-11-26', scope: 'labour_and_parts', visitQuota: null, status: 'active' },
    reason: `Warranty of 12 months for ${serialNumber} from installation`,
  });
  return event;
}

/** A booking of `crew` for a task on 30 Nov (10:00-17:00 IST) and 1 Dec, as scheduling sends it. */
export function bookingEvent(
  type: 'psa.visit.scheduled.v1' | 'psa.visit.rescheduled.v1' | 'psa.visit.cancelled.v1',
  task: TaskSnapshot,
  crew: string[],
  changes: Partial<VisitBooking> & Record<string, unknown> = {},
): CloudEvent<VisitBooking> {
  const event = exampleEvent<VisitBooking & Record<string, unknown>>(type, undefined, { source: 'serviceloop://scheduling' });
  Object.assign(event.data, {
    bookingId: randomUUID(),
    taskId: task.taskId,
    projectId: task.projectId,
    customerId: task.customerId,
    engineerIds: crew,
    start: '2026-11-30T04:30:00Z',
    end: '2026-12-01T11:30:00Z',
    segments: [
      { start: '2026-11-30T04:30:00Z', end: '2026-11-30T11:30:00Z' },
      { start: '2026-12-01T04:30:00Z', end: '2026-12-01T11:30:00Z' },
    ],
    status: 'confirmed',
    ...changes,
  });
  event.subject = event.data.bookingId;
  return event;
}

export function partsIssuedEvent(issueId: string, reference: { kind: 'visit' | 'task' | 'project'; id: string }, changes: Partial<PartsIssuedV1> & Record<string, unknown> = {}): CloudEvent<PartsIssuedV1> {
  const event = exampleEvent<PartsIssuedV1>('erp.parts.issued.v1');
  Object.assign(event.data, { issueId, reference, ...changes });
  event.subject = event.data.orderId ?? undefined;
  return event;
}

/**
 * service-commitments' announcement of a project (the example order's, under `projectId`) whose
 * first units list one task each, `taskIds` in order; a change is later than the creation.
 */
export function projectEvent(
  type: 'psa.service-project.created.v1' | 'psa.service-project.changed.v1',
  projectId: string,
  taskIds: string[],
): CloudEvent<ServiceProjectCreatedV1 | ServiceProjectChangedV1> {
  const event = exampleEvent<ServiceProjectCreatedV1 | ServiceProjectChangedV1>(type, undefined, { source: 'serviceloop://service-commitments' });
  event.data.projectId = projectId;
  event.data.commitments.forEach((unit, i) => Object.assign(unit, i < taskIds.length ? { taskKeys: [unit.kind], taskIds: [taskIds[i]] } : { taskKeys: null, taskIds: null }));
  event.subject = projectId;
  return event;
}

/** A structured-mode record with the key the contract prescribes for the event. */
export function record(event: CloudEvent, key: string | null) {
  return { key, ...encodeStructured(event) };
}

/**
 * Asha and Bilal booked together on the example installation (fresh ids and serial), their two
 * visits, and the people who act on them: each engineer confined to their own visit, and a
 * service manager. `app` is read when a client is made, so the service may start later.
 */
export function installationCrew(app: () => INestApplication, ashaId: string, bilalId: string) {
  const task = installationTask({ serialNumber: `INJ250-${randomUUID().slice(0, 6)}` });
  const booking = bookingEvent('psa.visit.scheduled.v1', task, [ashaId, bilalId]);
  return {
    task,
    booking,
    ashaVisit: visitIdFor(booking.data.bookingId, ashaId),
    bilalVisit: visitIdFor(booking.data.bookingId, bilalId),
    asha: () => apiAs(app(), ['engineer'], { subject: 'asha.patil', name: 'Asha Patil', engineerId: ashaId }),
    bilal: () => apiAs(app(), ['engineer'], { subject: 'bilal.shaikh', name: 'Bilal Shaikh', engineerId: bilalId }),
    manager: () => apiAs(app(), ['service_manager'], { subject: 'ravi.kulkarni', name: 'Ravi Kulkarni' }),
  };
}
