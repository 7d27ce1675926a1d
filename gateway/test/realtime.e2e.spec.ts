import { io, type Socket } from 'socket.io-client';
import { connect } from 'nats';
import { PUSH_BATCH_SUBJECT, publishPush, withPrefix } from '@tec/shared';
import { testConfig, waitFor } from '@tec/shared/testing';
import { ALLOWED_ORIGIN, login, startStack, type Stack } from './harness';

let stack: Stack;
const sockets: Socket[] = [];

beforeAll(async () => {
  stack = await startStack();
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await stack?.close();
});

function open(auth: Record<string, unknown>, origin = ALLOWED_ORIGIN): Socket {
  const socket = io(stack.url, { path: '/socket.io', transports: ['websocket'], auth, extraHeaders: { origin }, reconnection: false, forceNew: true });
  sockets.push(socket);
  return socket;
}

function connectError(socket: Socket): Promise<{ message: string; data?: { code: string } }> {
  return new Promise((resolve) => socket.once('connect_error', (error) => resolve(error as { message: string; data?: { code: string } })));
}

describe('Socket.IO', () => {
  it('refuses an unauthenticated socket', async () => {
    const error = await connectError(open({}));
    expect(error.message).toBe('UNAUTHENTICATED');
    expect(error.data?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a bad token and a foreign origin', async () => {
    expect((await connectError(open({ token: 'a.b.c' }))).message).toBe('TOKEN_INVALID');
    const { accessToken } = await login(stack, 'student@tec.example');
    expect((await connectError(open({ token: accessToken }, 'http://evil.test'))).message).toBe('ORIGIN_NOT_ALLOWED');
  });

  it("greets an authenticated socket and delivers pushes to the user's room only", async () => {
    const student = await login(stack, 'student@tec.example');
    const teacher = await login(stack, 'teacher@tec.example');
    const studentSocket = open({ token: student.accessToken });
    const teacherSocket = open({ token: teacher.accessToken });
    const ready = await new Promise<{ userId: string }>((resolve) => studentSocket.once('session_ready', resolve));
    expect(ready.userId).toBe(student.user.id);
    await new Promise((resolve) => teacherSocket.once('session_ready', resolve));

    const teacherGot: unknown[] = [];
    teacherSocket.on('notification', (data) => teacherGot.push(data));
    const received = new Promise((resolve) => studentSocket.once('notification', resolve));

    // A second NATS connection stands for another service (or another gateway's publisher).
    const publisher = await connect({ servers: testConfig.NATS_URL });
    const payload = { id: 'n1', title: 'Quiz graded', body: '9/10', createdAt: new Date().toISOString() };
    publishPush(publisher, stack.core.prefix, { room: { kind: 'user', id: student.user.id }, event: 'notification', data: payload });
    await publisher.flush();
    await expect(received).resolves.toEqual(payload);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(teacherGot).toEqual([]);
    await publisher.close();
  });

  it('joins object rooms only when the owning service allows it, and delivers their pushes', async () => {
    const student = await login(stack, 'student@tec.example');
    const admin = await login(stack, 'admin@tec.example');
    const socket = open({ token: student.accessToken });
    await new Promise((resolve) => socket.once('session_ready', resolve));
    const emit = (event: string, body: unknown) => socket.emitWithAck(event, body) as Promise<{ ok: boolean; room?: string; error?: { code: string } }>;

    const mine = await fetch(`${stack.url}/api/v1/courses`, { headers: { authorization: `Bearer ${student.accessToken}` } }).then((r) => r.json() as Promise<{ items: { id: string }[] }>);
    const all = await fetch(`${stack.url}/api/v1/courses`, { headers: { authorization: `Bearer ${admin.accessToken}` } }).then((r) => r.json() as Promise<{ items: { id: string }[] }>);
    const myCourse = mine.items[0]!.id;
    const otherCourse = all.items.find((course) => !mine.items.some((own) => own.id === course.id))!.id;

    expect(await emit('join_room', { kind: 'course', id: myCourse })).toEqual({ ok: true, room: `course:${myCourse}` });
    expect((await emit('join_room', { kind: 'course', id: otherCourse })).error?.code).toBe('FORBIDDEN');
    expect((await emit('join_room', { kind: 'user', id: admin.user.id })).error?.code).toBe('VALIDATION_FAILED');
    // No attendance service runs in this test: its rooms cannot be authorized, so they are not joined.
    expect((await emit('join_room', { kind: 'session', id: 'x' })).error?.code).toBe('SERVICE_UNAVAILABLE');

    const received = new Promise((resolve) => socket.once('notification', resolve));
    const publisher = await connect({ servers: testConfig.NATS_URL });
    const payload = { id: 'n2', title: 'Class moved', body: 'Room 4', createdAt: new Date().toISOString() };
    publishPush(publisher, stack.core.prefix, { room: { kind: 'course', id: otherCourse }, event: 'notification', data: { ...payload, id: 'not-for-you' } });
    publishPush(publisher, stack.core.prefix, { room: { kind: 'course', id: myCourse }, event: 'notification', data: payload });
    await publisher.flush();
    await expect(received).resolves.toEqual(payload);
    await publisher.close();

    expect(await emit('leave_room', { kind: 'course', id: myCourse })).toEqual({ ok: true, room: `course:${myCourse}` });
  });

  it('relays a push batch in order, several to one room together, skipping an item that breaks the contract', async () => {
    const student = await login(stack, 'student@tec.example');
    const first = open({ token: student.accessToken });
    const second = open({ token: student.accessToken });
    await Promise.all([first, second].map((socket) => new Promise((resolve) => socket.once('session_ready', resolve))));
    const got = new Map<Socket, string[]>([
      [first, []],
      [second, []],
    ]);
    for (const [socket, ids] of got) socket.on('notification', (data: { id: string }) => ids.push(data.id));

    const publisher = await connect({ servers: testConfig.NATS_URL });
    const item = (id: string) => ({ room: { kind: 'user', id: student.user.id }, event: 'notification', data: { id, title: id, body: '', createdAt: new Date().toISOString() } });
    const broken = { room: { kind: 'nowhere', id: student.user.id }, event: 'notification', data: { id: 'broken' } };
    // As publishPush sends the pushes of one moment: one message on push.batch, items in order.
    publisher.publish(withPrefix(stack.core.prefix, PUSH_BATCH_SUBJECT), new TextEncoder().encode(JSON.stringify({ items: [item('b1'), broken, item('b2'), item('b3')] })));
    await publisher.flush();
    await waitFor(() => [...got.values()].every((ids) => ids.length >= 3));
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const ids of got.values()) expect(ids).toEqual(['b1', 'b2', 'b3']);
    await publisher.close();
  });
});
