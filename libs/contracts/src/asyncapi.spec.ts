import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { buildAsyncApiDocument, renderAsyncApiYaml } from './asyncapi.js';
import { EVENT_CATALOG, EVENT_TYPES } from './event-catalog.js';
import { CONSUMED_TOPICS, DLQ_REASON_CODES, DlqHeaders, Topics, dlqTopicOf } from './topics.js';

const addFormats = addFormatsModule.default;
const COMMITTED_YAML = fileURLToPath(new URL('../asyncapi.yaml', import.meta.url));
const REGENERATE =
  'WRITE_ASYNCAPI=1 NODE_OPTIONS=--experimental-vm-modules npx jest --selectProjects unit libs/contracts/src/asyncapi.spec.ts';

// The committed document is written from the code on request, never by hand.
if (process.env.WRITE_ASYNCAPI === '1') writeFileSync(COMMITTED_YAML, renderAsyncApiYaml());

type Doc = Record<string, any>;
const built = buildAsyncApiDocument() as Doc;

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function resolve(doc: Doc, pointer: string): any {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((node, key) => (node === undefined ? undefined : node[key]), doc);
}

function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => refsIn(item, found));
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsIn(value, found);
    }
  }
  return found;
}

describe('asyncapi.yaml', () => {
  it('is exactly what buildAsyncApiDocument() produces', () => {
    const committed = parse(readFileSync(COMMITTED_YAML, 'utf8'));
    if (!isDeepStrictEqual(committed, plain(built))) {
      throw new Error(`libs/contracts/asyncapi.yaml is out of date with the code. Regenerate it and commit the result:\n  ${REGENERATE}`);
    }
  });

  it('is rendered without YAML anchors, which AsyncAPI tools handle poorly', () => {
    expect(renderAsyncApiYaml()).not.toMatch(/^\s*[^#\n]*[&*][A-Za-z0-9]+\s*$/m);
  });
});

describe('buildAsyncApiDocument', () => {
  it('is an AsyncAPI 3.0 document', () => {
    expect(built.asyncapi).toBe('3.0.0');
    expect(built.info).toMatchObject({ title: expect.any(String), version: '1.0.0' });
  });

  it('resolves every $ref inside the document', () => {
    const unresolved = refsIn(built).filter((pointer) => !pointer.startsWith('#/') || resolve(built, pointer) === undefined);
    expect(unresolved).toEqual([]);
  });

  it('has a channel per topic and per dead-letter topic', () => {
    const addresses = Object.values(built.channels).map((channel: any) => channel.address);
    expect(addresses.sort()).toEqual([...Object.values(Topics), ...CONSUMED_TOPICS.map(dlqTopicOf)].sort());
  });

  it('publishes the exact JSON Schema of every event type', () => {
    for (const type of EVENT_TYPES) {
      const { contract, schema } = EVENT_CATALOG[type];
      expect(built.components.schemas[contract.name]).toBe(schema);
      expect(built.components.messages[contract.name]).toMatchObject({
        name: type,
        payload: { $ref: `#/components/schemas/${contract.name}` },
      });
    }
  });

  it('receives ERP input, sends invoice requests and internal events, sends dead letters', () => {
    const operations = Object.values(built.operations) as Doc[];
    const actionOn = (address: string) =>
      operations.filter((operation) => resolve(built, operation.channel.$ref).address === address).map((operation) => operation.action);
    for (const topic of [Topics.salesOrders, Topics.dispatches, Topics.inventory, Topics.accounting]) expect(actionOn(topic)).toEqual(['receive']);
    expect(actionOn(Topics.invoices)).toEqual(['send']);
    expect(actionOn(Topics.serviceProjects)).toEqual(['send']);
    for (const topic of CONSUMED_TOPICS) expect(actionOn(dlqTopicOf(topic))).toEqual(['send']);
  });

  it('lists, for each operation, messages of its own channel', () => {
    for (const operation of Object.values(built.operations) as Doc[]) {
      for (const message of operation.messages) expect(message.$ref.startsWith(`${operation.channel.$ref}/messages/`)).toBe(true);
    }
  });

  it('documents the dead-letter headers and codes', () => {
    const headers = built.components.schemas.DeadLetterHeaders;
    expect(headers.required).toEqual(Object.values(DlqHeaders));
    expect(headers.properties[DlqHeaders.reasonCode].enum).toEqual(DLQ_REASON_CODES);
  });

  it('has message examples valid against their own headers and payload schemas', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema(plain(built) as object, 'asyncapi');
    for (const type of EVENT_TYPES) {
      const name = EVENT_CATALOG[type].contract.name;
      const [example] = built.components.messages[name].examples;
      const headers = ajv.compile({ $ref: `asyncapi#/components/messages/${name}/headers` });
      const payload = ajv.compile({ $ref: `asyncapi#/components/messages/${name}/payload` });
      expect([type, headers(example.headers), headers.errors ?? null]).toEqual([type, true, null]);
      expect([type, payload(example.payload), payload.errors ?? null]).toEqual([type, true, null]);
      expect(headers({ ...example.headers, ce_type: 'erp.other.v1' })).toBe(false);
    }
  });
});
