import { MachineDispatchedV1, SalesOrderCreatedV1, encodeStructured, exampleEvent, exampleMachineDispatched, exampleSalesOrderCreated } from '#contracts';
import { createKafka } from '#messaging';
import { Partitioners } from 'kafkajs';
import type { KafkaConnectionConfig } from '#platform';
import { info, warn } from './console.js';
import { getJson, poll } from './poll.js';
import { DEMO_TOKENS } from './demo-tokens.js';

interface ProjectSummary {
  id: string;
  status?: string;
  commitments?: { sku: string; status: string }[];
}

async function publish(kafka: KafkaConnectionConfig, topic: string, record: { key: string; value: Buffer; headers: Record<string, string> }) {
  const producer = createKafka(kafka).producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic, messages: [record] });
  } finally {
    await producer.disconnect();
  }
}

/** The project service-commitments made of the order, once it shows; `seen` keeps what it answered meanwhile. */
async function findProject(url: string, seen: { lastAnswer: string }): Promise<ProjectSummary | undefined> {
  const response = await getJson(url, 2000, DEMO_TOKENS.serviceManager);
  seen.lastAnswer = response ? `HTTP ${response.status}` : 'no answer';
  if (response?.status !== 200) return undefined;
  const body = response.body as { items?: ProjectSummary[] };
  return body.items?.[0];
}

/** e.g. "SVC-INSTALL 1 pending; SVC-SUPPORT-VISIT 2 pending". */
function commitmentsSummary(project: ProjectSummary): string {
  const bySku = new Map<string, Map<string, number>>();
  for (const { sku, status } of project.commitments ?? []) {
    const statuses = bySku.get(sku) ?? new Map<string, number>();
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    bySku.set(sku, statuses);
  }
  return [...bySku]
    .map(([sku, statuses]) => `${sku} ${[...statuses].map(([status, count]) => `${count} ${status}`).join(', ')}`)
    .join('; ');
}

/**
 * Sends the contract's example sales order as the ERP would (structured CloudEvent,
 * key = orderId) and waits for service-commitments to show its project. Sending it
 * again on the next start is harmless: identical data under a new event id is a no-op.
 */
export async function sendExampleOrder(options: { kafka: KafkaConnectionConfig; commitmentsUrl: string; timeoutMs: number }): Promise<void> {
  const { orderId } = exampleSalesOrderCreated;
  const event = exampleEvent(SalesOrderCreatedV1.type, exampleSalesOrderCreated);
  await publish(options.kafka, SalesOrderCreatedV1.topic, { key: orderId, ...encodeStructured(event) });
  info(`sent ${event.type} for order ${orderId} (event ${event.id}) to ${SalesOrderCreatedV1.topic}`);

  const url = `${options.commitmentsUrl}/projects?orderId=${encodeURIComponent(orderId)}`;
  const seen = { lastAnswer: 'no answer' };
  const project = await poll(() => findProject(url, seen), { timeoutMs: options.timeoutMs, intervalMs: 1000 });
  if (!project) {
    warn(`no project for order ${orderId} at ${url} after ${options.timeoutMs / 1000} s (last answer: ${seen.lastAnswer}); see the service-commitments log above.`);
    return;
  }
  info(`project ${project.id} (${project.status ?? 'status unknown'}) for order ${orderId}`);
  info(`${project.commitments?.length ?? 0} commitments: ${commitmentsSummary(project) || 'none'}`);
  info(`details: ${options.commitmentsUrl}/projects/${project.id}`);

  // The machine ships: installation becomes ready after delivery, warranty and the AMC are set up.
  const dispatch = exampleEvent(MachineDispatchedV1.type, exampleMachineDispatched);
  await publish(options.kafka, MachineDispatchedV1.topic, { key: orderId, ...encodeStructured(dispatch) });
  info(`sent ${dispatch.type} ${exampleMachineDispatched.dispatchId} (serial ${exampleMachineDispatched.lines[0].serialNumbers?.[0]}) to ${MachineDispatchedV1.topic}`);
  const ready = await poll(
    async () => {
      const current = await findProject(url, seen);
      return current?.commitments?.some((c) => c.sku === 'SVC-INSTALL' && ['ready', 'scheduled'].includes(c.status)) ? current : undefined;
    },
    { timeoutMs: options.timeoutMs, intervalMs: 1000 },
  );
  if (ready) info(`after dispatch: ${commitmentsSummary(ready)}`);
  else warn('installation did not become ready after the dispatch; see the service-commitments log above.');
  const scheduled = await poll(
    async () => {
      const current = await findProject(url, seen);
      return current?.commitments?.some((c) => c.sku === 'SVC-INSTALL' && c.status === 'scheduled') ? current : undefined;
    },
    { timeoutMs: options.timeoutMs, intervalMs: 1000 },
  );
  if (scheduled) info(`scheduling booked it: ${commitmentsSummary(scheduled)} (see http://127.0.0.1:3002/docs for the schedule)`);
  else warn('the installation was not booked; see the scheduling log above (GET /unassigned on scheduling lists the reasons).');
  info(`machine: ${options.commitmentsUrl}/equipment/${exampleMachineDispatched.lines[0].serialNumbers?.[0]}`);
}
