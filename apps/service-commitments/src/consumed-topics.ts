import { Topics } from '#contracts';

/** The topics service-commitments consumes, one Kafka consumer each (its module, the benchmark and tests read this). */
export const SERVICE_COMMITMENTS_CONSUMED_TOPICS: readonly string[] = [Topics.salesOrders, Topics.dispatches, Topics.schedules, Topics.fieldWork, Topics.billing];
