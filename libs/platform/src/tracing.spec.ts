import { context, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { contextFromHeaders, outgoingTraceHeaders, startConsumerSpan, startTracing, traceContextFor, traceHeaders, tracer, withCauses, withConsumerSpan } from './tracing.js';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const TRACEPARENT = `00-${T}-${PARENT}-01`;
const W3C = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

describe('W3C trace context in headers', () => {
  beforeAll(() => startTracing('tracing-spec', {}));

  it('extracts traceparent and tracestate from Kafka headers (Buffers) and HTTP headers (strings)', () => {
    for (const headers of [{ traceparent: Buffer.from(TRACEPARENT), tracestate: Buffer.from('vendor=abc') }, { traceparent: TRACEPARENT, tracestate: 'vendor=abc' }]) {
      const span = trace.getSpanContext(contextFromHeaders(headers))!;
      expect(span).toMatchObject({ traceId: T, spanId: PARENT, traceFlags: 1, isRemote: true });
      expect(span.traceState?.get('vendor')).toBe('abc');
    }
  });

  it('ignores a missing or malformed traceparent', () => {
    expect(trace.getSpanContext(contextFromHeaders({}))).toBeUndefined();
    expect(trace.getSpanContext(contextFromHeaders({ traceparent: 'garbage' }))).toBeUndefined();
    expect(trace.getSpanContext(contextFromHeaders({ traceparent: `00-${'0'.repeat(32)}-${PARENT}-01` }))).toBeUndefined();
  });

  it('a consumer span is a child of the record\'s context; what is emitted inside names that span, with the same trace id', async () => {
    const headers = await withConsumerSpan({ topic: 'erp.sales-orders', partition: 0, offset: '7', key: 'SO-1', headers: { traceparent: TRACEPARENT, tracestate: 'vendor=abc' }, eventId: 'e-1' }, async (span) => {
      expect(span.spanContext().traceId).toBe(T);
      return outgoingTraceHeaders([undefined], 'create x')[0];
    });
    const [, traceId, spanId] = W3C.exec(headers.traceparent)!;
    expect(traceId).toBe(T);
    expect(spanId).not.toBe(PARENT);
    expect(headers.tracestate).toBe('vendor=abc');
  });

  it('a record without traceparent starts a new trace', async () => {
    const headers = await withConsumerSpan({ topic: 't', partition: 0, offset: '1', key: null, headers: {} }, async () => traceHeaders());
    expect(headers.traceparent).toMatch(W3C);
    expect(headers.traceparent).not.toContain(T);
  });

  it('outside any span, emitted events share one new trace per call', () => {
    const headers = context.with(ROOT_CONTEXT, () => outgoingTraceHeaders([undefined, 'c-1'], 'create t'));
    expect(headers[0].traceparent).toMatch(W3C);
    expect(headers[1].traceparent).toBe(headers[0].traceparent);
    const again = context.with(ROOT_CONTEXT, () => outgoingTraceHeaders([undefined], 'create t'));
    expect(W3C.exec(again[0].traceparent)![1]).not.toBe(W3C.exec(headers[0].traceparent)![1]);
  });

  it('in a batch, an event emitted with a record\'s correlation id continues that record\'s trace', () => {
    const other = '11111111111111111111111111111111';
    const a = startConsumerSpan({ topic: 't', partition: 0, offset: '1', key: null, headers: { traceparent: TRACEPARENT } });
    const b = startConsumerSpan({ topic: 't', partition: 0, offset: '2', key: null, headers: { traceparent: `00-${other}-${PARENT}-01` } });
    const causes = new Map([['corr-a', trace.setSpan(a.parent, a.span)], ['corr-b', trace.setSpan(b.parent, b.span)]]);
    const emitted = withCauses(causes, () => outgoingTraceHeaders(['corr-b', 'corr-a'], 'create t'));
    expect(emitted.map((h) => W3C.exec(h.traceparent)!.slice(1))).toEqual([
      [other, b.span.spanContext().spanId],
      [T, a.span.spanContext().spanId],
    ]);
    expect(traceContextFor('corr-a')).toBe(context.active());
  });

  it('an HTTP-style server span continues the caller\'s trace', () => {
    const parent = contextFromHeaders({ traceparent: TRACEPARENT });
    const span = tracer().startSpan('GET /projects', { kind: SpanKind.SERVER }, parent);
    const headers = traceHeaders(trace.setSpan(parent, span));
    expect(W3C.exec(headers.traceparent)!.slice(1)).toEqual([T, span.spanContext().spanId]);
    span.end();
  });
});
