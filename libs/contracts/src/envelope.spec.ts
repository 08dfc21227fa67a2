import { decodeKafkaRecord, encodeBinary, encodeStructured, type CloudEvent, type KafkaHeaders } from './envelope.js';
import { exampleSalesOrderCancelled } from './fixtures.js';

const event: CloudEvent = {
  specversion: '1.0',
  id: '5b0d1f2e-8c1a-4a57-9b61-3c2d7e9f0a11',
  source: 'erp://plant-01',
  type: 'erp.sales-order.cancelled.v1',
  time: '2026-11-21T10:00:00Z',
  subject: 'SO-2026-0142',
  datacontenttype: 'application/json',
  data: structuredClone(exampleSalesOrderCancelled),
};

function structuredValue(candidate: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify(candidate));
}

function reasonOf(value: Buffer | null, headers?: KafkaHeaders): { code: string; reason: string } {
  const result = decodeKafkaRecord(value, headers);
  if (result.ok) throw new Error('expected the record to be refused');
  return { code: result.code, reason: result.reason };
}

describe('decodeKafkaRecord, structured mode', () => {
  it('reads the whole event from the value', () => {
    const { value, headers } = encodeStructured(event);
    expect(headers).toEqual({ 'content-type': 'application/cloudevents+json' });
    expect(decodeKafkaRecord(value, headers)).toEqual({ ok: true, event, mode: 'structured' });
  });

  it('needs no content-type header, and tolerates a plain application/json one', () => {
    expect(decodeKafkaRecord(structuredValue(event), undefined)).toMatchObject({ ok: true, mode: 'structured' });
    expect(decodeKafkaRecord(structuredValue(event), { 'content-type': 'application/json' })).toMatchObject({ ok: true });
    expect(decodeKafkaRecord(structuredValue(event), { 'Content-Type': Buffer.from('application/cloudevents+json; charset=utf-8') })).toMatchObject({
      ok: true,
    });
  });

  it('keeps extension attributes', () => {
    const result = decodeKafkaRecord(structuredValue({ ...event, correlationid: 'c-42' }), undefined);
    expect(result.ok && result.event.correlationid).toBe('c-42');
  });

  it('treats null optional attributes as absent', () => {
    const result = decodeKafkaRecord(structuredValue({ ...event, subject: null, time: null }), undefined);
    expect(result.ok).toBe(true);
    expect(result.ok && 'subject' in result.event).toBe(false);
  });

  it('ignores other headers, even binary ones', () => {
    const headers = { traceparent: Buffer.from([0xff, 0xfe, 0x00]), 'x-producer': 'sap-connector' };
    expect(decodeKafkaRecord(structuredValue(event), headers)).toMatchObject({ ok: true });
  });
});

describe('decodeKafkaRecord, binary mode', () => {
  it('reads attributes from ce_* headers and data from the value', () => {
    const { value, headers } = encodeBinary(event);
    expect(headers).toMatchObject({ ce_specversion: '1.0', ce_type: event.type, 'content-type': 'application/json' });
    expect(JSON.parse(value.toString())).toEqual(event.data);
    expect(decodeKafkaRecord(value, headers)).toEqual({ ok: true, event, mode: 'binary' });
  });

  it('accepts header values as Buffers (as kafkajs delivers them) and in any case', () => {
    const { value, headers } = encodeBinary(event);
    const asBuffers = Object.fromEntries(
      Object.entries(headers).map(([name, text]) => [name.replace(/^ce_/, 'CE_'), Buffer.from(text)]),
    );
    expect(decodeKafkaRecord(value, asBuffers)).toEqual({ ok: true, event, mode: 'binary' });
  });

  it('accepts a repeated header that agrees with itself and refuses one that does not', () => {
    const { value, headers } = encodeBinary(event);
    expect(decodeKafkaRecord(value, { ...headers, ce_type: [event.type, Buffer.from(event.type)] })).toMatchObject({ ok: true });
    expect(reasonOf(value, { ...headers, ce_type: [event.type, 'erp.other.v1'] })).toEqual({
      code: 'INVALID_ENVELOPE',
      reason: 'header ce_type appears 2 times with different values',
    });
  });

  it('carries extension attributes in ce_* headers', () => {
    const { value, headers } = encodeBinary({ ...event, correlationid: 'c-42' });
    expect(headers.ce_correlationid).toBe('c-42');
    const result = decodeKafkaRecord(value, headers);
    expect(result.ok && result.event.correlationid).toBe('c-42');
  });

  it('refuses data that is not JSON', () => {
    const { headers } = encodeBinary(event);
    expect(reasonOf(Buffer.from('orderId=SO-1'), headers)).toMatchObject({ code: 'INVALID_JSON' });
  });

  it('refuses a missing required attribute', () => {
    const { value, headers } = encodeBinary(event);
    delete headers.ce_source;
    expect(reasonOf(value, headers)).toEqual({ code: 'INVALID_ENVELOPE', reason: 'source is missing' });
  });

  it('refuses a content-type other than JSON', () => {
    const { value, headers } = encodeBinary(event);
    expect(reasonOf(value, { ...headers, 'content-type': 'application/xml' })).toEqual({
      code: 'INVALID_ENVELOPE',
      reason: 'datacontenttype must be application/json, got "application/xml"',
    });
  });
});

describe('decodeKafkaRecord refuses what is not a CloudEvent', () => {
  it.each([
    ['garbage bytes', Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01])],
    ['truncated JSON', Buffer.from('{"specversion":"1.0","id":')],
    ['text', Buffer.from('hello')],
  ])('%s → INVALID_JSON', (_, value) => {
    expect(reasonOf(value).code).toBe('INVALID_JSON');
  });

  it.each([null, Buffer.alloc(0)])('an empty value (%j) → INVALID_JSON', (value) => {
    expect(reasonOf(value)).toEqual({ code: 'INVALID_JSON', reason: 'record value is empty' });
  });

  it('JSON without specversion → INVALID_ENVELOPE', () => {
    const { specversion: _, ...withoutVersion } = event;
    expect(reasonOf(structuredValue(withoutVersion))).toEqual({ code: 'INVALID_ENVELOPE', reason: 'specversion is missing' });
  });

  it('bare data labelled application/json → INVALID_ENVELOPE saying both modes were tried', () => {
    expect(reasonOf(structuredValue(event.data as Record<string, unknown>), { 'content-type': 'application/json' })).toEqual({
      code: 'INVALID_ENVELOPE',
      reason: 'no ce_specversion header (binary mode) and no specversion in the application/json value (structured mode)',
    });
  });

  it.each([
    [{ specversion: '0.3' }, 'specversion must be "1.0", got "0.3"'],
    [{ specversion: 1 }, 'specversion must be "1.0", got number 1'],
    [{ id: '' }, 'id must be a non-empty string, got ""'],
    [{ source: 42 }, 'source must be a non-empty string, got number 42'],
    [{ source: 'erp plant 01' }, 'source must be a URI-reference (RFC 3986) such as "erp://plant-01", got "erp plant 01"'],
    [{ source: '1erp://plant-01' }, 'source must be a URI-reference (RFC 3986) such as "erp://plant-01", got "1erp://plant-01"'],
    [{ source: 'erp://plant-%zz' }, 'source must be a URI-reference (RFC 3986) such as "erp://plant-01", got "erp://plant-%zz"'],
    [{ type: undefined }, 'type is missing'],
    [{ time: '21/11/2026 10:00' }, 'time must be an RFC 3339 timestamp with offset, got "21/11/2026 10:00"'],
    [{ datacontenttype: 'text/plain' }, 'datacontenttype must be application/json, got "text/plain"'],
    [{ data: undefined }, 'data is missing'],
    [{ data: undefined, data_base64: 'e30=' }, 'data_base64 is not supported: data must be JSON'],
    [{ data: ['SO-1'] }, 'data must be a JSON object, got an array'],
    [{ data: 'SO-1' }, 'data must be a JSON object, got "SO-1"'],
  ])('%j → INVALID_ENVELOPE', (change, reason) => {
    expect(reasonOf(structuredValue({ ...event, ...change }))).toEqual({ code: 'INVALID_ENVELOPE', reason });
  });

  it('a JSON value that is not an object → INVALID_ENVELOPE', () => {
    expect(reasonOf(Buffer.from('[1,2]'))).toMatchObject({ code: 'INVALID_ENVELOPE' });
  });

  it('a batch → INVALID_ENVELOPE', () => {
    const batch = Buffer.from(JSON.stringify([event]));
    expect(reasonOf(batch, { 'content-type': 'application/cloudevents-batch+json' })).toEqual({
      code: 'INVALID_ENVELOPE',
      reason: 'batched CloudEvents are not supported: send one event per record',
    });
  });

  it.each(['erp://plant-01', 'serviceloop://billing', 'urn:sap:s4:plant:1000', '/erp/plant-01', 'plant-01', 'https://erp.example.com/plants/01?site=Pune', 'erp://plant%2001'])(
    'takes source %s, a URI-reference',
    (source) => {
      expect(decodeKafkaRecord(structuredValue({ ...event, source }), undefined)).toMatchObject({ ok: true });
    },
  );

  it('leaves type and data checks to the catalog', () => {
    const unknownType = { ...event, type: 'erp.sales-order.created.v9', data: { anything: true } };
    expect(decodeKafkaRecord(structuredValue(unknownType), undefined)).toMatchObject({ ok: true });
  });
});
