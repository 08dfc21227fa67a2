import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { VisitBooking } from '#contracts';
import type { EventContext } from '#messaging';
import { AuditTrail, eventActor, type Actor } from '../audit/audit-trail.js';
import { parkingKey } from '../core/parking-keys.js';
import { planBooking, planCancellation } from './domain/booking-plan.js';
import { visitIdFor } from './domain/visit-identity.js';
import { VisitEntity } from './visit.entity.js';

/** The booking facts a visit keeps; a reschedule changes exactly these. */
function bookingFacts(booking: VisitBooking) {
  return {
    taskId: booking.taskId,
    projectId: booking.projectId ?? null,
    serviceRequestId: booking.serviceRequestId ?? null,
    customerId: booking.customerId,
    crewEngineerIds: [...booking.engineerIds],
    bookingStatus: booking.status,
    scheduledStart: new Date(booking.start),
    scheduledEnd: new Date(booking.end),
    segments: booking.segments.map(({ start, end }) => ({ start, end })),
    travelMinutes: booking.travelMinutes,
    site: booking.site ? { ...booking.site } : null,
  };
}

/** JSON with object keys sorted: jsonb hands objects back in its own key order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** What a reschedule changed, for the audit trail: only the fields that differ. */
function changedFacts(visit: VisitEntity, next: ReturnType<typeof bookingFacts>): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const current = (visit as unknown as Record<string, unknown>)[key];
    if (stableJson(current) !== stableJson(value)) {
      before[key] = current;
      after[key] = value;
    }
  }
  return Object.keys(after).length === 0 ? null : { before, after };
}

/**
 * Visits follow scheduling's bookings: one visit per engineer of the crew,
 * moved when the booking moves, cancelled when it is. What already happened on
 * site is never undone by a booking change; the audit trail notes it.
 */
@Injectable()
export class VisitBookings {
  constructor(private readonly audit: AuditTrail) {}

  async booked(booking: VisitBooking, context: EventContext): Promise<void> {
    const tx = context.tx;
    const actor = eventActor(context.event.source);
    const facts = bookingFacts(booking);
    const existing = await this.visitsOf(tx, booking.bookingId);
    const plan = planBooking(existing, booking.engineerIds);
    const byEngineer = new Map(existing.map((v) => [v.engineerId, v]));

    const created: VisitEntity[] = [];
    for (const engineerId of plan.create) {
      const visit = await tx.save(tx.create(VisitEntity, { id: visitIdFor(booking.bookingId, engineerId), bookingId: booking.bookingId, engineerId, status: 'scheduled', ...facts }));
      await this.audit.record(tx, actor, { visitId: visit.id, kind: 'visit', id: visit.id, action: 'visit.scheduled', after: facts });
      created.push(visit);
    }
    for (const engineerId of plan.update) {
      const visit = byEngineer.get(engineerId)!;
      const change = changedFacts(visit, facts);
      if (!change) continue;
      Object.assign(visit, facts);
      await tx.save(visit);
      await this.audit.record(tx, actor, { visitId: visit.id, kind: 'visit', id: visit.id, action: 'visit.rescheduled', ...change, reason: reasonOf(context) });
    }
    for (const engineerId of plan.revive) {
      const visit = byEngineer.get(engineerId)!;
      const before = { status: visit.status, cancelledAt: visit.cancelledAt, cancellationReason: visit.cancellationReason };
      Object.assign(visit, facts, { status: 'scheduled', cancelledAt: null, cancellationReason: null });
      await tx.save(visit);
      await this.audit.record(tx, actor, { visitId: visit.id, kind: 'visit', id: visit.id, action: 'visit.rebooked', before, after: { status: 'scheduled', ...facts } });
    }
    for (const engineerId of plan.cancel) {
      await this.cancel(tx, actor, byEngineer.get(engineerId)!, new Date(context.event.time ?? Date.now()), `No longer on booking ${booking.bookingId}`);
    }
    for (const engineerId of plan.keep) {
      const visit = byEngineer.get(engineerId)!;
      if (!changedFacts(visit, facts)) continue;
      await this.audit.record(tx, actor, {
        visitId: visit.id,
        kind: 'visit',
        id: visit.id,
        action: 'visit.booking_changed_after_start',
        after: facts,
        reason: `The booking changed while the visit was ${visit.status.replace('_', ' ')}; what happened on site is kept`,
      });
    }
    if (created.length > 0) await this.releaseWaitingParts(context, booking, created);
  }

  async cancelled(booking: VisitBooking, reason: string, cancelledAt: Date, context: EventContext): Promise<void> {
    const tx = context.tx;
    const actor = eventActor(context.event.source);
    const existing = await this.visitsOf(tx, booking.bookingId);
    if (existing.length === 0) return context.ignore();
    const plan = planCancellation(existing);
    for (const visit of existing) {
      if (plan.cancel.includes(visit.engineerId)) await this.cancel(tx, actor, visit, cancelledAt, reason);
      else if (plan.keep.includes(visit.engineerId)) {
        await this.audit.record(tx, actor, {
          visitId: visit.id,
          kind: 'visit',
          id: visit.id,
          action: 'visit.booking_cancelled_after_start',
          reason: `Booking cancelled (${reason}) while the visit was ${visit.status.replace('_', ' ')}: it finishes and is flagged for review`,
        });
      }
    }
  }

  private async cancel(tx: EntityManager, actor: Actor, visit: VisitEntity, at: Date, reason: string): Promise<void> {
    const before = { status: visit.status };
    Object.assign(visit, { status: 'cancelled', cancelledAt: at, cancellationReason: reason });
    await tx.save(visit);
    await this.audit.record(tx, actor, { visitId: visit.id, kind: 'visit', id: visit.id, action: 'visit.cancelled', before, after: { status: 'cancelled' }, reason });
  }

  private visitsOf(tx: EntityManager, bookingId: string): Promise<VisitEntity[]> {
    return tx.find(VisitEntity, { where: { bookingId }, lock: { mode: 'pessimistic_write' }, order: { createdAt: 'ASC' } });
  }

  /** Parts the ERP issued against these visits (by visit or booking id), their task or project before we had them. */
  private async releaseWaitingParts(context: EventContext, booking: VisitBooking, created: VisitEntity[]): Promise<void> {
    for (const visit of created) await context.releaseParked(parkingKey('visit', visit.id));
    await context.releaseParked(parkingKey('visit', booking.bookingId));
    await context.releaseParked(parkingKey('task', booking.taskId));
    if (booking.projectId) await context.releaseParked(parkingKey('project', booking.projectId));
  }
}

function reasonOf(context: EventContext): string | null {
  const reason = (context.event.data as { reason?: unknown }).reason;
  return typeof reason === 'string' ? reason : null;
}
