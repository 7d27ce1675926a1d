/**
 * Chat at class scale: 1,000 Socket.IO clients in 100 conversations of 10, every client in its conversation's room.
 *
 * ours:     send_message over the socket → gateway (authenticated socket, validation) → NATS request/reply → chat
 *           (membership, flood control, next seq under the conversation row lock, message row, every other
 *           participant's unread counter, commit) → push on NATS `push.conversation.<id>` → the gateway emits
 *           `new_message` to the room.
 * baseline: a bare Socket.IO server that broadcasts each send_message to its room (bench/lib/chat-baseline-server.ts).
 *
 * Two phases per side: a sustained offered rate (BENCH_RATE messages/s for BENCH_SECONDS; the latency from send to
 * receipt at every receiving socket, p50/p99) and a saturation run (BENCH_WINDOW messages in flight per
 * conversation; delivered messages per second; BENCH_SATURATION_ROUNDS rounds alternating between the sides, so
 * both see the same machine). Every message must reach all 10 sockets of its conversation:
 * zero lost on both sides, or the run fails. The gateway, chat and the baseline each run in their own process.
 * Run: npm run bench chat
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { ensureDevKeys, healthRpc, RpcClient, signAccessToken, type AuthContext, type UserProfile } from '@tec/shared';
import { buildUser, coreEventFactory, createTestDatabase, createTestNats, testConfig } from '@tec/shared/testing';
import { chatEntities } from '../services/chat/src/entities';
import { chatMigrations } from '../services/chat/src/migrations';
import { cpuPerOperation, describeCpu, productGroups, snapshot, type CpuShare, type ProcessGroups } from './lib/cpu';
import { freePort, productCommand, startProcess, stopProcess, waitUntil } from './lib/processes';
import { pool, report, summarize, type Summary } from './lib/stats';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100);
const PER_CONVERSATION = Number(process.env.BENCH_PER_CONVERSATION ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 2);
const SATURATION_SECONDS = Number(process.env.BENCH_SATURATION_SECONDS ?? 10);
const SATURATION_ROUNDS = Number(process.env.BENCH_SATURATION_ROUNDS ?? 4);

interface Client {
  socket: Socket;
  conversationId: string;
}

interface Tracker {
  sentAt: Map<string, number>;
  conversationOf: Map<string, string>;
  received: Map<string, number>;
  latencies: number[];
}

function newTracker(): Tracker {
  return { sentAt: new Map(), conversationOf: new Map(), received: new Map(), latencies: [] };
}

async function connectAll(url: string, tokens: (string | null)[], conversationIds: string[], tracker: { current: Tracker }): Promise<Client[]> {
  const clients: Client[] = [];
  await pool(tokens.length, 50, async (index) => {
    const socket = io(url, { path: '/socket.io', transports: ['websocket'], auth: tokens[index] ? { token: tokens[index] } : {}, reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('session_ready', () => resolve());
      socket.once('connect_error', reject);
    });
    const conversationId = conversationIds[Math.floor(index / PER_CONVERSATION)]!;
    const joined = (await socket.timeout(30_000).emitWithAck('join_conversation', { conversationId })) as { ok: boolean };
    if (!joined.ok) throw new Error(`join refused: ${JSON.stringify(joined)}`);
    socket.on('new_message', (message: { clientId: string | null }) => {
      const { current } = tracker;
      const sentAt = message.clientId ? current.sentAt.get(message.clientId) : undefined;
      if (sentAt === undefined || !message.clientId) return;
      current.latencies.push(performance.now() - sentAt);
      current.received.set(message.clientId, (current.received.get(message.clientId) ?? 0) + 1);
    });
    clients[index] = { socket, conversationId };
  });
  return clients;
}

async function sendOne(clients: Client[], tracker: Tracker, conversation: number, turn: number): Promise<void> {
  const client = clients[conversation * PER_CONVERSATION + (turn % PER_CONVERSATION)]!;
  const clientId = randomUUID();
  tracker.sentAt.set(clientId, performance.now());
  tracker.conversationOf.set(clientId, client.conversationId);
  const ack = (await client.socket.timeout(60_000).emitWithAck('send_message', { conversationId: client.conversationId, body: `bench ${turn}`, clientId })) as { ok: boolean; error?: unknown };
  if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack.error)}`);
}

/** Waits until every sent message reached all sockets of its conversation (or the deadline), then checks none is lost. */
async function settle(label: string, tracker: Tracker, began: number): Promise<Summary> {
  const expected = tracker.sentAt.size * PER_CONVERSATION;
  const deadline = Date.now() + 30_000;
  const delivered = () => [...tracker.received.values()].reduce((sum, count) => sum + count, 0);
  while (delivered() < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const elapsed = performance.now() - began;
  const lost = expected - delivered();
  if (lost !== 0) throw new Error(`${label}: ${lost} of ${expected} deliveries lost`);
  return summarize(tracker.latencies, elapsed);
}

async function sustained(label: string, clients: Client[], tracker: { current: Tracker }): Promise<Summary> {
  tracker.current = newTracker();
  const total = RATE * SECONDS;
  const began = performance.now();
  const sends: Promise<void>[] = [];
  for (let index = 0; index < total; index += 1) {
    const due = began + (index * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    sends.push(sendOne(clients, tracker.current, index % CONVERSATIONS, Math.floor(index / CONVERSATIONS)));
  }
  await Promise.all(sends);
  return settle(label, tracker.current, began);
}

/** One side's saturation rounds so far: deliveries, their latencies, time spent and CPU used. */
interface SaturationTotals {
  latencies: number[];
  elapsedMs: number;
  messages: number;
  cpu: Record<string, CpuShare>;
}

/**
 * One saturation round of one side: WINDOW messages in flight per conversation for `seconds`, then every message
 * must reach all sockets of its conversation (zero lost). Adds the round to `totals`.
 */
async function saturationRound(label: string, clients: Client[], tracker: { current: Tracker }, cpuGroups: ProcessGroups, seconds: number, totals: SaturationTotals): Promise<void> {
  tracker.current = newTracker();
  const cpuBefore = snapshot(cpuGroups);
  const began = performance.now();
  const stopAt = began + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONVERSATIONS * WINDOW }, async (_, lane) => {
      const conversation = lane % CONVERSATIONS;
      for (let turn = Math.floor(lane / CONVERSATIONS); performance.now() < stopAt; turn += WINDOW) {
        await sendOne(clients, tracker.current, conversation, turn);
      }
    }),
  );
  const round = await settle(label, tracker.current, began);
  const used = cpuPerOperation(cpuBefore, snapshot(cpuGroups), 1);
  for (const [group, share] of Object.entries(used)) {
    const sum = totals.cpu[group] ?? { ms: 0, systemMs: 0, writes: 0 };
    totals.cpu[group] = { ms: sum.ms + share.ms, systemMs: sum.systemMs + share.systemMs, writes: sum.writes + share.writes };
  }
  for (const latency of tracker.current.latencies) totals.latencies.push(latency);
  // Throughput counts deliveries (each message reaches PER_CONVERSATION sockets) over the round's time to settle.
  totals.elapsedMs += (round.count / round.throughputPerSecond) * 1000;
  totals.messages += tracker.current.sentAt.size;
}

/**
 * Saturation, ours against the baseline, in SATURATION_ROUNDS alternating rounds (baseline, ours, baseline, …) of
 * SATURATION_SECONDS / SATURATION_ROUNDS each: on a shared machine whose speed drifts by 10–15 % over a minute, both
 * sides then see the same conditions, instead of one side getting the quiet half.
 */
async function saturate(sides: Record<'ours' | 'baseline', { clients: Client[]; tracker: { current: Tracker } }>, cpuGroups: ProcessGroups): Promise<Record<'ours' | 'baseline', Summary>> {
  const totals = { ours: emptyTotals(), baseline: emptyTotals() };
  const seconds = SATURATION_SECONDS / SATURATION_ROUNDS;
  for (let round = 0; round < SATURATION_ROUNDS; round += 1) {
    for (const side of ['baseline', 'ours'] as const) {
      await saturationRound(`${side} saturation`, sides[side].clients, sides[side].tracker, cpuGroups, seconds, totals[side]);
    }
  }
  for (const side of ['baseline', 'ours'] as const) {
    const perMessage = Object.fromEntries(
      Object.entries(totals[side].cpu).map(([group, share]) => [
        group,
        { ms: share.ms / totals[side].messages, systemMs: share.systemMs / totals[side].messages, writes: Number((share.writes / totals[side].messages).toFixed(1)) },
      ]),
    );
    console.log(describeCpu(`${side} saturation`, perMessage, 'message'));
  }
  return { ours: summarize(totals.ours.latencies, totals.ours.elapsedMs), baseline: summarize(totals.baseline.latencies, totals.baseline.elapsedMs) };
}

function emptyTotals(): SaturationTotals {
  return { latencies: [], elapsedMs: 0, messages: 0, cpu: {} };
}

async function main(): Promise<void> {
  const keys = ensureDevKeys(mkdtempSync(path.join(tmpdir(), 'tec-bench-keys-')));
  const nats = await createTestNats();
  const database = await createTestDatabase({ schema: 'chat', entities: chatEntities, migrations: chatMigrations });
  const db = database.dataSource;
  const rpc = new RpcClient(nats.nats, nats.prefix, 15_000);
  const children = [];
  const allClients: Client[] = [];
  try {
    const chat = startProcess('chat', productCommand('services/chat'), {
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: process.env.BENCH_CHAT_POOL ?? '20',
      NATS_URL: testConfig.NATS_URL,
      NATS_SUBJECT_PREFIX: nats.prefix,
      CHAT_JOB_INTERVAL_SECONDS: '0',
      CHAT_SEND_LANES: process.env.BENCH_CHAT_LANES ?? '2',
      CHAT_ATTACHMENTS_DIR: mkdtempSync(path.join(tmpdir(), 'tec-bench-chat-')),
    });
    children.push(chat);
    const service: AuthContext = { kind: 'service', service: 'bench' };
    await waitUntil('chat', async () => (await rpc.call(healthRpc('chat'), {}, service)).status === 'ok');
    const gatewayPort = await freePort();
    const gateway = startProcess('gateway', productCommand('gateway'), {
      PORT: String(gatewayPort),
      HOST: '127.0.0.1',
      NATS_URL: testConfig.NATS_URL,
      NATS_SUBJECT_PREFIX: nats.prefix,
      JWT_PUBLIC_KEY_FILE: keys.publicKeyFile,
      WEB_DIST_DIR: '',
      GATEWAY_SERVICES: 'chat',
    });
    children.push(gateway);
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    await waitUntil('gateway', async () => (await fetch(`${gatewayUrl}/api/v1/health`)).status === 200);
    const baselinePort = await freePort();
    const baselineServer = startProcess('baseline', ['-r', './libs/shared/test/support/swc-register.js', 'bench/lib/chat-baseline-server.ts', JSON.stringify({ port: baselinePort })], {});
    children.push(baselineServer);
    const cpuGroups = productGroups({ gateway: gateway.pid, chat: chat.pid, baseline: baselineServer.pid });
    const baselineUrl = `http://127.0.0.1:${baselinePort}`;

    // 100 courses of 10 students, announced as core would: chat makes each course conversation and its membership.
    const core = coreEventFactory(nats.nats, nats.prefix);
    const courses: { id: string; code: string; title: string }[] = [];
    for (let index = 0; index < CONVERSATIONS; index += 1) courses.push(await core.course());
    const students: UserProfile[] = Array.from({ length: CONVERSATIONS * PER_CONVERSATION }, () => buildUser('student'));
    await pool(students.length, 32, async (index) => void (await core.enrollment(students[index]!, courses[Math.floor(index / PER_CONVERSATION)]!)));
    await waitUntil(
      'the course conversations',
      async () => {
        const [row] = await db.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM "chat"."participants" WHERE left_at IS NULL`);
        return row!.count === students.length;
      },
      180_000,
    );
    const conversationRows = await db.query<{ id: string; course_id: string }[]>(`SELECT id, course_id FROM "chat"."conversations" WHERE kind = 'course'`);
    const byCourse = new Map(conversationRows.map((row) => [row.course_id, row.id]));
    const conversationIds = courses.map((course) => byCourse.get(course.id)!);
    // The bench offers far more than a person types; lift the per-person flood limit for it.
    await db.query(`UPDATE "chat"."policy" SET flood_max_messages = 1000, flood_window_seconds = 1`);

    const privateKey = readFileSync(keys.privateKeyFile, 'utf8');
    const tokens = await Promise.all(
      students.map(async (user) => (await signAccessToken({ userId: user.id, role: user.role, sessionId: randomUUID(), privateKey, issuer: 'tec-lms-core', audience: 'tec-lms', ttlSeconds: 3600 })).token),
    );

    const oursTracker = { current: newTracker() };
    const baseTracker = { current: newTracker() };
    const oursClients = await connectAll(gatewayUrl, tokens, conversationIds, oursTracker);
    allClients.push(...oursClients);
    const baseClients = await connectAll(baselineUrl, tokens.map(() => null), conversationIds, baseTracker);
    allClients.push(...baseClients);

    // Warm both (JIT, pools), then measure.
    await sustainedWarmup(baseClients, baseTracker);
    await sustainedWarmup(oursClients, oursTracker);
    // Statistics, as autovacuum gathers them within a minute of a school's first messages (and again as tables grow).
    // Without any, the prepared send statement's generic plan probed the duplicate clientId through the conversation's
    // time index (reading every message of the conversation) instead of the unique (conversation, sender, clientId) one.
    await db.query('ANALYZE');
    const baselineSustained = await sustained('baseline sustained', baseClients, baseTracker);
    const oursSustained = await sustained('ours sustained', oursClients, oursTracker);
    report({
      name: 'chat-sustained',
      description: `${RATE} messages/s for ${SECONDS} s offered over ${CONVERSATIONS} conversations of ${PER_CONVERSATION} sockets (${CONVERSATIONS * PER_CONVERSATION} clients); latency send → receipt at every receiving socket; per second = deliveries; zero lost`,
      ours: oursSustained,
      baseline: baselineSustained,
      throughputRatio: oursSustained.throughputPerSecond / baselineSustained.throughputPerSecond,
    });
    // Statistics again, as autovacuum would take them as the tables grow. (On the warm-up's alone, about one message
    // per sender, the planner once probed a duplicate clientId through the sender's index, all of their messages; the
    // chat migration 1734900000000 states messages per sender, and test/send-plan.spec.ts holds the plan to it.)
    await db.query('ANALYZE');
    const saturation = await saturate({ ours: { clients: oursClients, tracker: oursTracker }, baseline: { clients: baseClients, tracker: baseTracker } }, cpuGroups);
    report({
      name: 'chat-saturation',
      description: `${WINDOW} messages in flight per conversation for ${SATURATION_SECONDS} s in ${SATURATION_ROUNDS} rounds alternating with the baseline's, ${CONVERSATIONS} conversations of ${PER_CONVERSATION}; per second = deliveries; zero lost`,
      ours: saturation.ours,
      baseline: saturation.baseline,
      throughputRatio: saturation.ours.throughputPerSecond / saturation.baseline.throughputPerSecond,
    });
    const [stored] = await db.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM "chat"."messages"`);
    console.log(`  chat stored ${stored!.count} messages (warm-up included)`);
  } finally {
    for (const client of allClients) client.socket.disconnect();
    for (const child of children.reverse()) await stopProcess(child);
    await database.drop();
    await nats.cleanup();
  }
}

/** A short run at a tenth of the rate, not measured. */
async function sustainedWarmup(clients: Client[], tracker: { current: Tracker }): Promise<void> {
  tracker.current = newTracker();
  const began = performance.now();
  await pool(Math.max(100, RATE), 20, async (index) => sendOne(clients, tracker.current, index % CONVERSATIONS, Math.floor(index / CONVERSATIONS)));
  await settle('warm-up', tracker.current, began);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
