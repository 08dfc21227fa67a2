import { Topics } from '#contracts';

/** The topics billing consumes, one Kafka consumer each (its module, the benchmark and tests read this). */
export const BILLING_CONSUMED_TOPICS: readonly string[] = [Topics.serviceProjects, Topics.fieldWork, Topics.accounting];
