/**
 * The SendGrid fake of the notifications tests (services/notifications/test/support/sendgrid-fake.ts) as its own
 * process for the fault suite, behind a small front that can be told to fail:
 *   POST /v3/mail/send       → the fake (202, X-Message-Id), or while a failure window is open: 500, or 429 with
 *                              SendGrid's X-RateLimit-* headers. Every accepted personalization is also counted
 *                              by its `delivery_id` on the wire, so a resend the fake absorbs still shows.
 *   POST /__control/fail     {status: 500|429, ms}: answer `status` to every send for `ms`.
 *   POST /__control/latency  {ms}: every send waits this long before the fake answers (0 = none).
 *   GET  /__control/state    what arrived: emails (deduplicated by idempotency key, as the fake keeps them),
 *                            wire counts per delivery id, replies by status.
 * Run: node -r ./libs/shared/test/support/swc-register.js tests/faults/sendgrid-fake-server.ts  (FAKE_PORT, SENDGRID_API_KEY)
 * Prints `listening <port>` once ready.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SendGridFake } from '../../services/notifications/test/support/sendgrid-fake';

const apiKey = process.env.SENDGRID_API_KEY ?? 'SG.test-key';
const fake = new SendGridFake(apiKey);
let failure: { status: number; until: number } | null = null;
let latencyMs = 0;
const wire = new Map<string, number>();
const replies: Record<string, number> = {};

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(response: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(payload === undefined ? '' : JSON.stringify(payload));
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const raw = await body(request);
  if (request.method === 'POST' && request.url === '/__control/fail') {
    const { status, ms } = JSON.parse(raw.toString('utf8')) as { status: number; ms: number };
    failure = { status, until: Date.now() + ms };
    return json(response, 200, { ok: true });
  }
  if (request.method === 'POST' && request.url === '/__control/latency') {
    latencyMs = (JSON.parse(raw.toString('utf8')) as { ms: number }).ms;
    return json(response, 200, { ok: true });
  }
  if (request.method === 'GET' && request.url === '/__control/state') {
    return json(response, 200, {
      emails: fake.emails.map((email) => ({ to: email.to, subject: email.subject, text: email.text, deliveryId: email.customArgs.delivery_id ?? null })),
      wire: Object.fromEntries(wire),
      replies,
    });
  }
  if (request.method === 'POST' && request.url === '/v3/mail/send' && failure && Date.now() < failure.until && request.headers.authorization === `Bearer ${apiKey}`) {
    replies[failure.status] = (replies[failure.status] ?? 0) + 1;
    if (failure.status === 429) {
      const reset = String(Math.ceil(failure.until / 1000));
      return json(response, 429, { errors: [{ message: 'too many requests', field: null }] }, { 'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
    }
    return json(response, failure.status, { errors: [{ message: 'internal error (injected)', field: null }] });
  }
  // Everything else goes to the fake as it came (after the injected latency: a sender killed meanwhile never
  // learns that the fake accepted its request).
  if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
  const upstream = await fetch(new URL(request.url ?? '/', fake.url), {
    method: request.method,
    headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)).map(([name, value]) => [name, String(value)])),
    body: request.method === 'GET' || request.method === 'HEAD' ? undefined : raw,
  });
  const text = await upstream.text();
  replies[upstream.status] = (replies[upstream.status] ?? 0) + 1;
  if (upstream.status === 202) {
    try {
      const sent = JSON.parse(raw.toString('utf8')) as { personalizations?: { custom_args?: Record<string, string> }[] };
      for (const personalization of sent.personalizations ?? []) {
        const id = personalization.custom_args?.delivery_id;
        if (id) wire.set(id, (wire.get(id) ?? 0) + 1);
      }
    } catch {
      // the fake already answered 400 for a body it could not read
    }
  }
  const headers: Record<string, string> = {};
  upstream.headers.forEach((value, name) => {
    if (!['content-length', 'connection', 'keep-alive', 'transfer-encoding', 'date'].includes(name)) headers[name] = value;
  });
  response.writeHead(upstream.status, headers);
  response.end(text);
}

async function main(): Promise<void> {
  await fake.start();
  const server = createServer((request, response) =>
    void handle(request, response).catch((error: unknown) => json(response, 502, { errors: [{ message: String(error) }] })),
  );
  await new Promise<void>((resolve) => server.listen(Number(process.env.FAKE_PORT ?? 0), '127.0.0.1', resolve));
  console.log(`listening ${(server.address() as AddressInfo).port}`);
  const stop = () => {
    server.closeAllConnections();
    server.close();
    void fake.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
