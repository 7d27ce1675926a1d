import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import path from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { currentTraceparent, initTracing, inSpan } from '../src/observability/tracing';

interface Received {
  path: string;
  contentType: string;
  body: Buffer;
}

/** A local OTLP/HTTP receiver: records what the exporter posts. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', contentType: String(request.headers['content-type']), body: Buffer.concat(chunks) });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}/`, received };
}

function runChild(endpoint: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', path.join(__dirname, 'support/swc-register.js'), path.join(__dirname, 'support/otlp-child.ts'), endpoint], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('tracing export over OTLP/HTTP', () => {
  it('stays on the no-op API without an endpoint', async () => {
    expect(initTracing({ serviceName: 'core' })).toBe(false);
    const traceparent = await inSpan('untraced', { kind: SpanKind.INTERNAL }, async (span) => {
      expect(span.isRecording()).toBe(false);
      return currentTraceparent();
    });
    expect(traceparent).toBeNull();
  });

  it('exports spans to <endpoint>/v1/traces when OTEL_EXPORTER_OTLP_ENDPOINT is set, flushed at shutdown', async () => {
    const receiver = await startReceiver();
    try {
      const result = await runChild(receiver.url);
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      const { enabled, traceId, traceparent } = JSON.parse(result.stdout) as { enabled: boolean; traceId: string; traceparent: string };
      expect(enabled).toBe(true);
      expect(traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
      expect(receiver.received).toHaveLength(1);
      const [post] = receiver.received;
      expect(post!.path).toBe('/v1/traces');
      expect(post!.contentType).toContain('application/json');
      const body = JSON.parse(post!.body.toString('utf8')) as {
        resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: { name: string; traceId: string }[] }[] }[];
      };
      const [resourceSpans] = body.resourceSpans;
      expect(resourceSpans!.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'attendance' } });
      const spans = resourceSpans!.scopeSpans.flatMap((scope) => scope.spans);
      expect(spans).toEqual([expect.objectContaining({ name: 'exported work', traceId })]);
    } finally {
      await new Promise((resolve) => receiver.server.close(resolve));
    }
  }, 30_000);
});
