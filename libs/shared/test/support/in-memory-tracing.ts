import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';

/**
 * Tests only: a real Node tracer provider (W3C propagator, AsyncLocalStorage context) whose spans stay in memory,
 * registered as the process's global provider, exactly as `initTracing` registers the OTLP one.
 */
export function installInMemoryTracing(): { exporter: InMemorySpanExporter; spans(): ReadableSpan[]; uninstall(): Promise<void> } {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.register();
  return {
    exporter,
    spans: () => exporter.getFinishedSpans(),
    uninstall: async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

/** The chain of parents of `span` inside `spans`, nearest first. */
export function ancestors(span: ReadableSpan, spans: ReadableSpan[]): ReadableSpan[] {
  const chain: ReadableSpan[] = [];
  let current: ReadableSpan | undefined = span;
  while (current?.parentSpanContext) {
    const parentId: string = current.parentSpanContext.spanId;
    current = spans.find((candidate) => candidate.spanContext().spanId === parentId);
    if (current) chain.push(current);
  }
  return chain;
}
