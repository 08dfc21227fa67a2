import { Topics } from '#contracts';

/**
 * The topics analytics builds its read models from. Every one is created with
 * `retention.ms = -1` (see ensureTopics in #messaging): a rebuild replays them from
 * offset 0, so none may lose events. Not erp.accounting: ERP accounting's answers are
 * taken as billing accepted them (psa.invoice.answered.v1 on psa.billing), not as sent.
 */
export const ANALYTICS_TOPICS: readonly string[] = Object.freeze([
  Topics.serviceProjects,
  Topics.schedules,
  Topics.fieldWork,
  Topics.billing,
  Topics.dispatches,
  Topics.invoices,
]);
