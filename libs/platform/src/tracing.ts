import {
  context,
  createContextKey,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/**
 * OpenTelemetry tracing with W3C Trace Context (`traceparent`, `tracestate`), in
 * HTTP headers and in Kafka record headers alike.
 *
 * Spans are always made and propagated, so a trace id travels through every
 * service. They are exported (OTLP over HTTP) only when OTEL_EXPORTER_OTLP_ENDPOINT
 * or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set; OTEL_TRACES_EXPORTER=none turns
 * export off. The SDK reads the other standard variables itself:
 * OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG (default parentbased_always_on),
 * OTEL_EXPORTER_OTLP_HEADERS, OTEL_BSP_*, OTEL_RESOURCE_ATTRIBUTES.
 */
export const TRACEPARENT_HEADER = 'traceparent';
export const TRACESTATE_HEADER = 'tracestate';

const TRACER = 'serviceloop';

export interface TracingState {
  serviceName: string;
  /** Where spans go (the OTLP traces URL), or null when they are only propagated. */
  exportsTo: string | null;
}

let state: { info: TracingState; provider: NodeTracerProvider } | undefined;

function exportTarget(env: NodeJS.ProcessEnv): string | null {
  if ((env.OTEL_TRACES_EXPORTER ?? '').split(',').map((s) => s.trim()).includes('none')) return null;
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return null;
}

/**
 * Registers the process's tracer provider (once; later calls return the first
 * setup). `service.name` is the service's name; OTEL_RESOURCE_ATTRIBUTES adds to it.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): TracingState {
  if (state) return state.info;
  const exportsTo = exportTarget(env);
  const spanProcessors: SpanProcessor[] = exportsTo ? [new BatchSpanProcessor(new OTLPTraceExporter())] : [];
  const resource = detectResources({ detectors: [envDetector] }).merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }));
  const provider = new NodeTracerProvider({ resource, spanProcessors });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  state = { info: { serviceName, exportsTo }, provider };
  return state.info;
}

/** Sends the spans still buffered (at shutdown; the provider stays usable). */
export async function flushTracing(): Promise<void> {
  await state?.provider.forceFlush().catch(() => undefined);
}

/** Flushes spans when the app shuts down (SIGTERM with shutdown hooks, or app.close()). */
@Injectable()
export class TracingFlush implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return flushTracing();
  }
}

export function tracer() {
  return trace.getTracer(TRACER);
}

type HeaderValue = string | Buffer | (string | Buffer)[] | undefined;
type Headers = Record<string, HeaderValue>;

const getter: TextMapGetter<Headers> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key] ?? carrier[key.toLowerCase()];
    if (value === undefined) return undefined;
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  },
};

/** The remote context named by `traceparent`/`tracestate` headers (HTTP or Kafka), or none. */
export function contextFromHeaders(headers: Headers | undefined): Context {
  return propagation.extract(ROOT_CONTEXT, headers ?? {}, getter);
}

/** `traceparent` (and `tracestate`) naming the span active in `ctx`; empty when there is none. */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** True when `ctx` names a valid span (local or remote). */
export function hasSpan(ctx: Context): boolean {
  const span = trace.getSpanContext(ctx);
  return !!span && trace.isSpanContextValid(span);
}

const CAUSES = createContextKey('serviceloop.trace-causes');

/**
 * Runs `work` (a handler given several events at once) with each cause's span
 * known by its correlation id: an event emitted meanwhile with one of these
 * correlation ids continues that cause's trace (see `traceContextFor`).
 */
export function withCauses<T>(causes: Map<string, Context>, work: () => T): T {
  return context.with(context.active().setValue(CAUSES, causes), work);
}

/** The context an event emitted now continues: its cause's (by correlation id) or the active one. */
export function traceContextFor(correlationId?: string): Context {
  const active = context.active();
  const causes = active.getValue(CAUSES) as Map<string, Context> | undefined;
  return (correlationId ? causes?.get(correlationId) : undefined) ?? active;
}

/**
 * Trace headers for events written now. Each continues its cause's trace; events
 * written outside any request or event (a timer, a sweep) get one new PRODUCER
 * span per call, so they still start a trace of their own.
 */
export function outgoingTraceHeaders(correlationIds: (string | undefined)[], name: string): Record<string, string>[] {
  let orphan: Context | undefined;
  return correlationIds.map((correlationId) => {
    let ctx = traceContextFor(correlationId);
    if (!hasSpan(ctx)) {
      if (!orphan) {
        const span = tracer().startSpan(name, { kind: SpanKind.PRODUCER, root: true });
        span.end();
        orphan = trace.setSpan(ROOT_CONTEXT, span);
      }
      ctx = orphan;
    }
    return traceHeaders(ctx);
  });
}

/** Runs `work` in `span`'s context; an error marks the span and ends it; the span ends when `work` settles. */
export async function inSpan<T>(span: Span, parent: Context, work: (span: Span) => Promise<T>): Promise<T> {
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Headers;
  /** The CloudEvent id, when the record could be read. */
  eventId?: string;
  eventType?: string;
}

/** Messaging semantic-convention attributes of a consumed Kafka record. */
export function consumerAttributes(record: ConsumedRecord): Attributes {
  return {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.operation.name': 'process',
    'messaging.destination.name': record.topic,
    'messaging.destination.partition.id': String(record.partition),
    'messaging.kafka.offset': Number(record.offset),
    ...(record.key !== null ? { 'messaging.kafka.message.key': record.key } : {}),
    ...(record.eventId ? { 'messaging.message.id': record.eventId } : {}),
    ...(record.eventType ? { 'cloudevents.event_type': record.eventType } : {}),
  };
}

/**
 * Starts the CONSUMER span of a record: a child of the context its producer put in
 * the headers (a new trace when there is none), with `links` (e.g. the span that
 * released a parked event). Returns the span and the context to run its work in.
 */
export function startConsumerSpan(record: ConsumedRecord, links: Link[] = []): { span: Span; parent: Context } {
  const parent = contextFromHeaders(record.headers);
  const span = tracer().startSpan(`process ${record.topic}`, { kind: SpanKind.CONSUMER, attributes: consumerAttributes(record), links }, parent);
  return { span, parent };
}

/** Runs `work` inside the record's CONSUMER span (see startConsumerSpan). */
export function withConsumerSpan<T>(record: ConsumedRecord, work: (span: Span) => Promise<T>, links: Link[] = []): Promise<T> {
  const { span, parent } = startConsumerSpan(record, links);
  return inSpan(span, parent, work);
}

/** A link to the span active now, if any (e.g. from a released parked event to its releaser). */
export function linkToActive(): Link[] {
  const span = trace.getSpanContext(context.active());
  return span && trace.isSpanContextValid(span) ? [{ context: span }] : [];
}
