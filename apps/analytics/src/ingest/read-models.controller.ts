import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ApiAuth, Roles } from '#auth';
import { READ_MODEL } from './projector.js';

/** How far the read models are: per topic partition, the next offset to apply; and what could not be read. */
@ApiTags('read models')
@ApiAuth()
@Controller('read-models')
export class ReadModelsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('positions')
  @Roles('analyst', 'admin')
  @ApiOperation({ summary: 'Per topic partition, the offset of the next record the read models will apply' })
  async positions() {
    const rows: { topic: string; partition: number; next_offset: string; updated_at: Date }[] = await this.dataSource.query(
      `SELECT topic, partition, next_offset, updated_at FROM consumer_position WHERE read_model = $1 ORDER BY topic, partition`,
      [READ_MODEL],
    );
    return rows.map((r) => ({ topic: r.topic, partition: r.partition, nextOffset: r.next_offset, updatedAt: r.updated_at }));
  }

  @Get('rejected-events')
  @Roles('analyst', 'admin')
  @ApiOperation({ summary: 'Records analytics could not read (bad JSON, envelope or schema, or failing to apply), with the reason' })
  async rejected() {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT id, topic, partition, record_offset, reason_code, reason, rejected_at FROM rejected_event ORDER BY id DESC LIMIT 500`,
    );
    return rows.map((r) => ({
      id: String(r.id),
      topic: r.topic,
      partition: r.partition,
      offset: String(r.record_offset),
      reasonCode: r.reason_code,
      reason: r.reason,
      rejectedAt: r.rejected_at,
    }));
  }
}
