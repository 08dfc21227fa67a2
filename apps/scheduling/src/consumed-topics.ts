import { Topics } from '#contracts';

/** The topics scheduling consumes, one Kafka consumer each (its module, the benchmark and tests read this). */
export const SCHEDULING_CONSUMED_TOPICS: readonly string[] = [Topics.serviceProjects];
