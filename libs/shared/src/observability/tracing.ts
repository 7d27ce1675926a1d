import {
  type Attributes,
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import type { MsgHdrs } from 'nats';

/**
 * Tracing for every process, with `@opentelemetry/api` only at the call sites. Until a tracer provider is
 * registered (`initTracing` with an OTLP endpoint, or a test's in-memory provider) every call below is the
 * API's no-op: spans are non-recording, nothing is injected or exported, so tracing off costs next to nothing.
 *
 * The W3C `traceparent` travels with the work:
 * - gateway HTTP request → span of the request (a client's own `traceparent` is continued);
 * - RPC: the client injects it into the NATS request headers, the server's span is its child;
 * - events: `enqueueEvent` stores the caller's `traceparent` in the outbox row (`trace_parent`), the relay's
 *   publish span is its child and puts its own `traceparent` into the JetStream message headers, and the
 *   consumer's span is the child of that, so a consumer's work is part of the request that wrote the event.
 */

export const TRACEPARENT_HEADER = 'traceparent';
export const TRACESTATE_HEADER = 'tracestate';
export const TRACER_NAME = '@tec/shared';

export { SpanKind, SpanStatusCode };
export type { Span, Context as TraceContext };

export function tracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

const headerSetter = {
  set(carrier: MsgHdrs, key: string, value: string) {
    carrier.set(key, value);
  },
};

const headerGetter = {
  get(carrier: MsgHdrs | undefined, key: string): string | undefined {
    const value = carrier?.get(key);
    return value ? value : undefined;
  },
  keys(carrier: MsgHdrs | undefined): string[] {
    return carrier ? carrier.keys() : [];
  },
};

const recordGetter = {
  get(carrier: Record<string, string | string[] | undefined>, key: string): string | undefined {
    const value = carrier[key];
    return Array.isArray(value) ? value[0] : value;
  },
  keys(carrier: Record<string, unknown>): string[] {
    return Object.keys(carrier);
  },
};

/** Writes the active (or given) span's `traceparent` into NATS headers; a no-op when tracing is off. */
export function injectTraceHeaders(headers: MsgHdrs, from: Context = context.active()): MsgHdrs {
  propagation.inject(from, headers, headerSetter);
  return headers;
}

/** The context a NATS message's `traceparent` header names, or the root context when it has none. */
export function extractTraceHeaders(headers: MsgHdrs | undefined): Context {
  if (!headers) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, headers, headerGetter);
}

/** The context an HTTP request's `traceparent` header names (node lower-cases header names). */
export function extractTraceFromRecord(carrier: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, carrier, recordGetter);
}

/** The active span's `traceparent` (to store with an outbox row), or null when nothing is being traced. */
export function currentTraceparent(): string | null {
  const span = trace.getActiveSpan();
  if (!span || !span.isRecording()) return null;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier[TRACEPARENT_HEADER] ?? null;
}

/** The context a stored `traceparent` names (root when null or malformed). */
export function contextFromTraceparent(traceparent: string | null | undefined): Context {
  if (!traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { [TRACEPARENT_HEADER]: traceparent }, recordGetter);
}

export interface SpanOptions {
  kind: SpanKind;
  attributes?: Attributes;
  /** The parent; the active context when omitted. */
  parent?: Context;
}

/**
 * Runs `work` inside a new span (active for everything it awaits), ends it, and marks it failed when `work`
 * throws. With tracing off the span is the API's non-recording span.
 */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(name, { kind: options.kind, attributes: options.attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}

/** Starts a span the caller ends (for work that ends in a callback, like an HTTP response). */
export function startSpan(name: string, options: SpanOptions): Span {
  return tracer().startSpan(name, { kind: options.kind, attributes: options.attributes }, options.parent ?? context.active());
}

/** Runs `work` with `span` active (a child context of `parent`). */
export function withActiveSpan<T>(parent: Context, span: Span, work: () => T): T {
  return context.with(trace.setSpan(parent, span), work);
}

/** The process's tracer provider, when `initTracing` made one (so shutdown can flush it). */
let installed: { shutdown(): Promise<void> } | null = null;

export interface TracingOptions {
  serviceName: string;
  /** `OTEL_EXPORTER_OTLP_ENDPOINT` (e.g. http://otel-collector:4318); spans go to `<endpoint>/v1/traces`. */
  otlpEndpoint?: string;
}

/**
 * Turns tracing on for this process when an OTLP endpoint is configured: a Node tracer provider (W3C trace
 * context propagator, AsyncLocalStorage context) exporting batches over OTLP/HTTP. Without an endpoint it does
 * nothing and the process stays on the no-op API. Once per process; later calls return the first answer.
 */
export function initTracing(options: TracingOptions): boolean {
  if (installed) return true;
  if (!options.otlpEndpoint) return false;
  // Loaded only when tracing is on, so a process without it never pays for the SDK.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const exporter = new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();
  installed = provider;
  return true;
}

/** Flushes and stops the exporter (at process shutdown). */
export async function shutdownTracing(): Promise<void> {
  const provider = installed;
  installed = null;
  await provider?.shutdown().catch(() => undefined);
}
