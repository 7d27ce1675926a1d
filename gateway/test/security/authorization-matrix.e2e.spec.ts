import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { io } from 'socket.io-client';
import { ALLOWED_ORIGIN } from '../harness';
import { allHealthy, startFullStack, type FullStack } from './full-stack';
import { buildWorld, API_KEY_SCOPES, type World } from './fixtures';
import { apiKeyScopes, call, fillPath, isInternal, loadOperations, validValue, type Operation } from './openapi';

/**
 * The authorization matrix, generated from the OpenAPI document: every operation × every principal (student,
 * teacher, parent, admin, an API key per scope, anonymous), with every id parameter (path, query and body)
 * pointing at ANOTHER user's object (see fixtures.ts: CS-101 and its people). A denial is 401/403/404; a 2xx
 * is a finding unless the table below says why it is by design. Operations or cells the matrix cannot judge
 * are written to docs/security-matrix-uncovered.md with the reason.
 */

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

type Principal = { name: string; role: 'student' | 'teacher' | 'parent' | 'admin' | 'apiKey' | 'anonymous'; headers: Record<string, string>; scope?: string };

const key = (operation: Operation) => `${operation.method} ${operation.path}`;

/**
 * Cells where a 2xx on a foreign id is correct, with the reason. Keyed by "METHOD path" and role.
 * Anything not listed that answers 2xx fails the test.
 */
const ALLOWED_BY_DESIGN: Record<string, { roles: Principal['role'][]; reason: string }[]> = {};

/** Bodies and queries the schema alone cannot make valid (cross-field rules), still aimed at foreign objects. */
const BODY_OVERRIDES: Record<string, (w: World) => unknown> = {
  'POST /api/v1/messages/conversations': (w) => ({ kind: 'direct', participantIds: [w.foreign.studentId] }),
};
const QUERY_OVERRIDES: Record<string, (w: World) => Record<string, string>> = {
  'GET /api/v1/messages/presence': (w) => ({ userIds: w.foreign.studentId! }),
};

/** Operations the matrix does not judge at all, with the reason (written to the uncovered list). */
const NOT_APPLICABLE: Record<string, string> = {
  'GET /api/v1/health': 'public by design (aggregate health for probes)',
  'GET /api/v1/health/live': 'public by design (liveness probe)',
  'GET /api/v1/health/ready': 'public by design (readiness probe)',
  'POST /api/v1/webhooks/{provider}': 'public by design; authenticated by the provider signature (see security-checks webhook replay tests)',
  'POST /api/v1/auth/login': 'public by design (credentials in the body)',
  'POST /api/v1/auth/refresh': 'public by design (refresh cookie is the credential; tested in auth.e2e)',
  'POST /api/v1/auth/logout': 'public by design (clears the caller\'s own refresh cookie)',
  'GET /api/v1/notifications/unsubscribe': 'public by design; the signed token is the credential (forged tokens are fuzzed)',
  'POST /api/v1/notifications/unsubscribe': 'public by design; the signed token is the credential (forged tokens are fuzzed)',
  'GET /api/v1/live-classes/calendar/{file}': 'public by design (secret calendar feed URL); a random token must 404 (checked below)',
  'POST /api/v1/parent-portal/links/redeem': "by design: the student's one-time pairing code is the credential (then an admin approves); wrong codes are refused in parent-portal.e2e",
  'PUT /api/v1/notifications/quiet-hours': "acts on the caller's own settings only (no object parameter)",
  'GET /api/v1/email/process-queue': 'internal: INTERNAL_API_SECRET only (checked below: every role and API key is refused)',
};

function principals(w: World): Principal[] {
  return [
    { name: 'student', role: 'student', headers: { authorization: `Bearer ${w.studentA.accessToken}` } },
    { name: 'teacher', role: 'teacher', headers: { authorization: `Bearer ${w.teacherA.accessToken}` } },
    { name: 'parent', role: 'parent', headers: { authorization: `Bearer ${w.parentA.accessToken}` } },
    { name: 'admin', role: 'admin', headers: { authorization: `Bearer ${w.admin.accessToken}` } },
    ...API_KEY_SCOPES.map((scope) => ({ name: `apiKey(${scope})`, role: 'apiKey' as const, scope, headers: { 'x-api-key': w.apiKeys[scope]! } })),
    { name: 'anonymous', role: 'anonymous', headers: {} },
  ];
}

const ID_PARAMS = new Set(['courseId', 'studentId', 'userId', 'parentId', 'sessionId', 'classId', 'questionId', 'conversationId', 'messageId', 'attachmentId', 'reportId', 'exemptionId', 'assignmentId', 'codeId', 'linkId', 'notificationId', 'deliveryId', 'apiKeyId', 'importId', 'deadLetterId', 'email']);

/** Does the operation name a foreign object anywhere (path, query or body)? */
function objectParameters(operation: Operation): string[] {
  const names = operation.parameters.filter((parameter) => ID_PARAMS.has(parameter.name)).map((parameter) => parameter.name);
  for (const name of Object.keys(QUERY_OVERRIDES[key(operation)]?.(world) ?? {})) names.push(name);
  for (const name of Object.keys(operation.body?.properties ?? {})) if (ID_PARAMS.has(name) || name === 'participantIds' || name === 'mentions') names.push(name);
  return names;
}

/** Admin may act on every object; these operations are personal, so even an admin must not act on another user's. */
const PERSONAL_FOR_ADMIN = new Set([
  'POST /api/v1/notifications/{notificationId}/read',
  'PATCH /api/v1/messages/{messageId}',
  'POST /api/v1/live-classes/questions/{questionId}/upvote',
  'DELETE /api/v1/live-classes/questions/{questionId}/upvote',
  'POST /api/v1/messages/{messageId}/report',
]);

interface Cell {
  operation: string;
  principal: string;
  status: number;
  outcome: 'denied' | 'allowed-by-design' | 'LEAK' | 'uncovered';
  note: string;
}

function emptyList(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  const record = body as Record<string, unknown>;
  const lists = Object.values(record).filter(Array.isArray) as unknown[][];
  return lists.length > 0 && lists.every((list) => list.length === 0);
}

describe('authorization matrix from the OpenAPI document', () => {
  it("denies every role another user's objects on every endpoint", async () => {
    const cells: Cell[] = [];
    const uncovered: { operation: string; reason: string }[] = [];
    for (const operation of operations) {
      const id = key(operation);
      if (NOT_APPLICABLE[id]) {
        uncovered.push({ operation: id, reason: NOT_APPLICABLE[id] });
        continue;
      }
      const params = Object.fromEntries(operation.parameters.filter((parameter) => parameter.in === 'path').map((parameter) => [parameter.name, world.foreign[parameter.name] ?? '']));
      if (Object.values(params).some((value) => !value)) {
        uncovered.push({ operation: id, reason: 'no fixture for a path parameter' });
        continue;
      }
      const query = new URLSearchParams();
      for (const parameter of operation.parameters.filter((entry) => entry.in === 'query')) {
        const value = world.foreign[parameter.name];
        if (value && ID_PARAMS.has(parameter.name)) query.set(parameter.name, value);
        else if (parameter.required) query.set(parameter.name, String(validValue(parameter.schema, parameter.name, world.foreign)));
      }
      for (const [name, value] of Object.entries(QUERY_OVERRIDES[id]?.(world) ?? {})) query.set(name, value);
      const route = `${fillPath(operation.path, params)}${query.size ? `?${query}` : ''}`;
      const body = BODY_OVERRIDES[id] ? BODY_OVERRIDES[id](world) : operation.body ? validValue({ ...operation.body, required: Object.keys(operation.body.properties ?? {}).filter((name) => (operation.body!.required ?? []).includes(name) || ID_PARAMS.has(name)) }, 'body', world.foreign) : undefined;
      const objects = objectParameters(operation);
      const scopes = apiKeyScopes(operation);
      for (const principal of principals(world)) {
        const reply = await call(full.stack, operation.method, route, { headers: principal.headers, body: body ?? (operation.method === 'GET' || operation.method === 'DELETE' ? undefined : {}) });
        if (process.env.MATRIX_TRACE) process.stderr.write(`${principal.name} ${operation.method} ${route} → ${reply.status}\n`);
        const cell: Cell = { operation: id, principal: principal.name, status: reply.status, outcome: 'denied', note: '' };
        const denied = [401, 403, 404].includes(reply.status);
        const success = reply.status >= 200 && reply.status < 300;
        if (principal.role === 'anonymous' || isInternal(operation)) {
          if (reply.status !== 401) cell.outcome = success ? 'LEAK' : 'uncovered';
          cell.note = 'must be 401';
        } else if (principal.role === 'apiKey') {
          if (scopes?.includes(principal.scope!)) {
            cell.outcome = denied ? 'denied' : success ? 'allowed-by-design' : 'uncovered';
            cell.note = 'school-wide integration key within its scope';
          } else if (!denied) cell.outcome = success ? 'LEAK' : 'uncovered';
        } else if (principal.role === 'admin' && !PERSONAL_FOR_ADMIN.has(id)) {
          cell.outcome = success || denied ? 'allowed-by-design' : 'uncovered';
          cell.note = 'admin acts school-wide';
        } else if (!objects.length && !operation.path.includes('{')) {
          cell.outcome = 'allowed-by-design';
          cell.note = "no object parameter: acts on the caller's own data";
          if (!success && !denied) cell.outcome = 'uncovered';
        } else if (!denied) {
          const design = ALLOWED_BY_DESIGN[id]?.find((entry) => entry.roles.includes(principal.role));
          if (success && design) {
            cell.outcome = 'allowed-by-design';
            cell.note = design.reason;
          } else if (success && operation.method === 'GET' && emptyList(reply.body)) {
            cell.outcome = 'denied';
            cell.note = 'filtered to nothing';
          } else {
            cell.outcome = success ? 'LEAK' : 'uncovered';
            cell.note = success ? JSON.stringify(reply.body).slice(0, 200) : `${String((reply.body as { code?: string }).code)}: ${String((reply.body as { message?: string }).message).slice(0, 120)}`;
          }
        }
        cells.push(cell);
      }
    }
    // Public-by-design routes still refuse forged credentials.
    expect((await call(full.stack, 'GET', `/api/v1/live-classes/calendar/${world.foreign.file}`)).status).toBe(404);
    for (const principal of principals(world)) {
      expect((await call(full.stack, 'GET', '/api/v1/email/process-queue', { headers: principal.headers })).status).toBe(401);
    }

    const leaks = cells.filter((cell) => cell.outcome === 'LEAK');
    const unjudged = cells.filter((cell) => cell.outcome === 'uncovered');
    const denied = cells.filter((cell) => cell.outcome === 'denied').length;
    const lines = [
      '# Authorization matrix: what it does not cover',
      '',
      'Generated by `gateway/test/security/authorization-matrix.e2e.spec.ts` from the OpenAPI document. Do not edit by hand.',
      '',
      `Operations: ${operations.length}; cells run: ${cells.length}; denied: ${denied}; allowed by design: ${cells.filter((cell) => cell.outcome === 'allowed-by-design').length}; not judged: ${unjudged.length}.`,
      '',
      '## Operations not in the matrix',
      '',
      ...uncovered.map((entry) => `- \`${entry.operation}\`: ${entry.reason}`),
      '',
      '## Cells the matrix could not judge (neither a denial nor a success: usually the generated body fails a business rule first)',
      '',
      ...unjudged.map((cell) => `- \`${cell.operation}\` as ${cell.principal}: ${cell.status} ${cell.note}`),
      '',
    ];
    writeFileSync(path.join(__dirname, '../../../docs/security-matrix-uncovered.md'), lines.join('\n'));
    console.log(`authorization matrix: ${cells.length} cells over ${operations.length} operations, ${denied} denied, ${leaks.length} leaks, ${unjudged.length} not judged, ${uncovered.length} operations not covered`);
    expect(leaks).toEqual([]);
    expect(Object.values(await allHealthy(full.stack)).every((status) => status === 'ok')).toBe(true);
  }, 600_000);

  it("refuses every role's socket another user's rooms (session, class, conversation, course, user)", async () => {
    const rooms = [
      { kind: 'session', id: world.foreign.sessionId },
      { kind: 'class', id: world.foreign.classId },
      { kind: 'conversation', id: world.foreign.conversationId },
      { kind: 'course', id: world.foreign.courseId },
      { kind: 'user', id: world.foreign.studentId },
    ];
    const refusals: string[] = [];
    for (const [role, session] of Object.entries({ student: world.studentA, teacher: world.teacherA, parent: world.parentA })) {
      const socket = io(full.stack.url, { path: '/socket.io', transports: ['websocket'], auth: { token: session.accessToken }, extraHeaders: { origin: ALLOWED_ORIGIN }, reconnection: false, forceNew: true });
      await new Promise((resolve) => socket.once('session_ready', resolve));
      for (const room of rooms) {
        const ack = (await socket.timeout(5000).emitWithAck('join_room', room)) as { ok: boolean; error?: { code: string } };
        refusals.push(`${role} ${room.kind}: ${ack.ok ? 'JOINED' : ack.error!.code}`);
      }
      const conversation = (await socket.timeout(5000).emitWithAck('join_conversation', { conversationId: world.foreign.conversationId })) as { ok: boolean };
      refusals.push(`${role} join_conversation: ${conversation.ok ? 'JOINED' : 'refused'}`);
      socket.disconnect();
    }
    expect(refusals.filter((line) => line.includes('JOINED'))).toEqual([]);
  }, 60_000);
});
