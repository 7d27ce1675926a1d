import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { io, type Socket } from 'socket.io-client';
import { createLogger, parentPortalLinkEvents, signAccessToken, type ChatMessage, type ClientEventMap, type UserProfile } from '@tec/shared';
import { bootTestService, publishTestEvent } from '@tec/shared/testing';
import type { DataSource } from 'typeorm';
import { buildServiceModule } from '../../services/chat/src/app.module';
import { chatConfigShape } from '../../services/chat/src/config';
import { chatEntities } from '../../services/chat/src/entities';
import { chatMigrations } from '../../services/chat/src/migrations';
import { imageInfo, testImage, webpBomb } from '../../services/chat/test/support/images';
import { createGatewayApp } from '../src/bootstrap';
import { ALLOWED_ORIGIN, http, login, startStack, type Stack } from './harness';

type Session = { accessToken: string; user: { id: string } };

let stack: Stack;
let secondGateway: NestExpressApplication;
let secondUrl: string;
let chatDb: DataSource;
let teacher: Session;
let student: Session;
let parent: Session;
let admin: Session;
let courseConversationId: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  stack = await startStack({
    services: {
      chat: ({ nats }) =>
        bootTestService({
          nats,
          schema: 'chat',
          entities: chatEntities,
          migrations: chatMigrations,
          configShape: chatConfigShape,
          buildModule: (config) => buildServiceModule(config),
          env: { CHAT_JOB_INTERVAL_SECONDS: '0', CHAT_POLICY_CACHE_MS: '0', CHAT_ATTACHMENTS_DIR: `/tmp/chat-e2e-${process.pid}` },
        }),
    },
  });
  // A second gateway instance on the same NATS prefix: no shared state but NATS.
  secondGateway = await createGatewayApp(stack.config, createLogger({ service: 'gateway-2', level: 'silent' }));
  await secondGateway.listen(0, '127.0.0.1');
  secondUrl = `http://127.0.0.1:${(secondGateway.getHttpServer().address() as { port: number }).port}`;
  [teacher, student, parent, admin] = [
    await login(stack, 'teacher@tec.example'),
    await login(stack, 'student@tec.example'),
    await login(stack, 'parent@tec.example'),
    await login(stack, 'admin@tec.example'),
  ];
  chatDb = stack.services.chat!.db.dataSource;
  // Chat fills its read model and the course conversations from core's seed events.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const rows = await chatDb.query<{ id: string }[]>(
      `SELECT c.id FROM "chat"."conversations" c
       JOIN "chat"."participants" t ON t.conversation_id = c.id AND t.user_id = $1 AND t.left_at IS NULL
       JOIN "chat"."participants" s ON s.conversation_id = c.id AND s.user_id = $2 AND s.left_at IS NULL
       WHERE c.kind = 'course' LIMIT 1`,
      [teacher.user.id, student.user.id],
    );
    if (rows[0]) {
      courseConversationId = rows[0].id;
      break;
    }
    if (Date.now() > deadline) throw new Error('chat read model did not fill');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 180_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await secondGateway?.close();
  await stack?.close();
});

function connect(token: string | undefined, url = stack.url): Socket {
  const socket = io(url, { path: '/socket.io', transports: ['websocket'], auth: token === undefined ? {} : { token }, extraHeaders: { origin: ALLOWED_ORIGIN }, reconnection: false, forceNew: true });
  sockets.push(socket);
  return socket;
}

async function openSocket(token: string, url = stack.url): Promise<Socket> {
  const socket = connect(token, url);
  await new Promise((resolve) => socket.once('session_ready', resolve));
  return socket;
}

function next<E extends keyof ClientEventMap>(socket: Socket, event: E, match: (data: ClientEventMap[E]) => boolean = () => true, timeoutMs = 10_000): Promise<ClientEventMap[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    const handler = (data: ClientEventMap[E]) => {
      if (!match(data)) return;
      clearTimeout(timer);
      socket.off(event as string, handler);
      resolve(data);
    };
    socket.on(event as string, handler);
  });
}

function emit<T = { ok: boolean; error?: { code: string } }>(socket: Socket, event: string, body: unknown): Promise<T> {
  return socket.timeout(10_000).emitWithAck(event, body) as Promise<T>;
}

async function join(socket: Socket, conversationId: string) {
  return emit<{ ok: boolean; error?: { code: string } }>(socket, 'join_conversation', { conversationId });
}

async function profile(userId: string): Promise<UserProfile> {
  const [row] = await chatDb.query<UserProfile[]>(
    `SELECT id, email, first_name AS "firstName", last_name AS "lastName", role, timezone, locale, to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth" FROM "chat"."users" WHERE id = $1`,
    [userId],
  );
  return row!;
}

describe('chat through the gateway', () => {
  it('refuses a socket without a token or with an expired one', async () => {
    const missing = connect(undefined);
    expect((await new Promise<Error>((resolve) => missing.once('connect_error', resolve))).message).toBe('UNAUTHENTICATED');
    const privateKey = readFileSync(stack.core.config.JWT_PRIVATE_KEY_FILE, 'utf8');
    const expired = await signAccessToken({
      userId: student.user.id,
      role: 'student',
      sessionId: randomUUID(),
      privateKey,
      issuer: stack.config.JWT_ISSUER,
      audience: stack.config.JWT_AUDIENCE,
      ttlSeconds: 60,
      now: new Date(Date.now() - 3_600_000),
    });
    const late = connect(expired.token);
    expect((await new Promise<Error>((resolve) => late.once('connect_error', resolve))).message).toBe('TOKEN_EXPIRED');
  });

  it('tells a socket whose token expires while connected, disconnects it, and a fresh token reconnects and receives again', async () => {
    const shortLived = await signAccessToken({
      userId: student.user.id,
      role: 'student',
      sessionId: randomUUID(),
      privateKey: readFileSync(stack.core.config.JWT_PRIVATE_KEY_FILE, 'utf8'),
      issuer: stack.config.JWT_ISSUER,
      audience: stack.config.JWT_AUDIENCE,
      ttlSeconds: 2,
    });
    const socket = await openSocket(shortLived.token);
    expect(await join(socket, courseConversationId)).toMatchObject({ ok: true });
    const expired = next(socket, 'session_expired', () => true, 5_000);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const notice = await expired;
    expect(notice).toEqual({ code: 'TOKEN_EXPIRED', message: expect.any(String), expiredAt: shortLived.expiresAt.toISOString() });
    expect(Date.now()).toBeGreaterThanOrEqual(shortLived.expiresAt.getTime());
    // A server-side disconnect: Socket.IO does not come back by itself with the stale token.
    expect(await disconnected).toBe('io server disconnect');
    expect(socket.connected).toBe(false);
    // The stale token no longer opens a socket (the verifier's clock tolerance does not apply to sockets).
    const stale = connect(shortLived.token);
    expect((await new Promise<Error>((resolve) => stale.once('connect_error', resolve))).message).toBe('TOKEN_EXPIRED');

    const fresh = await openSocket(student.accessToken);
    expect(await join(fresh, courseConversationId)).toMatchObject({ ok: true });
    const received = next(fresh, 'new_message', (message) => message.body === 'after the refresh');
    expect((await http(stack, 'POST', `/api/v1/messages/conversations/${courseConversationId}/messages`, { token: teacher.accessToken, body: { body: 'after the refresh' } })).status).toBe(201);
    expect(await received).toMatchObject({ conversationId: courseConversationId, sender: { id: teacher.user.id } });
  });

  it('lets only participants join a conversation room', async () => {
    const parentSocket = await openSocket(parent.accessToken);
    expect(await join(parentSocket, courseConversationId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await join(parentSocket, 'not-a-uuid')).toMatchObject({ ok: false });
    expect((await http(stack, 'GET', `/api/v1/messages/conversations/${courseConversationId}/messages`, { token: parent.accessToken })).status).toBe(404);
    const studentSocket = await openSocket(student.accessToken);
    expect(await join(studentSocket, courseConversationId)).toMatchObject({ ok: true, room: `conversation:${courseConversationId}` });
    // Typing only in a joined room.
    expect(await emit(parentSocket, 'typing', { conversationId: courseConversationId, typing: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('delivers a socket message to every participant, on both gateway instances, and persists it; receipts and unread counts follow', async () => {
    const studentSocket = await openSocket(student.accessToken);
    const teacherSocket = await openSocket(teacher.accessToken);
    const teacherOnSecond = await openSocket(teacher.accessToken, secondUrl);
    for (const socket of [studentSocket, teacherSocket, teacherOnSecond]) expect(await join(socket, courseConversationId)).toMatchObject({ ok: true });
    const clientId = randomUUID();
    const onTeacher = next(teacherSocket, 'new_message', (message) => message.clientId === clientId);
    const onSecond = next(teacherOnSecond, 'new_message', (message) => message.clientId === clientId);
    const onSender = next(studentSocket, 'new_message', (message) => message.clientId === clientId);
    const ack = await emit<{ ok: true; message: ChatMessage }>(studentSocket, 'send_message', { conversationId: courseConversationId, body: 'Is the lab open today?', clientId });
    expect(ack.ok).toBe(true);
    for (const received of await Promise.all([onTeacher, onSecond, onSender])) expect(received).toMatchObject({ id: ack.message.id, body: 'Is the lab open today?', sender: { id: student.user.id } });
    const history = await http<{ items: ChatMessage[] }>(stack, 'GET', `/api/v1/messages/conversations/${courseConversationId}/messages?limit=5`, { token: teacher.accessToken });
    expect(history.body.items.at(-1)!.id).toBe(ack.message.id);

    const inbox = await http<{ items: { id: string; unreadCount: number; lastMessage: { preview: string } }[] }>(stack, 'GET', '/api/v1/messages/conversations?kind=course', { token: teacher.accessToken });
    const row = inbox.body.items.find((item) => item.id === courseConversationId)!;
    expect(row.unreadCount).toBeGreaterThanOrEqual(1);
    expect(row.lastMessage.preview).toBe('Is the lab open today?');

    const receipt = next(studentSocket, 'message_read', (data) => data.userId === teacher.user.id);
    const ownTabs = next(teacherOnSecond, 'message_read', (data) => data.userId === teacher.user.id && data.unreadCount === 0);
    const read = await emit<{ ok: true; read: { unreadCount: number; lastReadSeq: number } }>(teacherSocket, 'read_message', { conversationId: courseConversationId, messageId: ack.message.id });
    expect(read).toMatchObject({ ok: true, read: { unreadCount: 0, lastReadSeq: ack.message.seq } });
    expect(await receipt).toMatchObject({ messageId: ack.message.id, seq: ack.message.seq });
    await ownTabs;

    // Typing reaches the other gateway's socket; a second `typing: true` at once is dropped.
    const typing = next(teacherOnSecond, 'typing', (data) => data.userId === student.user.id);
    expect(await emit(studentSocket, 'typing', { conversationId: courseConversationId, typing: true })).toMatchObject({ ok: true, relayed: true });
    expect(await emit(studentSocket, 'typing', { conversationId: courseConversationId, typing: true })).toMatchObject({ ok: true, relayed: false });
    expect(await typing).toMatchObject({ conversationId: courseConversationId, typing: true });

    // The web sends typing as a volatile emit without an ack: a `typing: false` that way reaches the room too.
    const stopped = next(teacherOnSecond, 'typing', (data) => data.userId === student.user.id && data.typing === false);
    studentSocket.volatile.emit('typing', { conversationId: courseConversationId, typing: false });
    expect(await stopped).toMatchObject({ conversationId: courseConversationId, typing: false });
  });

  it('loses nothing across a dropped connection: the client fetches after the last id it saw', async () => {
    let socket = await openSocket(student.accessToken);
    await join(socket, courseConversationId);
    const seen = next(socket, 'new_message');
    const first = await http<ChatMessage>(stack, 'POST', `/api/v1/messages/conversations/${courseConversationId}/messages`, { token: teacher.accessToken, body: { body: 'before the tunnel' } });
    expect(first.status).toBe(201);
    const lastSeen = (await seen).id;
    socket.disconnect();
    const sentWhileAway: string[] = [];
    for (const body of ['one', 'two', 'three']) {
      sentWhileAway.push((await http<ChatMessage>(stack, 'POST', `/api/v1/messages/conversations/${courseConversationId}/messages`, { token: teacher.accessToken, body: { body } })).body.id);
    }
    socket = await openSocket(student.accessToken);
    await join(socket, courseConversationId);
    const missed = await http<{ items: ChatMessage[]; hasMore: boolean }>(stack, 'GET', `/api/v1/messages/conversations/${courseConversationId}/messages?after=${lastSeen}`, { token: student.accessToken });
    expect(missed.body.items.map((message) => message.id)).toEqual(sentWhileAway);
    expect(missed.body.hasMore).toBe(false);
  });

  it('pushes edits, deletions and reactions, and hides deleted text from participants but not from the admin review', async () => {
    const socket = await openSocket(student.accessToken);
    await join(socket, courseConversationId);
    const sent = (await http<ChatMessage>(stack, 'POST', `/api/v1/messages/conversations/${courseConversationId}/messages`, { token: teacher.accessToken, body: { body: 'Homework: page 4' } })).body;
    const edited = next(socket, 'message_edited', (message) => message.id === sent.id);
    expect((await http(stack, 'PATCH', `/api/v1/messages/${sent.id}`, { token: teacher.accessToken, body: { body: 'Homework: page 5' } })).status).toBe(200);
    expect(await edited).toMatchObject({ body: 'Homework: page 5', isEdited: true });
    expect((await http(stack, 'PATCH', `/api/v1/messages/${sent.id}`, { token: student.accessToken, body: { body: 'nope' } })).status).toBe(403);
    const reacted = next(socket, 'message_reactions', (data) => data.messageId === sent.id);
    expect((await http(stack, 'PUT', `/api/v1/messages/${sent.id}/reactions`, { token: student.accessToken, body: { emoji: '👍', on: true } })).status).toBe(200);
    expect((await reacted).reactions).toEqual([{ emoji: '👍', count: 1, userIds: [student.user.id] }]);
    expect((await http(stack, 'DELETE', `/api/v1/messages/${sent.id}`, { token: student.accessToken })).status).toBe(403);
    const deleted = next(socket, 'message_deleted', (data) => data.messageId === sent.id);
    expect((await http(stack, 'DELETE', `/api/v1/messages/${sent.id}`, { token: teacher.accessToken, body: { reason: 'wrong page' } })).status).toBe(200);
    await deleted;
    const after = await http<{ items: ChatMessage[] }>(stack, 'GET', `/api/v1/messages/conversations/${courseConversationId}/messages?limit=10`, { token: student.accessToken });
    expect(after.body.items.find((message) => message.id === sent.id)).toMatchObject({ deleted: true, body: '' });
    expect((await http(stack, 'GET', `/api/v1/messages/moderation/safeguarding?conversationId=${courseConversationId}&onlyDeleted=true`, { token: teacher.accessToken })).status).toBe(403);
    const review = await http<{ items: { id: string; body: string; deleteReason: string }[] }>(stack, 'GET', `/api/v1/messages/moderation/safeguarding?conversationId=${courseConversationId}&onlyDeleted=true`, { token: admin.accessToken });
    expect(review.body.items.find((item) => item.id === sent.id)).toMatchObject({ body: 'Homework: page 5', deleteReason: 'wrong page', conversation: { id: courseConversationId, kind: 'course' } });
    // Across conversations by cursor (a newer message first, then the deleted one); the query is checked at the edge.
    await http(stack, 'POST', `/api/v1/messages/conversations/${courseConversationId}/messages`, { token: teacher.accessToken, body: { body: 'Homework: page 6' } });
    const firstPage = await http<{ items: { id: string }[]; nextCursor: string | null }>(stack, 'GET', '/api/v1/messages/moderation/safeguarding?limit=1', { token: admin.accessToken });
    expect(firstPage.body.items).toHaveLength(1);
    const secondPage = await http<{ items: { id: string }[] }>(stack, 'GET', `/api/v1/messages/moderation/safeguarding?limit=1&cursor=${encodeURIComponent(firstPage.body.nextCursor!)}`, { token: admin.accessToken });
    expect(secondPage.body.items).toHaveLength(1);
    expect(secondPage.body.items[0]!.id).not.toBe(firstPage.body.items[0]!.id);
    const tampered = await http<{ code: string; details: { path: string }[] }>(stack, 'GET', '/api/v1/messages/moderation/safeguarding?cursor=not-a-cursor', { token: admin.accessToken });
    expect([tampered.status, tampered.body.code, tampered.body.details[0]?.path]).toEqual([400, 'VALIDATION_FAILED', 'cursor']);
    const backwards = await http(stack, 'GET', '/api/v1/messages/moderation/safeguarding?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', { token: admin.accessToken });
    expect(backwards.status).toBe(400);
  });

  it('uploads attachments checked by content, previews images inline from a thumbnail, and serves them to participants only', async () => {
    const png = await testImage(800, 600, 'png');
    const route = `/api/v1/messages/conversations/${courseConversationId}/attachments`;
    const disguised = await http(stack, 'POST', route, { token: student.accessToken, body: { fileName: 'cat.png', contentBase64: Buffer.from('MZ\x90\x00\x03\x00', 'latin1').toString('base64') } });
    expect(disguised.status).toBe(415);
    const upload = await http<{ id: string; fileName: string; preview: boolean }>(stack, 'POST', route, { token: student.accessToken, body: { fileName: '..\\..\\boot.ini\\cat.png', contentBase64: png.toString('base64') } });
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ fileName: 'cat.png', preview: true, width: 800, height: 600, thumbnail: { width: 320, height: 240 } });
    await http(stack, 'POST', `/api/v1/messages/conversations/${courseConversationId}/messages`, { token: student.accessToken, body: { attachmentId: upload.body.id } });
    const download = await fetch(`${stack.url}/api/v1/messages/attachments/${upload.body.id}?inline=1`, { headers: { authorization: `Bearer ${teacher.accessToken}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toMatch(/^inline; filename="cat.png"/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);
    const stranger = await fetch(`${stack.url}/api/v1/messages/attachments/${upload.body.id}`, { headers: { authorization: `Bearer ${parent.accessToken}` } });
    expect(stranger.status).toBe(404);

    // The preview: a WebP thumbnail made at upload, always inline, with the same headers and the same access.
    const thumbnail = await fetch(`${stack.url}/api/v1/messages/attachments/${upload.body.id}/thumbnail`, { headers: { authorization: `Bearer ${teacher.accessToken}` } });
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    expect(thumbnail.headers.get('content-disposition')).toMatch(/^inline; filename="cat-thumbnail.webp"/);
    expect(thumbnail.headers.get('x-content-type-options')).toBe('nosniff');
    expect(thumbnail.headers.get('content-security-policy')).toContain('sandbox');
    const small = Buffer.from(await thumbnail.arrayBuffer());
    expect(await imageInfo(small)).toEqual({ format: 'webp', width: 320, height: 240 });
    expect(small.length).toBeLessThan(png.length);
    for (const token of [parent.accessToken, undefined]) {
      const refused = await fetch(`${stack.url}/api/v1/messages/attachments/${upload.body.id}/thumbnail`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      expect(refused.status).toBe(token ? 404 : 401);
      expect(((await refused.json()) as { code: string }).code).toBe(token ? 'NOT_FOUND' : 'UNAUTHENTICATED');
    }
    // A decompression bomb is refused in the error shape.
    const bomb = await http<{ code: string; message: string }>(stack, 'POST', route, { token: student.accessToken, body: { fileName: 'huge.webp', contentBase64: (await webpBomb()).toString('base64') } });
    expect(bomb.status).toBe(400);
    expect(bomb.body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Images can be at most 40 megapixels' });
  });

  it('applies the safety policy to parents: their child’s teacher yes, other students never', async () => {
    const [childRow] = await chatDb.query<{ id: string }[]>(`SELECT id FROM "chat"."users" WHERE email = 'student@tec.example'`);
    const [otherStudent] = await chatDb.query<{ id: string }[]>(`SELECT id FROM "chat"."users" WHERE role = 'student' AND id <> $1 LIMIT 1`, [childRow!.id]);
    expect((await http(stack, 'POST', '/api/v1/messages/conversations', { token: parent.accessToken, body: { kind: 'direct', participantIds: [teacher.user.id] } })).status).toBe(403);
    await publishTestEvent(stack.nats.nats, stack.nats.prefix, parentPortalLinkEvents.linkActivated, { linkId: randomUUID(), parent: await profile(parent.user.id), student: await profile(childRow!.id), relationship: 'mother' }, { producer: 'parent-portal' });
    const deadline = Date.now() + 15_000;
    let reply = await http<{ id: string; created: boolean }>(stack, 'POST', '/api/v1/messages/conversations', { token: parent.accessToken, body: { kind: 'direct', participantIds: [teacher.user.id] } });
    while (reply.status === 403 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      reply = await http(stack, 'POST', '/api/v1/messages/conversations', { token: parent.accessToken, body: { kind: 'direct', participantIds: [teacher.user.id] } });
    }
    expect(reply.status).toBe(201);
    const again = await http<{ id: string; created: boolean }>(stack, 'POST', '/api/v1/messages/conversations', { token: teacher.accessToken, body: { kind: 'direct', participantIds: [parent.user.id] } });
    expect(again.body).toMatchObject({ id: reply.body.id, created: false });
    expect((await http(stack, 'POST', '/api/v1/messages/conversations', { token: parent.accessToken, body: { kind: 'direct', participantIds: [otherStudent!.id] } })).status).toBe(403);
    const contacts = await http<{ items: { id: string }[] }>(stack, 'GET', '/api/v1/messages/contacts', { token: parent.accessToken });
    expect(contacts.body.items.map((item) => item.id)).toContain(teacher.user.id);
    expect(contacts.body.items.map((item) => item.id)).not.toContain(otherStudent!.id);
  });

  it('reports go to the teacher’s queue and presence reaches the room when someone comes online', async () => {
    const sent = (await http<ChatMessage>(stack, 'POST', `/api/v1/messages/conversations/${courseConversationId}/messages`, { token: teacher.accessToken, body: { body: 'Test on Friday' } })).body;
    expect((await http(stack, 'POST', `/api/v1/messages/${sent.id}/report`, { token: student.accessToken, body: { reason: 'too much homework' } })).status).toBe(201);
    const queue = await http<{ items: { message: { id: string }; reporter: unknown }[] }>(stack, 'GET', '/api/v1/messages/moderation/reports', { token: admin.accessToken });
    expect(queue.body.items.find((item) => item.message.id === sent.id)?.reporter).toMatchObject({ id: student.user.id });
    const own = await http<{ items: { message: { id: string }; reporter: unknown }[] }>(stack, 'GET', '/api/v1/messages/moderation/reports', { token: teacher.accessToken });
    expect(own.body.items.find((item) => item.message.id === sent.id)?.reporter).toBeNull();
    expect((await http(stack, 'GET', '/api/v1/messages/moderation/reports', { token: student.accessToken })).status).toBe(403);

    const watcher = await openSocket(student.accessToken);
    await join(watcher, courseConversationId);
    for (const socket of sockets.filter((candidate) => candidate !== watcher)) socket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const online = next(watcher, 'user_online', (data) => data.userId === teacher.user.id && data.status === 'online');
    const teacherSocket = await openSocket(teacher.accessToken, secondUrl);
    await online;
    const offline = next(watcher, 'user_online', (data) => data.userId === teacher.user.id && data.status === 'offline');
    teacherSocket.disconnect();
    await offline;
  });
});
