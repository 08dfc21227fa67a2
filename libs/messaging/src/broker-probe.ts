import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import type { HealthIndicator } from '#platform';
import { KAFKA } from './messaging.options.js';

const PROBE_TIMEOUT_MS = 3000;

/** Readiness: does the broker answer now? One long-lived admin client, asked for the cluster's brokers. */
@Injectable()
export class BrokerProbe implements HealthIndicator, OnApplicationShutdown {
  readonly name = 'broker';
  private admin?: Admin;

  constructor(@Inject(KAFKA) private readonly kafka: Kafka) {}

  async check(): Promise<{ up: boolean; detail?: unknown }> {
    this.admin ??= this.kafka.admin();
    let timer: NodeJS.Timeout | undefined;
    try {
      const cluster = await Promise.race([
        this.admin.connect().then(() => this.admin!.describeCluster()),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
        }),
      ]);
      return { up: true, detail: { brokers: cluster.brokers.length, controller: cluster.controller } };
    } catch (error) {
      // Start afresh next time: a half-open connection would keep failing.
      const admin = this.admin;
      this.admin = undefined;
      void admin?.disconnect().catch(() => undefined);
      return { up: false, detail: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }
}
