import { io, type Socket } from 'socket.io-client';
import type { ClientEventMap } from '@tec/shared';
import { bootTestService } from '@tec/shared/testing';
import { buildServiceModule } from '../../services/attendance/src/app.module';
import { attendanceConfigShape } from '../../services/attendance/src/config';
import { attendanceEntities } from '../../services/attendance/src/entities';
import { attendanceMigrations } from '../../services/attendance/src/migrations';
import { ALLOWED_ORIGIN, http, login, startStack, type Stack } from './harness';

let stack: Stack;
let teacher: { accessToken: string; user: { id: string } };
let student: { accessToken: string; user: { id: string } };
let courseId: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  stack = await startStack({
    services: {
      attendance: ({ nats }) =>
        bootTestService({
          nats,
          schema: 'attendance',
          entities: attendanceEntities,
          migrations: attendanceMigrations,
          configShape: attendanceConfigShape,
          buildModule: (config) => buildServiceModule(config),
          env: { ATTENDANCE_JOB_INTERVAL_SECONDS: '0', ATTENDANCE_COUNTS_PUSH_MS: '20', ATTENDANCE_EVIDENCE_DIR: `/tmp/attendance-e2e-${process.pid}` },
        }),
    },
  });
  teacher = await login(stack, 'teacher@tec.example');
  student = await login(stack, 'student@tec.example');
  const courses = await http<{ items: { id: string; teachers: { id: string }[] }[] }>(stack, 'GET', '/api/v1/courses', { token: student.accessToken });
  courseId = courses.body.items.find((course) => course.teachers.some((person) => person.id === teacher.user.id))!.id;
  // The attendance read model fills from core's seed events.
  const attendanceDb = stack.services.attendance!.db.dataSource;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const rows = await attendanceDb.query(`SELECT 1 FROM "attendance"."enrollments" WHERE course_id = $1 AND student_id = $2 AND active`, [courseId, student.user.id]);
    const teaches = await attendanceDb.query(`SELECT 1 FROM "attendance"."course_teachers" WHERE course_id = $1 AND teacher_id = $2`, [courseId, teacher.user.id]);
    if (rows.length && teaches.length) break;
    if (Date.now() > deadline) throw new Error('attendance read model did not fill');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await stack?.close();
});

async function openSocket(token: string): Promise<Socket> {
  const socket = io(stack.url, { path: '/socket.io', transports: ['websocket'], auth: { token }, extraHeaders: { origin: ALLOWED_ORIGIN }, reconnection: false, forceNew: true });
  sockets.push(socket);
  await new Promise((resolve) => socket.once('session_ready', resolve));
  return socket;
}

async function newSession(startOffsetMinutes = -1): Promise<string> {
  const startsAt = new Date(Date.now() + startOffsetMinutes * 60_000);
  const reply = await http<{ items: { id: string }[] }>(stack, 'POST', '/api/v1/classes/sessions', {
    token: teacher.accessToken,
    body: { courseId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_000_000).toISOString(), topic: 'Limits' },
  });
  expect(reply.status).toBe(201);
  return reply.body.items[0]!.id;
}

describe('attendance through the gateway', () => {
  it('projector QR → student check-in → the teacher’s room gets the record and the counter live', async () => {
    const sessionId = await newSession();
    const teacherSocket = await openSocket(teacher.accessToken);
    const studentSocket = await openSocket(student.accessToken);
    expect(await teacherSocket.emitWithAck('join_room', { kind: 'session', id: sessionId })).toEqual({ ok: true, room: `session:${sessionId}` });
    expect((await studentSocket.emitWithAck('join_room', { kind: 'session', id: sessionId })).error?.code).toBe('FORBIDDEN');
    const gotRecord = new Promise<ClientEventMap['attendance_record']>((resolve) => teacherSocket.once('attendance_record', resolve));
    const gotCounts = new Promise<ClientEventMap['attendance_counts']>((resolve) => teacherSocket.once('attendance_counts', resolve));

    const qr = await http<{ url: string; token: string; refreshAfterMs: number }>(stack, 'POST', '/api/v1/attendance/generate-qr', { token: teacher.accessToken, body: { sessionId } });
    expect(qr.status).toBe(200);
    const scanned = new URL(qr.body.url).searchParams.get('t')!;
    const checkIn = await http<{ record: { status: string; method: string } }>(stack, 'POST', '/api/v1/attendance/check-in', {
      token: student.accessToken,
      body: { token: scanned, deviceId: 'e2e-device-0001' },
    });
    expect(checkIn.status).toBe(200);
    expect(checkIn.body.record).toMatchObject({ status: 'present', method: 'qr_code' });
    expect((await gotRecord).student.id).toBe(student.user.id);
    expect((await gotCounts).counts.present).toBe(1);

    const again = await http(stack, 'POST', '/api/v1/attendance/check-in', { token: student.accessToken, body: { token: scanned, deviceId: 'e2e-device-0001' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_CHECKED_IN');
    const forged = await http(stack, 'POST', '/api/v1/attendance/check-in', { token: student.accessToken, body: { token: `${scanned.slice(0, -3)}abc`, deviceId: 'e2e-device-0001' } });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('TOKEN_INVALID');
  });

  it('refuses break-ins: a student marking, a teacher of another course, a student reading another student', async () => {
    const sessionId = await newSession();
    const asStudent = await http(stack, 'POST', '/api/v1/attendance/mark', { token: student.accessToken, body: { sessionId, studentId: student.user.id, status: 'present' } });
    expect(asStudent.status).toBe(403);
    const courses = await http<{ items: { id: string; teachers: { id: string }[] }[] }>(stack, 'GET', '/api/v1/courses', { token: (await login(stack, 'admin@tec.example')).accessToken });
    const course = courses.body.items.find((item) => item.id === courseId)!;
    let outsider: string | null = null;
    for (const email of ['maria.lopez@tec.example', 'james.carter@tec.example', 'aiko.tanaka@tec.example']) {
      const other = await login(stack, email);
      if (!course.teachers.some((person) => person.id === other.user.id)) outsider = other.accessToken;
    }
    const foreign = await http(stack, 'POST', '/api/v1/attendance/mark', { token: outsider!, body: { sessionId, studentId: student.user.id, status: 'absent' } });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('FORBIDDEN');
    const roster = await http<{ items: { student: { id: string } }[] }>(stack, 'GET', `/api/v1/classes/sessions/${sessionId}/roster`, { token: teacher.accessToken });
    const classmate = roster.body.items.find((entry) => entry.student.id !== student.user.id)!.student.id;
    const peek = await http(stack, 'GET', `/api/v1/attendance/reports?type=student_detail&studentId=${classmate}`, { token: student.accessToken });
    expect(peek.status).toBe(403);
    const marked = await http(stack, 'POST', '/api/v1/attendance/mark', { token: teacher.accessToken, body: { sessionId, studentId: classmate, status: 'absent', note: '=1+1' } });
    expect(marked.status).toBe(200);
  });

  it('downloads reports as CSV with the right headers and formula-safe cells', async () => {
    const reply = await fetch(`${stack.url}/api/v1/attendance/reports?type=course_summary&courseId=${courseId}&format=csv`, { headers: { authorization: `Bearer ${teacher.accessToken}` } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toBe(`attachment; filename="attendance-summary-${courseId}.csv"`);
    const bytes = Buffer.from(await reply.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, so spreadsheets read accents right
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('student_id,last_name,first_name,email,total,present,late,absent,excused,percentage,absence_streak');
    const detail = await fetch(`${stack.url}/api/v1/attendance/reports?type=student_detail&studentId=${student.user.id}&format=csv`, { headers: { authorization: `Bearer ${student.accessToken}` } });
    expect(detail.status).toBe(200);
    const json = await http<{ type: string; rows: unknown[] }>(stack, 'GET', `/api/v1/attendance/reports?type=course_summary&courseId=${courseId}`, { token: teacher.accessToken });
    expect(json.body.type).toBe('course_summary');
    expect(json.body.rows.length).toBeGreaterThan(0);
  });

  it('takes an exemption with a PDF, refuses a disguised file, and lets the teacher approve it', async () => {
    const sessionId = await newSession(60 * 24);
    const disguised = await http(stack, 'POST', '/api/v1/attendance/exemptions', {
      token: student.accessToken,
      body: { sessionId, reason: 'Flu', evidence: { fileName: 'note.pdf', contentBase64: Buffer.from('<script>alert(1)</script>').toString('base64') } },
    });
    expect(disguised.status).toBe(415);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    const created = await http<{ id: string; status: string }>(stack, 'POST', '/api/v1/attendance/exemptions', {
      token: student.accessToken,
      body: { sessionId, reason: 'Flu', evidence: { fileName: 'note.pdf', contentBase64: pdf.toString('base64') } },
    });
    expect(created.status).toBe(201);
    const file = await fetch(`${stack.url}/api/v1/attendance/exemptions/${created.body.id}/evidence`, { headers: { authorization: `Bearer ${teacher.accessToken}` } });
    expect(file.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    const decided = await http<{ status: string }>(stack, 'POST', `/api/v1/attendance/exemptions/${created.body.id}/decision`, { token: teacher.accessToken, body: { decision: 'approve' } });
    expect(decided.body.status).toBe('approved');
  });

  it('documents every attendance route in OpenAPI', async () => {
    const docs = await http<{ paths: Record<string, unknown> }>(stack, 'GET', '/api/docs-json');
    for (const path of ['/api/v1/classes/sessions', '/api/v1/classes/sessions/{sessionId}', '/api/v1/attendance/mark', '/api/v1/attendance/generate-qr', '/api/v1/attendance/reports', '/api/v1/attendance/check-in']) {
      expect(docs.body.paths[path]).toBeDefined();
    }
  });
});
