import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { HEALTH_INDICATORS, READINESS_INDICATORS, SERVICE_CONFIG, type HealthIndicator, type ServiceConfig } from '#platform';
import { BrokerProbe } from './broker-probe.js';
import { DeadLetters } from './dead-letters.js';
import { DeadLettersController, HeldEventsController } from './dead-letters.controller.js';
import { HeldEvents } from './held-events.js';
import { MessagingHousekeeping } from './housekeeping.js';
import { createKafka } from './kafka-client.js';
import { KafkaEventTransport } from './kafka-event-transport.js';
import { MessagingMetrics } from './messaging-metrics.js';
import { KAFKA, MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';
import { Outbox } from './outbox.js';
import { OutboxRelay } from './outbox-relay.js';
import { ParkingLot } from './parking-lot.js';
import { TopicNames } from './topic-names.js';

/** Outbox, relay, inbox-backed consumer, parking and dead letters for one service. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: KAFKA, inject: [SERVICE_CONFIG], useFactory: (config: ServiceConfig): Kafka => createKafka(config.kafka) },
        TopicNames,
        Outbox,
        OutboxRelay,
        MessagingHousekeeping,
        ParkingLot,
        DeadLetters,
        HeldEvents,
        KafkaEventTransport,
        MessagingMetrics,
        BrokerProbe,
        { provide: READINESS_INDICATORS, inject: [BrokerProbe], useFactory: (probe: BrokerProbe): HealthIndicator[] => [probe] },
        {
          provide: HEALTH_INDICATORS,
          inject: [KafkaEventTransport, OutboxRelay],
          useFactory: (transport: KafkaEventTransport, relay: OutboxRelay): HealthIndicator[] => [
            {
              name: 'kafka',
              check: async () => ({
                up: options.consumes.length === 0 || transport.isConnected,
                detail: { consuming: options.consumes, outboxRelayActive: relay.isActive, published: relay.publishedCount },
              }),
            },
          ],
        },
      ],
      controllers: [DeadLettersController, HeldEventsController],
      exports: [KAFKA, TopicNames, Outbox, OutboxRelay, MessagingHousekeeping, ParkingLot, DeadLetters, HeldEvents, KafkaEventTransport, MessagingMetrics, HEALTH_INDICATORS, READINESS_INDICATORS],
    };
  }
}
