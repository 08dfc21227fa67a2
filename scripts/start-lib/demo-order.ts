import * as contracts from '#contracts';
import { createKafka } from '#messaging';
import type { KafkaConnectionConfig } from '#platform';
import { info, warn } from './console.js';
import { getJson, poll } from './poll.js';

/**
 * The contract's fixtures this step needs. They are looked up by name so that a
 * renamed fixture costs a warning, not a failed start.
 */
const FIXTURE_NAMES = ['exampleSalesOrderCreated', 'exampleEvent', 'encodeStructured'] as const;
const CREATED_TYPE = 'erp.sales-order.created.v1';

interface SalesOrderData {
  orderId: string;
  [field: string]: unknown;
}
interface Fixtures {
  exampleSalesOrderCreated: SalesOrderData;
  exampleEvent: (type: string, data: unknown) => Record<string, unknown>;
  encodeStructured: (event: Record<string, unknown>) => unknown;
}
interface ProjectSummary {
  id: string;
  status?: string;
  commitments?: { sku: string; status: string }[];
}

function contractFixtures(): Fixtures | undefined {
  const exported = contracts as unknown as Record<string, unknown>;
  const missing = FIXTURE_NAMES.filter((name) => exported[name] === undefined);
  if (missing.length === 0) return exported as unknown as Fixtures;
  const examples = Object.keys(exported).filter((name) => /example|encode/i.test(name));
  warn(`#contracts does not export ${missing.join(', ')} (it has: ${examples.join(', ') || 'no example fixtures'}); skipping the example order.`);
  return undefined;
}

/** encodeStructured may give the record value itself or a { value, headers } record. */
function toRecord(encoded: unknown, key: string): { key: string; value: Buffer | string; headers?: Record<string, string> } {
  if (typeof encoded === 'string' || Buffer.isBuffer(encoded)) return { key, value: encoded };
  if (encoded instanceof Uint8Array) return { key, value: Buffer.from(encoded) };
  const record = encoded as { value: Buffer | string; headers?: Record<string, string> };
  return { key, value: record.value, headers: record.headers };
}

async function publish(kafka: KafkaConnectionConfig, topic: string, record: ReturnType<typeof toRecord>): Promise<void> {
  const producer = createKafka(kafka).producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: [record] });
  } finally {
    await producer.disconnect();
  }
}

async function findProject(commitmentsUrl: string, orderId: string): Promise<ProjectSummary | undefined> {
  const response = await getJson(`${commitmentsUrl}/projects?orderId=${encodeURIComponent(orderId)}`);
  if (response?.status !== 200) return undefined;
  const body = response.body as { items?: ProjectSummary[] } | ProjectSummary[];
  const items = Array.isArray(body) ? body : (body.items ?? []);
  return items[0];
}

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
  const fixtures = contractFixtures();
  if (!fixtures) return;
  const data = fixtures.exampleSalesOrderCreated;
  const event = fixtures.exampleEvent(CREATED_TYPE, data);
  await publish(options.kafka, contracts.Topics.salesOrders, toRecord(fixtures.encodeStructured(event), data.orderId));
  info(`sent ${CREATED_TYPE} for order ${data.orderId} (event ${String(event.id)}) to ${contracts.Topics.salesOrders}`);

  const project = await poll(() => findProject(options.commitmentsUrl, data.orderId), { timeoutMs: options.timeoutMs });
  if (!project) {
    warn(`no project for order ${data.orderId} at ${options.commitmentsUrl}/projects?orderId=${data.orderId} after ${options.timeoutMs / 1000} s; see the service-commitments log above.`);
    return;
  }
  info(`project ${project.id} (${project.status ?? 'status unknown'}) for order ${data.orderId}`);
  info(`${project.commitments?.length ?? 0} commitments: ${commitmentsSummary(project) || 'none'}`);
  info(`details: ${options.commitmentsUrl}/projects/${project.id}`);
}
