// A plain Node process (the exporter's transport loads `http` with a dynamic import, which jest's VM can't run):
// turn tracing on with the endpoint given, record one span, flush at shutdown, print its trace id.
import { SpanKind } from '@opentelemetry/api';
import { currentTraceparent, initTracing, inSpan, shutdownTracing } from '../../src/observability/tracing';

async function main(): Promise<void> {
  const enabled = initTracing({ serviceName: 'attendance', otlpEndpoint: process.argv[2] });
  let traceId = '';
  let traceparent: string | null = null;
  await inSpan('exported work', { kind: SpanKind.SERVER, attributes: { 'tec.test': 'yes' } }, async (span) => {
    traceId = span.spanContext().traceId;
    traceparent = currentTraceparent();
  });
  await shutdownTracing();
  process.stdout.write(JSON.stringify({ enabled, traceId, traceparent }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
