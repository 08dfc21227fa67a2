import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { REJECTED_EVENTS_PAGE, type PositionView, type RejectedEventsQuery, type RejectedEventView } from './dto/read-models.dto.js';
import { READ_MODEL } from './projector.js';

/** How far the read models are, and what they could not read. */
@Injectable()
export class ReadModelsService {
  constructor(private readonly dataSource: DataSource) {}

  async positions(): Promise<PositionView[]> {
    const rows: { topic: string; partition: number; next_offset: string; updated_at: Date }[] = await this.dataSource.query(
      `SELECT topic, partition, next_offset, updated_at FROM consumer_position WHERE read_model = $1 ORDER BY topic, partition`,
      [READ_MODEL],
    );
    return rows.map((r) => ({ topic: r.topic, partition: r.partition, nextOffset: r.next_offset, updatedAt: r.updated_at }));
  }

  /** A page of the rejected records, newest first (by id: records rejected in one batch share their instant). */
  async rejectedEvents(query: RejectedEventsQuery): Promise<RejectedEventView[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.topic !== undefined) where.push(`topic = $${params.push(query.topic)}`);
    if (query.reasonCode !== undefined) where.push(`reason_code = $${params.push(query.reasonCode)}`);
    const limit = `$${params.push(query.limit ?? REJECTED_EVENTS_PAGE)}`;
    const offset = `$${params.push(query.offset ?? 0)}`;
    const rows: { id: string; topic: string; partition: number; record_offset: string; reason_code: string; reason: string; rejected_at: Date }[] =
      await this.dataSource.query(
        `SELECT id, topic, partition, record_offset, reason_code, reason, rejected_at FROM rejected_event
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`,
        params,
      );
    return rows.map(toRejectedEventView);
  }
}

function toRejectedEventView(r: { id: string; topic: string; partition: number; record_offset: string; reason_code: string; reason: string; rejected_at: Date }): RejectedEventView {
  return {
    id: String(r.id),
    topic: r.topic,
    partition: r.partition,
    offset: String(r.record_offset),
    reasonCode: r.reason_code,
    reason: r.reason,
    rejectedAt: r.rejected_at,
  };
}
