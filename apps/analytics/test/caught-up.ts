import type { DataSource } from 'typeorm';
import { eventually, type TestKafka } from '#testing';
import { ANALYTICS_TOPICS } from '../src/ingest/analytics-topics.js';
import { READ_MODEL } from '../src/ingest/projector.js';

/** Waits until the stored position of every partition is at the end of the log. */
export async function caughtUp(kafka: TestKafka, db: DataSource): Promise<void> {
  const admin = kafka.kafka.admin();
  await admin.connect();
  try {
    const ends = new Map<string, string>();
    for (const topic of ANALYTICS_TOPICS) {
      for (const p of await admin.fetchTopicOffsets(kafka.topic(topic))) if (p.high !== '0') ends.set(`${topic}:${p.partition}`, p.high);
    }
    await eventually(
      async () => {
        const rows: { topic: string; partition: number; next_offset: string }[] = await db.query(
          `SELECT topic, partition, next_offset FROM consumer_position WHERE read_model = $1`,
          [READ_MODEL],
        );
        const at = new Map(rows.map((r) => [`${r.topic}:${r.partition}`, r.next_offset]));
        return [...ends].every(([key, high]) => at.get(key) === high);
      },
      { timeoutMs: 45_000, what: 'read models caught up with the log' },
    );
  } finally {
    await admin.disconnect();
  }
}
