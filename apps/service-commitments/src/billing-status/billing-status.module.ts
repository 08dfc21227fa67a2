import { Module } from '@nestjs/common';
import { BillingStatusConsumer } from './billing-status.consumer.js';

/** Each commitment's billing state, as billing reports it. */
@Module({ controllers: [BillingStatusConsumer] })
export class BillingStatusModule {}
