import { startTestInfrastructure } from './infrastructure.js';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const infra = await startTestInfrastructure();
  process.stdout.write(`\n[test harness] ${infra.mode}: Kafka ${infra.kafkaBrokers}, PostgreSQL ${infra.postgresUrl} (${Date.now() - started} ms)\n`);
}
