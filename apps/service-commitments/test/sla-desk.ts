import { devAuthConfig } from '#auth';
import { Topics } from '#contracts';
import { KafkaEventTransport } from '#messaging';
import { Clock, type FixedClock } from '#platform';
import { apiAs, eventually, startTestApp, testServiceConfig, TestKafka, type TestApp } from '#testing';
import type { NotificationChannel } from '../src/escalations/domain/escalation-routing.js';
import { ESCALATION_CONFIG, type EscalationConfig } from '../src/escalations/escalation.config.js';
import { SERVICE_COMMITMENTS_DEFAULTS, ServiceCommitmentsModule } from '../src/service-commitments.module.js';
import type { EscalationLevel } from '../src/sla/domain/escalation.js';
import { dispatchEvent, orderEvent, structuredRecord } from './factories.js';

/** The example order and its machine (site Pune, Asia/Kolkata, 8x5 09:00–17:00 IST). */
export const ORDER = 'SO-2026-0142';
export const SERIAL = 'INJ250-0009';

/**
 * service-commitments under the test's clock, its SLA monitor run only when the test
 * asks (POST /sla/evaluate), escalating to the Pune desk by `channels`; the example
 * order dispatched and its machine registered.
 */
export async function startWithPuneMachine(clock: FixedClock, channels: Record<EscalationLevel, NotificationChannel>, webhookUrl: string | null, overdueBatchSize?: number) {
  const escalationConfig: EscalationConfig = {
    evaluationIntervalMs: 0,
    recipients: { serviceDesk: 'desk@pune.example', serviceManager: 'sm@pune.example', headOfService: 'hos@pune.example' },
    channels,
    webhookUrl,
    overdueBatchSize,
  };
  const config = testServiceConfig(SERVICE_COMMITMENTS_DEFAULTS);
  const service: TestApp = await startTestApp(ServiceCommitmentsModule.forRoot(config, devAuthConfig()), config, {
    transport: (app) => app.get(KafkaEventTransport),
    overrides: [
      [Clock, clock],
      [ESCALATION_CONFIG, escalationConfig],
    ],
  });
  const kafka = new TestKafka(config.topicPrefix);
  const desk = apiAs(service.app, ['service_manager'], { subject: 'u-asha', name: 'Asha (service desk)' });
  await kafka.produce(Topics.salesOrders, [structuredRecord(orderEvent(ORDER))]);
  await kafka.produce(Topics.dispatches, [structuredRecord(dispatchEvent(ORDER))]);
  await eventually(async () => (await desk.get(`/equipment/${SERIAL}`)).status === 200, { what: `machine ${SERIAL} registered` });
  return { service, kafka, desk, escalationConfig };
}

/** Every level only recorded: for tests of what the monitor raises, not of how people are told. */
export const RECORDED_ONLY: Record<EscalationLevel, NotificationChannel> = { owner: 'record', service_manager: 'record', head_of_service: 'record' };

/** One run of the SLA monitor with the clock at `iso`, asked for by the desk; it must evaluate every subject it reads. */
export async function evaluateAt<T extends { errors: unknown[] }>(desk: ReturnType<typeof apiAs>, clock: FixedClock, iso: string): Promise<T> {
  clock.set(iso);
  const report: T = (await desk.post('/sla/evaluate').expect(200)).body;
  expect(report.errors).toEqual([]);
  return report;
}
