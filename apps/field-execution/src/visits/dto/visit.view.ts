import type { ExpenseView } from '../../expenses/dto/expense.view.js';
import type { PartsConsumptionView } from '../../parts/dto/parts-consumption.view.js';
import type { TimeEntryView } from '../../time/dto/time-entry.view.js';
import type { GeoPoint, VisitSegment, VisitSite } from '../visit.entity.js';

export interface VisitTaskView {
  id: string;
  name: string;
  kind: string;
  sku: string | null;
  status: string;
  orderId: string | null;
  serviceRequestId: string | null;
}

export interface CoverageView {
  kind: string;
  contractId: string | null;
  startsOn: string | null;
  endsOn: string | null;
  scope: string | null;
  status: string;
  reason: string;
  /** Covers the visit's first day on the site's calendar. */
  appliesOnVisitDay: boolean;
}

export interface ChecklistItemView {
  item: string;
  kind: string;
  required: boolean;
  ticked: boolean;
  tickedAt: string | null;
  tickedBy: string | null;
  note: string | null;
}

export interface EarlierVisitView {
  id: string;
  taskName: string | null;
  kind: string | null;
  engineerId: string;
  status: string;
  startedAt: string | null;
  completedAt: string | null;
  outcome: string | null;
  followUpReason: string | null;
  notes: string[];
}

export interface VisitSummaryView {
  id: string;
  bookingId: string;
  status: string;
  bookingStatus: string;
  engineerId: string;
  /** Known once the engineer checked in with a token that names them. */
  engineerName: string | null;
  crew: string[];
  customer: { id: string; name: string | null };
  site: VisitSite | null;
  scheduled: { start: string; end: string; segments: VisitSegment[]; travelMinutes: number };
  task: VisitTaskView | null;
  serialNumber: string | null;
  startedAt: string | null;
  completedAt: string | null;
  outcome: string | null;
}

export interface VisitDetailView extends VisitSummaryView {
  projectId: string | null;
  serviceRequestId: string | null;
  orderId: string | null;
  equipment: { serialNumber: string; coverage: CoverageView[] } | null;
  /** Null while the task has not reached field-execution. */
  checklist: ChecklistItemView[] | null;
  checkIns: { checkedInAt: string; checkInLocation: GeoPoint | null; checkedOutAt: string | null; checkOutLocation: GeoPoint | null }[];
  notes: { id: string; text: string; author: string; authorName: string | null; createdAt: string }[];
  timeEntries: TimeEntryView[];
  expenses: ExpenseView[];
  parts: PartsConsumptionView[];
  completion: {
    /** What is still missing for a signed-off completion (empty once it could be completed). */
    missing: string[];
    outcome: string | null;
    completedAt: string | null;
    signOff: { name: string; signedAt: string } | null;
    followUpReason: string | null;
  };
  cancellation: { cancelledAt: string; reason: string | null } | null;
  earlierVisits: EarlierVisitView[];
}
