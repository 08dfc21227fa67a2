/**
 * What a booking from scheduling does to the visits it already made: one visit
 * per engineer of the crew. Pure: the caller loads the visits and applies the plan.
 */
export type VisitStatus = 'scheduled' | 'in_progress' | 'completed' | 'cancelled';

export interface ExistingVisit {
  engineerId: string;
  status: VisitStatus;
}

export interface BookingPlan {
  /** Crew members without a visit yet. */
  create: string[];
  /** Visits not started yet: they take the booking's new window, site and crew. */
  update: string[];
  /** Cancelled earlier (the engineer left the crew) and booked again: scheduled once more. */
  revive: string[];
  /** Not started, and the engineer is no longer on the booking. */
  cancel: string[];
  /** Started or finished: the booking moved on, but what happened on site stays as it was. */
  keep: string[];
}

export function planBooking(existing: readonly ExistingVisit[], crew: readonly string[]): BookingPlan {
  const byEngineer = new Map(existing.map((v) => [v.engineerId, v]));
  const plan: BookingPlan = { create: [], update: [], revive: [], cancel: [], keep: [] };
  for (const engineerId of crew) {
    const visit = byEngineer.get(engineerId);
    if (!visit) plan.create.push(engineerId);
    else if (visit.status === 'scheduled') plan.update.push(engineerId);
    else if (visit.status === 'cancelled') plan.revive.push(engineerId);
    else plan.keep.push(engineerId);
  }
  for (const visit of existing) {
    if (crew.includes(visit.engineerId)) continue;
    if (visit.status === 'scheduled') plan.cancel.push(visit.engineerId);
    else if (visit.status !== 'cancelled') plan.keep.push(visit.engineerId);
  }
  return plan;
}

/** A cancelled booking cancels the visits not started yet; started ones finish and say why they were called off. */
export function planCancellation(existing: readonly ExistingVisit[]): { cancel: string[]; keep: string[] } {
  return {
    cancel: existing.filter((v) => v.status === 'scheduled').map((v) => v.engineerId),
    keep: existing.filter((v) => v.status === 'in_progress' || v.status === 'completed').map((v) => v.engineerId),
  };
}
