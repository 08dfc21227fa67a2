import { Module } from '@nestjs/common';
import { AnalyticsEventConsumer } from './analytics-event-consumer.js';
import { IngestMetrics } from './ingest-metrics.js';
import { ReadModelsController } from './read-models.controller.js';
import { ReadModelsService } from './read-models.service.js';

@Module({ controllers: [ReadModelsController], providers: [AnalyticsEventConsumer, IngestMetrics, ReadModelsService], exports: [AnalyticsEventConsumer] })
export class IngestModule {}
