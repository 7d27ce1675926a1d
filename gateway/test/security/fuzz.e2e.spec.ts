import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { allEventContracts, withPrefix } from '@tec/shared';
import { ALLOWED_ORIGIN } from '../harness';
import { allHealthy, SERVICE_NAMES, startFullStack, until, type FullStack } from './full-stack';
import { buildWorld, type World } from './fixtures';
import {
  badParam,
  badValue,
  contentTypes,
  errorContractViolation,
  fillPath,
  loadOperations,
  mutatedBody,
  rawGarbage,
  type Operation,
} from './openapi';

/**
 * Schema-driven fuzzing from the running gateway's OpenAPI document. FUZZ_RUNS requests in all (default 2,000
 * in CI; `npm run test:fuzz` sends 12,000), spread evenly over every operation, as every role, an API key with
 * every scope and anonymous. FUZZ_SEED replays a run. Then malformed Socket.IO events and malformed NATS
 * event payloads on every subject of EVENT_CATALOG. The contract: no 5xx, every 4xx in the one error shape
 * with a known code, and every service still healthy afterwards.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
const CONCURRENCY = 8;

let full: FullStack;
let world: World;
let operations: Operation[];

beforeAll(async () => {
  full = await startFullStack();
  world = await buildWorld(full.stack);
  operations = await loadOperations(full.stack);
}, 240_000);

afterAll(async () => {
  await full?.close();
});

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

interface Violation {
  request: string;
  status: number;
  problem: string;
  body: string;
}

async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  }));
}

function requestArbitrary(operation: Operation, w: World): fc.Arbitrary<FuzzRequest> {
  const realIds = [...Object.values(w.foreign), ...Object.values(w.own)].filter((value): value is string => Boolean(value));
  // Mostly valid sessions of every role (so requests get past authentication into validation and the
  // services), some API keys, anonymous and broken tokens.
  const auth = fc.oneof(
    { weight: 7, arbitrary: fc.constantFrom<Record<string, string>>(...[w.studentA, w.teacherA, w.parentA, w.admin].map((session) => ({ authorization: `Bearer ${session.accessToken}` }))) },
    { weight: 2, arbitrary: fc.constantFrom<Record<string, string>>(...Object.values(w.apiKeys).map((key) => ({ 'x-api-key': key }))) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Record<string, string>>({}, { authorization: 'Bearer not.a.jwt' }, { authorization: `Bearer ${w.admin.accessToken.slice(0, -4)}AAAA` }, { 'x-api-key': 'tec_fake' }),
    },
  );
  const pathParams = operation.parameters.filter((parameter) => parameter.in === 'path');
  const queryParams = operation.parameters.filter((parameter) => parameter.in === 'query');
  const paramValue = fc.oneof({ weight: 3, arbitrary: badParam }, { weight: 1, arbitrary: fc.constantFrom(...realIds) });
  const path = fc.tuple(...pathParams.map(() => paramValue)).map((values) => fillPath(operation.path, Object.fromEntries(pathParams.map((parameter, index) => [parameter.name, values[index]!]))));
  const query = fc
    .tuple(
      fc.tuple(...queryParams.map(() => fc.option(paramValue, { nil: undefined }))),
      fc.option(fc.dictionary(fc.constantFrom('limit', 'cursor', 'x', '__proto__', 'constructor[prototype]', 'a[b][c]', 'courseId[]'), badParam, { maxKeys: 2 }), { nil: undefined }),
    )
    .map(([values, extra]) => {
      const search = new URLSearchParams();
      queryParams.forEach((parameter, index) => {
        if (values[index] !== undefined) search.append(parameter.name, values[index]!);
      });
      for (const [name, value] of Object.entries(extra ?? {})) search.append(name, value);
      return search.size ? `?${search}` : '';
    });
  const jsonBody = operation.body ? fc.oneof({ weight: 4, arbitrary: mutatedBody(operation.body, { ...w.own, ...w.foreign }) }, { weight: 1, arbitrary: badValue }) : badValue;
  const body = fc.oneof(
    { weight: 6, arbitrary: jsonBody.map((value) => ({ type: 'application/json', text: JSON.stringify(value) ?? 'null' })) },
    { weight: 2, arbitrary: fc.record({ type: contentTypes, text: rawGarbage }) },
    { weight: 1, arbitrary: fc.record({ type: contentTypes, text: jsonBody.map((value) => JSON.stringify(value) ?? '') }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  return fc.record({ auth, path, query, body }).map(({ auth: headers, path: route, query: search, body: payload }) => ({
    method: operation.method,
    url: `${full.stack.url}${route}${search}`,
    headers: { ...headers, ...(payload ? { 'content-type': payload.type } : {}) },
    body: operation.method === 'GET' ? undefined : payload?.text,
  }));
}

async function send(request: FuzzRequest): Promise<{ status: number; body: unknown; contentType: string | null; text: string }> {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, body, contentType: response.headers.get('content-type'), text };
}

describe('fuzzing the HTTP API from its OpenAPI document', () => {
  it(`sends ${RUNS} malformed requests over every operation: no 5xx, one error shape, nothing crashes`, async () => {
    const perOperation = Math.max(1, Math.ceil(RUNS / operations.length));
    const violations: Violation[] = [];
    const unavailable: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    for (const [index, operation] of operations.entries()) {
      const requests = fc.sample(requestArbitrary(operation, world), { numRuns: perOperation, seed: SEED + index });
      await pool(requests, CONCURRENCY, async (request) => {
        const reply = await send(request);
        sent += 1;
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        // 503 SERVICE_UNAVAILABLE in the error shape is an RPC deadline on a loaded machine (a shared CI box):
        // listed and bounded below, not a crash. Any other 5xx is a failure.
        const unavailableBody = reply.body as { statusCode?: number; code?: string; correlationId?: string } | undefined;
        if (reply.status === 503 && unavailableBody?.statusCode === 503 && unavailableBody.code === 'SERVICE_UNAVAILABLE' && unavailableBody.correlationId) {
          unavailable.push(`${request.method} ${request.url.slice(full.stack.url.length, full.stack.url.length + 160)}`);
          return;
        }
        const problem = errorContractViolation(reply.status, reply.body, reply.contentType);
        if (problem) {
          violations.push({
            request: `${request.method} ${request.url.slice(full.stack.url.length, full.stack.url.length + 300)} [${request.headers['content-type'] ?? '-'}] ${String(request.body ?? '').slice(0, 300)}`,
            status: reply.status,
            problem,
            body: reply.text.slice(0, 300),
          });
        }
      });
    }
    console.log(`fuzz: seed ${SEED}, ${sent} requests over ${operations.length} operations (${perOperation} each); statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    if (unavailable.length) console.log(`fuzz: ${unavailable.length} × 503 SERVICE_UNAVAILABLE (RPC deadline under load):\n${unavailable.slice(0, 20).join('\n')}`);
    expect(violations.slice(0, 20)).toEqual([]);
    expect(unavailable.length).toBeLessThanOrEqual(Math.ceil(sent / 100));
    const health = await allHealthy(full.stack);
    expect(Object.keys(health).sort()).toEqual([...SERVICE_NAMES].sort());
    expect(Object.values(health).every((status) => status === 'ok')).toBe(true);
  }, 900_000);
});

describe('fuzzing the sockets', () => {
  const CLIENT_EVENTS = ['join_room', 'leave_room', 'join_conversation', 'leave_conversation', 'send_message', 'read_message', 'typing', 'presence'];

  async function open(token: string): Promise<Socket> {
    const socket = io(full.stack.url, { path: '/socket.io', transports: ['websocket'], auth: { token }, extraHeaders: { origin: ALLOWED_ORIGIN }, reconnection: false, forceNew: true });
    await new Promise((resolve, reject) => {
      socket.once('session_ready', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  }

  it('answers every client event with garbage payloads by a typed refusal, never INTERNAL, and keeps the socket', async () => {
    const sockets = await Promise.all([world.studentA, world.teacherA, world.parentA, world.admin].map((session) => open(session.accessToken)));
    const payload = fc.oneof(
      badValue,
      fc.record({ kind: fc.oneof(badParam, fc.constantFrom('user', 'conversation', 'class', 'session', 'course')), id: fc.oneof(badParam, fc.constantFrom(...Object.values(world.foreign).filter(Boolean) as string[])) }),
      fc.record({ conversationId: fc.oneof(badParam, fc.constant(world.foreign.conversationId!)), messageId: badParam, typing: badValue, body: badValue, clientId: badValue, status: badValue }),
    );
    const problems: string[] = [];
    let acks = 0;
    const perEvent = Math.max(20, Math.ceil(RUNS / 20 / CLIENT_EVENTS.length));
    for (const event of CLIENT_EVENTS) {
      const payloads = fc.sample(payload, { numRuns: perEvent, seed: SEED });
      await pool(payloads, 4, async (data) => {
        const socket = sockets[acks % sockets.length]!;
        const ack = (await socket.timeout(5000).emitWithAck(event, data).catch((error: Error) => ({ timeout: error.message }))) as Record<string, unknown>;
        acks += 1;
        if ('timeout' in ack) problems.push(`${event}: no ack`);
        else if (ack.ok === false) {
          const error = ack.error as Record<string, unknown>;
          const problem = errorContractViolation(Number(error?.statusCode), error, 'application/json');
          if (problem || error.code === 'INTERNAL') problems.push(`${event} ${JSON.stringify(data).slice(0, 200)}: ${problem ?? 'INTERNAL'}`);
        } else if (ack.ok !== true) problems.push(`${event}: ack without ok ${JSON.stringify(ack).slice(0, 200)}`);
      });
      // Events without an ack callback and unknown events must not hurt the connection either.
      for (const data of payloads.slice(0, 5)) sockets[0]!.emit(event, data);
    }
    sockets[0]!.emit('no_such_event', { a: 1 });
    sockets[0]!.emit('join_room', 'x'.repeat(100_000));
    await new Promise((resolve) => setTimeout(resolve, 300));
    console.log(`socket fuzz: ${acks} acknowledged events over ${CLIENT_EVENTS.length} client events`);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(sockets.every((socket) => socket.connected)).toBe(true);
    const ping = (await sockets[1]!.timeout(5000).emitWithAck('presence', { status: 'online' })) as { ok: boolean };
    expect(ping.ok).toBe(true);
    for (const socket of sockets) socket.disconnect();
  }, 300_000);
});

describe('fuzzing the event bus', () => {
  it('dead-letters malformed payloads on every EVENT_CATALOG subject; nothing invalid is handled; every service stays healthy', async () => {
    const { nats, prefix } = full.stack.nats;
    const js = nats.jetstream();
    const contracts = allEventContracts();
    const invalidIds = new Set<string>();
    let published = 0;
    const perSubject = 4;
    for (const [index, contract] of contracts.entries()) {
      const payloads = fc.sample(fc.oneof(badValue, fc.dictionary(fc.string({ maxLength: 10 }), badValue)), { numRuns: perSubject, seed: SEED + index });
      const subject = withPrefix(prefix, contract.subject);
      for (const payload of payloads) {
        const id = randomUUID();
        const envelope = { id, subject: contract.subject, occurredAt: new Date().toISOString(), producer: 'fuzz', correlationId: randomUUID(), payload };
        if (!contract.schema.safeParse(payload).success) invalidIds.add(id);
        await js.publish(subject, JSON.stringify(envelope), { msgID: id });
        published += 1;
      }
      // Not an envelope at all, an envelope without an id, and one whose id is not a uuid.
      await js.publish(subject, Buffer.from('{not json'), { msgID: randomUUID() });
      await js.publish(subject, JSON.stringify({ subject: contract.subject, payload: {} }), { msgID: randomUUID() });
      await js.publish(subject, JSON.stringify({ id: "'; DROP TABLE inbox; --", subject: contract.subject, occurredAt: 'yesterday', producer: 1, payload: null }), { msgID: randomUUID() });
      published += 3;
    }
    const schemas = { core: 'core', notifications: 'notifications', attendance: 'attendance', chat: 'chat', 'live-classes': 'live_classes', 'parent-portal': 'parent_portal' } as const;
    const dataSourceOf = (name: keyof typeof schemas) => (name === 'core' ? full.stack.core.db.dataSource : full.stack.services[name]!.db.dataSource);
    const countLetters = async () => {
      let total = 0;
      for (const name of Object.keys(schemas) as (keyof typeof schemas)[]) {
        const rows = await dataSourceOf(name).query<{ count: string }[]>(`SELECT count(*) FROM "${schemas[name]}"."dead_letters" WHERE created_at > now() - interval '10 minutes'`);
        total += Number(rows[0]!.count);
      }
      return total;
    };
    // Wait until the dead-letter count settles.
    let last = -1;
    await until(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const now = await countLetters();
      const settled = now === last && now > 0;
      last = now;
      return settled;
    }, 'dead letters settle', 90_000);
    const handled: string[] = [];
    for (const name of Object.keys(schemas) as (keyof typeof schemas)[]) {
      const rows = await dataSourceOf(name).query<{ event_id: string }[]>(`SELECT event_id::text FROM "${schemas[name]}"."inbox" WHERE event_id::text = ANY($1)`, [[...invalidIds]]);
      handled.push(...rows.map((row) => `${name}: ${row.event_id}`));
    }
    console.log(`bus fuzz: ${published} malformed messages on ${contracts.length} subjects; ${last} dead letters recorded across services`);
    expect(handled).toEqual([]);
    expect(last).toBeGreaterThan(contracts.length);
    const health = await allHealthy(full.stack);
    expect(Object.values(health).every((status) => status === 'ok')).toBe(true);
  }, 300_000);
});
