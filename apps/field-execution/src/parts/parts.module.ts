import { Module } from '@nestjs/common';
import { PartsConsumer } from './parts.consumer.js';
import { PartsService } from './parts.service.js';

/** Spare parts the ERP issued for visits, tasks and projects. */
@Module({ controllers: [PartsConsumer], providers: [PartsService] })
export class PartsModule {}
