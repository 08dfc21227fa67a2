import { stringify } from 'yaml';
import { INSTANT_PATTERN } from './dates.js';
import { CLOUDEVENTS_JSON, JSON_CONTENT_TYPE } from './envelope.js';
import { EVENT_CATALOG, EVENT_TYPES, eventTypesOn, type EventContract, type EventDirection, type EventType } from './event-catalog.js';
import { EXAMPLE_DATA } from './fixtures.js';
import type { JsonSchema } from './schemas/schema-parts.js';
import {
  CONSUMED_TOPICS,
  DLQ_REASON_CODES,
  DlqHeaders,
  ERP_INPUT_TOPICS,
  INTERNAL_TOPICS,
  Topics,
  dlqTopicOf,
  type Topic,
} from './topics.js';

/**
 * The AsyncAPI 3.0 document of ServiceLoop's topics, built from the code that
 * enforces the contract (topics, catalog, JSON Schemas, fixtures) so the
 * published document cannot drift from what the services accept. The committed
 * libs/contracts/asyncapi.yaml is this document; asyncapi.spec.ts fails when the
 * two differ.
 */

export type AsyncApiDocument = Record<string, unknown>;

const KAFKA_BINDING_VERSION = '0.5.0';

const TOPIC_DESCRIPTIONS: Readonly<Record<Topic, string>> = {
  [Topics.salesOrders]: 'Sales orders from the ERP: created, changed (whole order with a revision), cancelled.',
  [Topics.dispatches]: 'Machine dispatches from the ERP, possibly several per order.',
  [Topics.inventory]: 'Spare parts the ERP issued for ServiceLoop visits, tasks or projects.',
  [Topics.accounting]: 'What ERP accounting did with ServiceLoop invoice requests: posted, rejected, cancelled.',
  [Topics.invoices]:
    'Invoice requests for service lines. Each request is written once to an outbox; re-emissions carry the same CloudEvent id and invoiceRequestId.',
  [Topics.serviceProjects]:
    "Internal: service-commitments' service projects, commitments, tasks, installed equipment, warranty and AMC coverage, service requests and escalations, " +
    'consumed by scheduling, billing, field execution and analytics. Keyed by project id; work on a machine without a project by its serial number.',
  [Topics.schedules]:
    "Internal: scheduling's booked visits (scheduled, rescheduled, cancelled), consumed by field execution and analytics. Keyed by task id; " +
    'every event carries the whole booking, identified by a bookingId that stays the same when the visit moves or is confirmed.',
  [Topics.fieldWork]:
    "Internal: field-execution's work on site (visits started and completed, time and expenses approved, parts consumed), " +
    'consumed by service-commitments (task progress), billing and analytics. Keyed by task id; parts without a task by project, order or issue id.',
  [Topics.billing]:
    "Internal: billing's ledger lines as they are made and change state (ready, requested, invoiced, review, written off, non-billable), " +
    "and ERP accounting's answers to invoice requests as billing accepted them (never those it dead-letters), " +
    'consumed by analytics (unbilled revenue, profitability, invoicing) and service-commitments. Keyed by project id; work without a project by customer id.',
};

const ENVELOPE_NOTE =
  'Every record is a CloudEvents 1.0 event. Binary mode: the `ce_*` headers shown here carry the attributes and the value is the JSON `data` (this payload). ' +
  `Structured mode: the value is the whole event as JSON (\`content-type: ${CLOUDEVENTS_JSON}\`, or absent) with this payload as \`data\`. ` +
  'ServiceLoop accepts both and emits structured mode.';

/** 'erp.sales-orders' → 'erpSalesOrders': ids for channels and operations. */
function idOf(topic: string): string {
  return topic.replace(/[.-]+([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function ref(pointer: string): { $ref: string } {
  return { $ref: pointer };
}

/** Component name of an event type: its contract class, e.g. `SalesOrderCreatedV1`. */
function componentOf(type: EventType): string {
  return EVENT_CATALOG[type].contract.name;
}

function cloudEventBinaryHeaders(): JsonSchema {
  return {
    type: 'object',
    description:
      'CloudEvents attributes in binary content mode (Kafka protocol binding): a record with ce_specversion must carry the other required attributes. ' +
      'A structured-mode record has none of them. Other `ce_*` headers are extension attributes; header names are matched case-insensitively.',
    if: { type: 'object', required: ['ce_specversion'] },
    then: { type: 'object', required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type'] },
    properties: {
      ce_specversion: { type: 'string', const: '1.0' },
      ce_id: { type: 'string', minLength: 1, description: 'Unique per source; (source, id) is the de-duplication key.' },
      ce_source: { type: 'string', minLength: 1, format: 'uri-reference', description: 'URI-reference of the emitting system, e.g. erp://plant-01.' },
      ce_type: { type: 'string', minLength: 1, description: 'Event type, version suffix included.' },
      ce_time: { type: 'string', format: 'date-time', pattern: INSTANT_PATTERN },
      ce_subject: {
        type: 'string',
        minLength: 1,
        description:
          'The order id (accounting events and invoice requests: the invoice request id; task events without an order: the service request id; ' +
          'coverage: the serial number; service requests: the request id; escalations: the escalated request or task id; visits: the booking id).',
      },
      ce_dataschema: { type: 'string', minLength: 1 },
      'content-type': {
        type: 'string',
        const: JSON_CONTENT_TYPE,
        description: 'The datacontenttype attribute; absent means application/json.',
      },
    },
    additionalProperties: true,
  };
}

function cloudEventStructured(): JsonSchema {
  return {
    type: 'object',
    description: `A CloudEvent in structured content mode: the whole record value, \`content-type: ${CLOUDEVENTS_JSON}\`.`,
    required: ['specversion', 'id', 'source', 'type', 'data'],
    properties: {
      specversion: { type: 'string', const: '1.0' },
      id: { type: 'string', minLength: 1 },
      source: { type: 'string', minLength: 1, format: 'uri-reference' },
      type: { type: 'string', minLength: 1 },
      time: { type: 'string', format: 'date-time', pattern: INSTANT_PATTERN },
      subject: { type: 'string', minLength: 1 },
      datacontenttype: { type: 'string', const: JSON_CONTENT_TYPE },
      dataschema: { type: 'string', minLength: 1 },
      data: { type: 'object', description: 'The event payload: the schema of the event type.' },
    },
    additionalProperties: true,
  };
}

function deadLetterHeaders(): JsonSchema {
  return {
    type: 'object',
    description:
      "The original record's headers, unchanged, plus these. A dead letter can be listed and replayed to its original topic.",
    required: Object.values(DlqHeaders),
    properties: {
      [DlqHeaders.reasonCode]: { type: 'string', enum: [...DLQ_REASON_CODES] },
      [DlqHeaders.reason]: { type: 'string', description: 'Human-readable reason, e.g. the property paths that broke the schema.' },
      [DlqHeaders.originalTopic]: { type: 'string', minLength: 1 },
      [DlqHeaders.originalPartition]: { type: 'string', pattern: '^[0-9]+$' },
      [DlqHeaders.originalOffset]: { type: 'string', pattern: '^[0-9]+$' },
      [DlqHeaders.failedAt]: { type: 'string', format: 'date-time', pattern: INSTANT_PATTERN },
    },
    additionalProperties: true,
  };
}

const EXAMPLE_TIME = '2026-11-20T09:00:00Z';

/** Who emits each direction's events in the examples: an ERP plant, billing, service-commitments. */
const EXAMPLE_SOURCES: Readonly<Record<EventDirection, string>> = {
  'erp-in': 'erp://plant-01',
  'psa-out': 'serviceloop://billing',
  internal: 'serviceloop://service-commitments',
};

/** Internal topics written by another service than service-commitments. */
const EXAMPLE_SOURCE_OF_TOPIC: Partial<Record<Topic, string>> = {
  [Topics.schedules]: 'serviceloop://scheduling',
  [Topics.fieldWork]: 'serviceloop://field-execution',
  [Topics.billing]: 'serviceloop://billing',
};

function exampleHeaders(entry: EventContract, data: object): Record<string, string> {
  const subject = entry.subjectOf(data);
  return {
    ce_specversion: '1.0',
    ce_id: '7d9f2c1e-5b3a-4e8f-9c6d-1a2b3c4d5e6f',
    ce_source: EXAMPLE_SOURCE_OF_TOPIC[entry.topic] ?? EXAMPLE_SOURCES[entry.direction],
    ce_type: entry.type,
    ce_time: EXAMPLE_TIME,
    ...(subject === undefined ? {} : { ce_subject: subject }),
    'content-type': JSON_CONTENT_TYPE,
  };
}

function message(type: EventType): Record<string, unknown> {
  const entry = EVENT_CATALOG[type] as EventContract;
  const data = EXAMPLE_DATA[type];
  return {
    name: type,
    title: componentOf(type),
    summary: entry.summary,
    description: `${ENVELOPE_NOTE} Record key: ${entry.recordKey}.`,
    contentType: JSON_CONTENT_TYPE,
    tags: [{ name: entry.direction }],
    headers: {
      allOf: [
        ref('#/components/schemas/CloudEventBinaryHeaders'),
        { type: 'object', properties: { ce_type: { type: 'string', const: type } } },
      ],
    },
    payload: ref(`#/components/schemas/${componentOf(type)}`),
    bindings: {
      kafka: {
        key: { type: 'string', description: `The ${entry.recordKey}.` },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    examples: [{ name: 'example', headers: exampleHeaders(entry, data), payload: data }],
  };
}

function deadLetterMessage(): Record<string, unknown> {
  return {
    name: 'dead-letter',
    title: 'DeadLetter',
    summary: 'A record ServiceLoop could not apply, with its original bytes, headers and key.',
    description:
      'Bad input never stops a partition: a record that is not JSON, not a valid CloudEvent, fails its schema, has an unknown erp.* type, ' +
      `or fails permanently while being applied goes to \`<topic>.dlq\`. Codes: ${DLQ_REASON_CODES.join(', ')}. ` +
      'Infrastructure faults (database or broker down) are retried, never dead-lettered.',
    headers: ref('#/components/schemas/DeadLetterHeaders'),
    payload: { description: 'The original record value, byte for byte (it may be empty or not JSON).' },
    bindings: {
      kafka: { key: { type: 'string', description: 'The original record key.' }, bindingVersion: KAFKA_BINDING_VERSION },
    },
  };
}

function channel(topic: Topic): Record<string, unknown> {
  return {
    address: topic,
    title: topic,
    description: TOPIC_DESCRIPTIONS[topic],
    messages: Object.fromEntries(
      eventTypesOn(topic).map((type) => [componentOf(type), ref(`#/components/messages/${componentOf(type)}`)]),
    ),
    bindings: { kafka: { topic, bindingVersion: KAFKA_BINDING_VERSION } },
  };
}

function deadLetterChannel(topic: Topic): Record<string, unknown> {
  const address = dlqTopicOf(topic);
  return {
    address,
    title: address,
    description: `Dead letters of ${topic}.`,
    messages: { DeadLetter: ref('#/components/messages/DeadLetter') },
    bindings: { kafka: { topic: address, bindingVersion: KAFKA_BINDING_VERSION } },
  };
}

function channelMessageRefs(topic: Topic): { $ref: string }[] {
  return eventTypesOn(topic).map((type) => ref(`#/channels/${idOf(topic)}/messages/${componentOf(type)}`));
}

function operations(): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const topic of ERP_INPUT_TOPICS) {
    result[`receive${capitalized(idOf(topic))}`] = {
      action: 'receive',
      channel: ref(`#/channels/${idOf(topic)}`),
      summary: `ServiceLoop consumes ${topic}.`,
      messages: channelMessageRefs(topic),
    };
  }
  const sent: Topic[] = [Topics.invoices, ...INTERNAL_TOPICS];
  for (const topic of sent) {
    result[`send${capitalized(idOf(topic))}`] = {
      action: 'send',
      channel: ref(`#/channels/${idOf(topic)}`),
      summary: `ServiceLoop publishes ${topic} (structured mode, through its outbox).`,
      messages: channelMessageRefs(topic),
    };
  }
  for (const topic of CONSUMED_TOPICS) {
    const id = idOf(dlqTopicOf(topic));
    result[`send${capitalized(id)}`] = {
      action: 'send',
      channel: ref(`#/channels/${id}`),
      summary: `ServiceLoop dead-letters records of ${topic} it cannot apply.`,
      messages: [ref(`#/channels/${id}/messages/DeadLetter`)],
    };
  }
  return result;
}

function capitalized(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

export function buildAsyncApiDocument(): AsyncApiDocument {
  const topics = Object.values(Topics);
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'ServiceLoop events',
      version: '1.0.0',
      description: [
        'The ERP integration contract, version 1, and the topics between ServiceLoop services.',
        '',
        'Envelope: CloudEvents 1.0 on Kafka, binary or structured content mode on input; ServiceLoop emits structured mode. ' +
          'Producers may compress with gzip, snappy, lz4 or zstd.',
        'Money is a decimal string, never a JSON number. Amounts (line amounts, totals) have exactly the ISO 4217 minor units ' +
          'of their currency (INR, EUR, USD 2; JPY 0; KWD, OMR 3); unit prices and unit costs carry up to 4 decimals. ' +
          "A line amount is quantity × unit price rounded half-up to the currency's minor units; a total is the sum of its line amounts.",
        'Dates are YYYY-MM-DD; instants are RFC 3339. Schemas accept unknown fields: the contract only grows by optional fields or new .v2 types.',
      ].join('\n'),
    },
    defaultContentType: JSON_CONTENT_TYPE,
    channels: Object.fromEntries([
      ...topics.map((topic) => [idOf(topic), channel(topic)]),
      ...CONSUMED_TOPICS.map((topic) => [idOf(dlqTopicOf(topic)), deadLetterChannel(topic)]),
    ]),
    operations: operations(),
    components: {
      schemas: {
        ...Object.fromEntries(EVENT_TYPES.map((type) => [componentOf(type), EVENT_CATALOG[type].schema])),
        CloudEventBinaryHeaders: cloudEventBinaryHeaders(),
        CloudEventStructured: cloudEventStructured(),
        DeadLetterHeaders: deadLetterHeaders(),
      },
      messages: {
        ...Object.fromEntries(EVENT_TYPES.map((type) => [componentOf(type), message(type)])),
        DeadLetter: deadLetterMessage(),
      },
    },
  };
}

const YAML_HEADER = [
  '# Generated from libs/contracts/src (buildAsyncApiDocument). Do not edit by hand:',
  '# WRITE_ASYNCAPI=1 NODE_OPTIONS=--experimental-vm-modules npx jest --selectProjects unit libs/contracts/src/asyncapi.spec.ts',
  '',
].join('\n');

/** The document as committed in libs/contracts/asyncapi.yaml. */
export function renderAsyncApiYaml(document: AsyncApiDocument = buildAsyncApiDocument()): string {
  // Shared schema parts would otherwise become YAML anchors, which many AsyncAPI tools reject.
  return YAML_HEADER + stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 });
}
