import { Module } from '@nestjs/common';
import { AnalyticsEventConsumer } from './analytics-event-consumer.js';
import { ReadModelsController } from './read-models.controller.js';

@Module({ controllers: [ReadModelsController], providers: [AnalyticsEventConsumer], exports: [AnalyticsEventConsumer] })
export class IngestModule {}
