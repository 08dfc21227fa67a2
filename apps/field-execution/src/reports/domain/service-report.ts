import type { PdfLine } from '../pdf/pdf-writer.js';
import type { VisitDetailView } from '../../visits/dto/visit.view.js';
import { localDateTime } from '../../visits/domain/visit-day.js';
import { Decimal } from 'decimal.js';

/**
 * The service report of a completed visit, as lines for the PDF writer: who,
 * where, what machine, the work done, the checklist, time, expenses and parts,
 * and the customer's sign-off. Times are on the site's clock. Time and expenses
 * that no longer count (rejected, or replaced by an approved correction) are left out.
 */
export function serviceReportLines(visit: VisitDetailView, generatedAt: Date): PdfLine[] {
  const tz = visit.site?.timezone ?? 'UTC';
  const at = (iso: string | null) => (iso ? `${localDateTime(new Date(iso), tz)}` : '-');
  const lines: PdfLine[] = [];
  const heading = (text: string) => lines.push({ text, style: 'heading' });
  const body = (text: string, indent = 0) => lines.push({ text, indent });

  lines.push({ text: 'Service report', style: 'title' });
  body(`Visit ${visit.id}`);
  lines.push({ text: `Times are local to the site (${tz}). Generated ${at(generatedAt.toISOString())}.`, style: 'small' });

  heading('Customer and site');
  body(`Customer: ${visit.customer.name ?? visit.customer.id} (${visit.customer.id})`);
  const site = visit.site;
  if (site) {
    const place = [site.name, site.address, site.city, site.region, site.country].filter(Boolean).join(', ');
    if (place) body(`Site: ${place}`);
  }
  if (visit.orderId) body(`Order: ${visit.orderId}`);

  heading('Work');
  if (visit.task) body(`Task: ${visit.task.name} (${visit.task.kind.replace('_', ' ')}${visit.task.sku ? `, ${visit.task.sku}` : ''})`);
  if (visit.equipment) {
    body(`Machine: serial number ${visit.equipment.serialNumber}`);
    for (const c of visit.equipment.coverage.filter((c) => c.appliesOnVisitDay)) {
      body(`Covered by ${c.kind === 'amc' ? 'AMC' : c.kind} ${c.startsOn ?? '?'} to ${c.endsOn ?? '?'}${c.scope ? ` (${c.scope.replace(/_/g, ' ')})` : ''}`, 12);
    }
  }
  const crew = visit.crew.length > 1 ? `, crew of ${visit.crew.length}` : '';
  body(visit.engineerName ? `Engineer: ${visit.engineerName} (${visit.engineerId}${crew})` : `Engineer: ${visit.engineerId}${crew ? ` (${crew.slice(2)})` : ''}`);
  body(`Scheduled: ${at(visit.scheduled.start)} to ${at(visit.scheduled.end)}`);
  for (const c of visit.checkIns) body(`On site: ${at(c.checkedInAt)} to ${at(c.checkedOutAt)}`, 12);

  heading('Work done');
  if (visit.notes.length === 0) body('No notes.');
  for (const note of visit.notes) body(`${at(note.createdAt)}  ${note.text}`);

  heading('Checklist');
  if (!visit.checklist || visit.checklist.length === 0) body('No checklist.');
  for (const item of visit.checklist ?? []) {
    body(`[${item.ticked ? 'x' : ' '}] ${item.item} (${item.kind}${item.required ? ', required' : ''})${item.note ? ` - ${item.note}` : ''}`);
  }

  heading('Time');
  const time = visit.timeEntries.filter((t) => t.status !== 'rejected' && !t.superseded);
  if (time.length === 0) body('No time recorded.');
  for (const t of time) {
    body(`${at(t.start)} to ${at(t.end).slice(11)}  ${t.hours} h  ${t.activity}  ${t.billable ? 'billable' : 'not billable'}  (${t.status})`);
  }
  if (time.length > 0) {
    const total = time.reduce((sum, t) => sum.plus(t.hours), new Decimal(0)).toFixed(2);
    body(`Total: ${total} h`);
  }

  heading('Expenses');
  const expenses = visit.expenses.filter((e) => e.status !== 'rejected' && !e.superseded);
  if (expenses.length === 0) body('No expenses.');
  for (const e of expenses) {
    const converted = e.amountInOrderCurrency && e.orderCurrency && e.orderCurrency !== e.currency ? ` = ${e.amountInOrderCurrency} ${e.orderCurrency} at ${e.exchangeRate}` : '';
    body(`${e.category}: ${e.amount} ${e.currency}${converted}${e.receiptReference ? `  receipt ${e.receiptReference}` : ''}  (${e.status})`);
  }

  heading('Parts');
  if (visit.parts.length === 0) body('No parts.');
  for (const p of visit.parts) {
    body(`${p.sku}${p.description ? ` ${p.description}` : ''}: ${p.quantity} x ${p.unitCost} ${p.currency} = ${p.cost} ${p.currency}${p.movement === 'return' ? ' (returned)' : ''}  issue ${p.issueId}`);
  }

  heading('Outcome');
  const completion = visit.completion;
  body(completion.outcome === 'incomplete' ? `Incomplete: ${completion.followUpReason}. A follow-up visit is needed.` : 'Completed.');
  if (completion.completedAt) body(`Closed: ${at(completion.completedAt)}`);
  body(completion.signOff ? `Signed off by ${completion.signOff.name} at ${at(completion.signOff.signedAt)}` : 'Not signed off by the customer.');
  return lines;
}
