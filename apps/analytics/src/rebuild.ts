/**
 * Rebuilds analytics' read models from the event log.
 *
 *   node dist/apps/analytics/src/rebuild.js
 *
 * Same environment as the service (DATABASE_URL, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, …).
 * Stop the service first, or point DATABASE_URL at a new database and switch
 * the service to it afterwards (it resumes from the rebuilt positions).
 */
import 'reflect-metadata';
import { loadServiceConfig } from '#platform';
import { ANALYTICS_DEFAULTS } from './analytics.module.js';
import { describeProgress, rebuildReadModels } from './ingest/rebuild.js';

const config = loadServiceConfig(ANALYTICS_DEFAULTS);
console.log(`rebuilding analytics read models in ${config.databaseUrl.replace(/\/\/[^@]*@/, '//')} from ${config.kafka.brokers.join(',')}`);
const result = await rebuildReadModels({
  databaseUrl: config.databaseUrl,
  kafka: config.kafka,
  topicPrefix: config.topicPrefix,
  topicPartitions: config.topicPartitions,
  progress: (p) => console.log(describeProgress(p)),
});
process.exit(result.done ? 0 : 1);
