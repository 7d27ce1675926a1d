/* global AbortSignal */
// Steady mixed load through the gateway for the fault suite: QR check-ins, chat messages (REST and Socket.IO) and
// grades that lead to parent alerts and emails. Every operation is retried with the same idempotency key until the
// gateway acknowledges it (or its deadline passes); each acknowledged one is recorded with the id it was given.
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from '../../scripts/lib/paths.mjs';
import { sleep } from '../../scripts/lib/run.mjs';

const require = createRequire(path.join(root, 'package.json'));
const { io } = require('socket.io-client');

const PASSWORD = 'demo1234';
const OP_DEADLINE_MS = 120_000;
const ATTEMPT_TIMEOUT_MS = 8_000;

export class Api {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.tokens = new Map();
  }

  async request(method, route, { token, body, timeoutMs = ATTEMPT_TIMEOUT_MS } = {}) {
    const headers = { origin: this.baseUrl };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let parsed = {};
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = { raw: text.slice(0, 200) };
    }
    return { status: response.status, body: parsed };
  }

  /** Logs in once per email; again when the access token is refused. */
  async token(email, fresh = false) {
    if (!fresh && this.tokens.has(email)) return this.tokens.get(email);
    for (let attempt = 0; ; attempt += 1) {
      try {
        const reply = await this.request('POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } });
        if (reply.status === 200) {
          this.tokens.set(email, { token: reply.body.accessToken, userId: reply.body.user.id });
          return this.tokens.get(email);
        }
        if (attempt > 60) throw new Error(`login ${email}: ${reply.status} ${JSON.stringify(reply.body)}`);
      } catch (error) {
        if (attempt > 60) throw error;
      }
      await sleep(500);
    }
  }

  /** A request as `email` that must succeed (setup): retried while the stack is not answering. */
  async must(email, method, route, body, okStatuses = [200, 201]) {
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const { token } = await this.token(email, attempt > 0 && attempt % 5 === 0);
      const reply = await this.request(method, route, { token, body }).catch((error) => ({ status: 0, body: { error: String(error) } }));
      if (okStatuses.includes(reply.status)) return reply.body;
      if (reply.status >= 400 && reply.status < 500 && reply.status !== 401 && reply.status !== 429) throw new Error(`${method} ${route}: ${reply.status} ${JSON.stringify(reply.body)}`);
      await sleep(500);
    }
    throw new Error(`${method} ${route} kept failing`);
  }
}

function quantile(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export function latencySummary(ops) {
  const sorted = ops.map((op) => op.ackedAt - op.startedAt).sort((a, b) => a - b);
  return { count: sorted.length, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted.at(-1) ?? null };
}

/**
 * The load: `start()` runs the three loops until `stop()`; `ops` holds every operation with
 * { kind, key, startedAt, ackedAt?, id?, attempts, errors }.
 */
export class MixedLoad {
  constructor(api, school, { checkInsPerSecond, messagesPerSecond, gradesPerSecond, runId }) {
    this.api = api;
    this.school = school;
    this.rates = { checkInsPerSecond, messagesPerSecond, gradesPerSecond };
    this.runId = runId;
    this.ops = [];
    this.running = false;
    this.pending = new Set();
    this.sockets = [];
    this.session = null;
    this.qr = null;
    this.sequence = { checkIn: 0, message: 0, grade: 0 };
  }

  async start() {
    this.running = true;
    // A few students send over Socket.IO (reconnecting by themselves), the rest over REST.
    for (const student of this.school.students.slice(0, 4)) {
      const { token } = await this.api.token(student.email);
      const socket = io(this.api.baseUrl, { path: '/socket.io', transports: ['websocket'], auth: (cb) => cb({ token: this.api.tokens.get(student.email)?.token ?? token }), extraHeaders: { origin: this.api.baseUrl }, reconnectionDelay: 250, reconnectionDelayMax: 1000 });
      this.sockets.push({ student, socket });
    }
    // The teacher watches the conversation like the web app does: (re)joins its room on every (re)connect.
    const teacherToken = () => this.api.tokens.get(this.school.teacher.email)?.token;
    await this.api.token(this.school.teacher.email);
    this.pushed = new Set();
    this.listener = io(this.api.baseUrl, { path: '/socket.io', transports: ['websocket'], auth: (cb) => cb({ token: teacherToken() }), extraHeaders: { origin: this.api.baseUrl }, reconnectionDelay: 250, reconnectionDelayMax: 1000 });
    this.listener.on('connect', () => void this.listener.timeout(5000).emitWithAck('join_conversation', { conversationId: this.school.conversationId }).catch(() => undefined));
    this.listener.on('new_message', (message) => message?.clientId && this.pushed.add(message.clientId));
    this.loops = [
      this.loop(this.rates.checkInsPerSecond, () => this.checkIn()),
      this.loop(this.rates.messagesPerSecond, () => this.message()),
      this.loop(this.rates.gradesPerSecond, () => this.grade()),
    ];
  }

  async stop() {
    this.running = false;
    await Promise.all(this.loops);
    await Promise.all([...this.pending]);
    for (const { socket } of this.sockets) socket.close();
  }

  /**
   * After every fault: new messages must reach a socket again (pushes are best effort while a fault lasts, but
   * the relay, the rooms and the reconnects must recover). Returns how many of `count` probes arrived in 5 s.
   */
  async probeRealtime(count = 5) {
    let arrived = 0;
    for (let index = 0; index < count; index += 1) {
      const clientId = `fault-probe-${this.runId}-${index}`;
      const student = this.school.students[index % this.school.students.length];
      const reply = await this.asUser(student.email, 'POST', `/api/v1/messages/conversations/${this.school.conversationId}/messages`, { body: `probe ${index}`, clientId });
      if (reply.status !== 201 && reply.status !== 200) continue;
      const deadline = Date.now() + 5000;
      while (!this.pushed.has(clientId) && Date.now() < deadline) await sleep(50);
      if (this.pushed.has(clientId)) arrived += 1;
    }
    this.listener.close();
    const acknowledged = this.ops.filter((op) => op.kind.startsWith('message') && op.ackedAt);
    return { probes: count, arrived, pushedDuringLoad: acknowledged.filter((op) => this.pushed.has(op.key)).length, messagesDuringLoad: acknowledged.length };
  }

  async loop(perSecond, operation) {
    if (perSecond <= 0) return;
    const interval = 1000 / perSecond;
    let next = Date.now();
    while (this.running) {
      const task = operation().catch(() => undefined);
      this.pending.add(task);
      void task.finally(() => this.pending.delete(task));
      next += interval;
      await sleep(Math.max(0, next - Date.now()));
    }
  }

  /** Retries `attempt` (→ {id} | null to retry | throws to give up) until acknowledged or the deadline. */
  async operate(kind, key, attempt) {
    const op = { kind, key, startedAt: Date.now(), attempts: 0, errors: {} };
    this.ops.push(op);
    while (Date.now() - op.startedAt < OP_DEADLINE_MS) {
      op.attempts += 1;
      let outcome;
      try {
        outcome = await attempt(op.attempts);
      } catch (error) {
        outcome = { error: error instanceof Error ? error.name === 'TimeoutError' ? 'timeout' : error.message.slice(0, 60) : String(error) };
      }
      if (outcome?.id) {
        op.ackedAt = Date.now();
        op.id = outcome.id;
        if (outcome.note) op.note = outcome.note;
        return op;
      }
      if (outcome?.fatal) {
        op.fatal = outcome.fatal;
        return op;
      }
      const reason = outcome?.error ?? 'no id';
      op.errors[reason] = (op.errors[reason] ?? 0) + 1;
      await sleep(Math.min(2000, 200 * op.attempts));
    }
    return op;
  }

  async asUser(email, method, route, body) {
    let { token } = await this.api.token(email);
    let reply = await this.api.request(method, route, { token, body });
    if (reply.status === 401 && reply.body?.code !== 'TOKEN_EXPIRED' && reply.body?.code !== 'TOKEN_INVALID') {
      ({ token } = await this.api.token(email, true));
      reply = await this.api.request(method, route, { token, body });
    }
    return reply;
  }

  // ── check-ins ────────────────────────────────────────────────────────────────────────────────────────────────
  async currentSession() {
    const { students, courseId, teacher } = this.school;
    if (!this.session || this.session.next >= students.length) {
      const startsAt = new Date(Date.now() - 60_000);
      const body = { courseId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), topic: `Fault run ${this.runId}` };
      const created = await this.api.must(teacher.email, 'POST', '/api/v1/classes/sessions', body, [200, 201]);
      const id = created.id ?? created.sessions?.[0]?.id ?? created.items?.[0]?.id;
      if (!id) throw new Error(`no session id in ${JSON.stringify(created).slice(0, 200)}`);
      this.session = { id, next: 0 };
      this.qr = null;
    }
    const session = this.session;
    return { session, student: students[session.next++] };
  }

  async qrToken(sessionId, fresh) {
    if (!fresh && this.qr && this.qr.sessionId === sessionId && Date.now() < this.qr.until) return this.qr.token;
    const reply = await this.asUser(this.school.teacher.email, 'POST', '/api/v1/attendance/generate-qr', { sessionId });
    if (reply.status !== 200 && reply.status !== 201) throw new Error(`qr ${reply.status}`);
    this.qr = { sessionId, token: reply.body.token, until: Date.now() + Math.min(8_000, reply.body.refreshAfterMs ?? 8_000) };
    return this.qr.token;
  }

  async checkIn() {
    const { session, student } = await this.currentSession();
    this.sequence.checkIn += 1;
    return this.operate('check_in', `${session.id}:${student.id}`, async (attempt) => {
      const token = await this.qrToken(session.id, attempt > 1);
      const reply = await this.asUser(student.email, 'POST', '/api/v1/attendance/check-in', { token, deviceId: `fault-device-${student.id}` });
      if (reply.status === 200 || reply.status === 201) return { id: reply.body.record.id };
      // A retry after an attempt whose answer was lost: the first one counted, and says so.
      if (reply.body?.code === 'ALREADY_CHECKED_IN') return { id: reply.body.details?.record?.id, note: 'already' };
      return { error: `${reply.status} ${reply.body?.code ?? ''}`.trim() };
    });
  }

  // ── chat ─────────────────────────────────────────────────────────────────────────────────────────────────────
  async message() {
    const n = (this.sequence.message += 1);
    const { conversationId } = this.school;
    const viaSocket = n % 2 === 0 ? this.sockets[(n / 2) % this.sockets.length] : null;
    const sender = viaSocket ? viaSocket.student : this.school.students[n % this.school.students.length];
    const clientId = `fault-${this.runId}-${n}`;
    const body = { conversationId, body: `Fault message ${n} (${this.runId})`, clientId };
    return this.operate(viaSocket ? 'message_socket' : 'message_rest', clientId, async () => {
      if (viaSocket && viaSocket.socket.connected) {
        const ack = await viaSocket.socket.timeout(ATTEMPT_TIMEOUT_MS).emitWithAck('send_message', body).catch((error) => ({ ok: false, error: { code: error.message } }));
        if (ack?.ok && ack.message?.id) return { id: ack.message.id };
        return { error: `socket ${ack?.error?.code ?? 'no ack'}` };
      }
      // A disconnected socket's message goes over REST with the same idempotency key.
      const reply = await this.asUser(sender.email, 'POST', `/api/v1/messages/conversations/${conversationId}/messages`, { body: body.body, clientId });
      if ((reply.status === 200 || reply.status === 201) && reply.body?.id) return { id: reply.body.id };
      return { error: `${reply.status} ${reply.body?.code ?? ''}`.trim() };
    }).then((op) => Object.assign(op, { senderId: sender.id, conversationId }));
  }

  // ── grades → parent alerts → emails ─────────────────────────────────────────────────────────────────────────
  async grade() {
    const n = this.sequence.grade;
    const assignment = this.school.assignments[n];
    if (!assignment) return;
    this.sequence.grade += 1;
    const child = this.school.children[n % this.school.children.length];
    return this.operate('grade', `${assignment.id}:${child.id}`, async () => {
      const reply = await this.asUser(this.school.teacher.email, 'PUT', `/api/v1/assignments/${assignment.id}/grades/${child.id}`, { score: 20, feedback: 'fault run' });
      if (reply.status === 200 || reply.status === 201) return { id: reply.body.id ?? `${assignment.id}:${child.id}` };
      return { error: `${reply.status} ${reply.body?.code ?? ''}`.trim() };
    }).then((op) => Object.assign(op, { assignmentId: assignment.id, assignmentTitle: assignment.title, studentId: child.id, parentIds: child.parentIds }));
  }
}
