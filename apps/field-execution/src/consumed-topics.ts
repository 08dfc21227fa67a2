import { Topics } from '#contracts';

/** The topics field-execution consumes, one Kafka consumer each (its module, the benchmark and tests read this). */
export const FIELD_EXECUTION_CONSUMED_TOPICS: readonly string[] = [Topics.schedules, Topics.serviceProjects, Topics.inventory];
