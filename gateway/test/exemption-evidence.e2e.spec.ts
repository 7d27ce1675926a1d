import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ATTENDANCE_TRANSFER_BUCKET, BlobTransfer, EVIDENCE_MAX_BYTES } from '@tec/shared';
import { bootTestService } from '@tec/shared/testing';
import type { DataSource } from 'typeorm';
import { buildServiceModule } from '../../services/attendance/src/app.module';
import { attendanceConfigShape } from '../../services/attendance/src/config';
import { attendanceEntities } from '../../services/attendance/src/entities';
import { attendanceMigrations } from '../../services/attendance/src/migrations';
import { http, login, startStack, type Stack } from './harness';

// End to end through the real gateway and the real attendance service: evidence files far larger than one NATS
// message (1 MB) go up as multipart and come down through the attendance-transfers object store.
type Session = { accessToken: string; user: { id: string } };

const MB = 1024 * 1024;
const evidenceDir = mkdtempSync(path.join(tmpdir(), 'attendance-evidence-e2e-'));
let stack: Stack;
let attendanceDb: DataSource;
let transfers: BlobTransfer;
let teacher: Session;
let student: Session;
let classmate: Session;
let courseId: string;

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
          env: { ATTENDANCE_JOB_INTERVAL_SECONDS: '0', ATTENDANCE_EVIDENCE_DIR: evidenceDir },
        }),
    },
  });
  teacher = await login(stack, 'teacher@tec.example');
  student = await login(stack, 'student@tec.example');
  const courses = await http<{ items: { id: string; teachers: { id: string }[] }[] }>(stack, 'GET', '/api/v1/courses', { token: student.accessToken });
  courseId = courses.body.items.find((course) => course.teachers.some((person) => person.id === teacher.user.id))!.id;
  attendanceDb = stack.services.attendance!.db.dataSource;
  transfers = await BlobTransfer.open(stack.nats.nats, stack.nats.prefix, ATTENDANCE_TRANSFER_BUCKET);
  // The attendance read model fills from core's seed events; a classmate is another student of the same course.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const rows = await attendanceDb.query<{ email: string; student_id: string }[]>(
      `SELECT u.email, e.student_id FROM "attendance"."enrollments" e JOIN "attendance"."users" u ON u.id = e.student_id WHERE e.course_id = $1 AND e.active`,
      [courseId],
    );
    const teaches = await attendanceDb.query(`SELECT 1 FROM "attendance"."course_teachers" WHERE course_id = $1 AND teacher_id = $2`, [courseId, teacher.user.id]);
    const other = rows.find((row) => row.student_id !== student.user.id);
    if (rows.some((row) => row.student_id === student.user.id) && other && teaches.length) {
      classmate = await login(stack, other.email);
      break;
    }
    if (Date.now() > deadline) throw new Error('attendance read model did not fill');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function newSession(): Promise<string> {
  const startsAt = new Date(Date.now() + 24 * 3_600_000 + Math.floor(Math.random() * 1_000_000));
  const reply = await http<{ items: { id: string }[] }>(stack, 'POST', '/api/v1/classes/sessions', {
    token: teacher.accessToken,
    body: { courseId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_000_000).toISOString(), topic: 'Evidence' },
  });
  expect(reply.status).toBe(201);
  return reply.body.items[0]!.id;
}

/** A PDF-like file: a valid header, then random bytes (so nothing compresses it away). */
function pdfLike(bytes: number): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(bytes - 9)]);
}

function storedFiles(): string[] {
  return readdirSync(evidenceDir, { recursive: true }).map(String).filter((name) => statSync(path.join(evidenceDir, name)).isFile()).sort();
}

async function transferStoreEmpties(): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const usage = await transfers.usage();
    if (usage.messages === 0 && usage.bytes === 0) return;
    if (Date.now() > deadline) throw new Error(`transfer store still holds ${JSON.stringify(usage)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What a browser sends: the fields, then the file in a part named "file". */
async function requestWithFile(token: string, fields: Record<string, string>, bytes: Buffer, fileName: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: 'application/pdf' }), fileName);
  const response = await fetch(`${stack.url}/api/v1/attendance/exemptions`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: (await response.json()) as { id: string; code?: string; evidence: { sizeBytes: number; mimeType: string } | null } };
}

/** A multipart request written 64 KB at a time without a declared length, stopping once the answer arrives. */
function streamRequest(token: string, sessionId: string, bytes: Buffer): Promise<{ status: number; body: { code: string; details: { maxBytes: number } }; sent: number; total: number }> {
  const boundary = 'tec-evidence-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="sessionId"\r\n\r\n${sessionId}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="reason"\r\n\r\nScan of a long hospital report\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const url = new URL(`${stack.url}/api/v1/attendance/exemptions`);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const headers = { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` };
    const request = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        request.destroy();
        resolve({ status: response.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()), sent, total: body.length });
      });
    });
    request.on('error', (error) => !answered && reject(error));
    const writeNext = () => {
      if (answered || request.destroyed) return;
      if (sent >= body.length) return void request.end();
      const chunk = body.subarray(sent, sent + 64 * 1024);
      sent += chunk.length;
      if (request.write(chunk)) setTimeout(writeNext, 2);
      else request.once('drain', () => setTimeout(writeNext, 2));
    };
    request.flushHeaders();
    writeNext();
  });
}

describe('exemption evidence larger than one NATS message', () => {
  it('takes a 3 MB PDF as multipart and serves it back byte for byte to the teacher and the student, not to a classmate', async () => {
    const sessionId = await newSession();
    const pdf = pdfLike(3 * MB);
    const created = await requestWithFile(student.accessToken, { sessionId, reason: 'Hospital stay' }, pdf, 'discharge-letter.pdf');
    expect(created.status).toBe(201);
    expect(created.body.evidence).toEqual({ fileName: 'discharge-letter.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length });
    await transferStoreEmpties();

    for (const reader of [teacher, student]) {
      const file = await fetch(`${stack.url}/api/v1/attendance/exemptions/${created.body.id}/evidence`, { headers: { authorization: `Bearer ${reader.accessToken}` } });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toMatch(/^application\/pdf/);
      expect(file.headers.get('content-disposition')).toBe('attachment; filename="discharge-letter.pdf"');
      expect(file.headers.get('content-length')).toBe(String(pdf.length));
      expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    }
    await transferStoreEmpties();

    const refused = await http<{ code: string }>(stack, 'GET', `/api/v1/attendance/exemptions/${created.body.id}/evidence`, { token: classmate.accessToken });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    await transferStoreEmpties();
  }, 60_000);

  it('refuses a file over 10 MB while streaming it (413) and keeps nothing in storage, the database or the object store', async () => {
    const sessionId = await newSession();
    const filesBefore = storedFiles();
    const streamed = await streamRequest(student.accessToken, sessionId, pdfLike(EVIDENCE_MAX_BYTES + 2 * MB));
    expect(streamed.status).toBe(413);
    expect(streamed.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: EVIDENCE_MAX_BYTES } });
    expect(streamed.sent).toBeLessThan(streamed.total);
    const form = await requestWithFile(student.accessToken, { sessionId, reason: 'Hospital stay' }, pdfLike(EVIDENCE_MAX_BYTES + 1), 'big.pdf');
    expect([form.status, form.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(storedFiles()).toEqual(filesBefore);
    expect(await attendanceDb.query(`SELECT 1 FROM "attendance"."exemptions" WHERE session_id = $1`, [sessionId])).toHaveLength(0);
    await transferStoreEmpties();
  }, 60_000);

  it('removes a parked upload that attendance refuses (a disguised file, another student named) and still takes small JSON evidence', async () => {
    const sessionId = await newSession();
    const disguised = await requestWithFile(student.accessToken, { sessionId, reason: 'Flu' }, Buffer.concat([Buffer.from('<html>'), randomBytes(MB)]), 'note.pdf');
    expect([disguised.status, disguised.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const forOther = await requestWithFile(student.accessToken, { sessionId, studentId: classmate.user.id, reason: 'Flu' }, pdfLike(MB), 'note.pdf');
    expect([forOther.status, forOther.body.code]).toEqual([403, 'FORBIDDEN']);
    const missingReason = await requestWithFile(student.accessToken, { sessionId }, pdfLike(MB), 'note.pdf');
    expect([missingReason.status, missingReason.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    await transferStoreEmpties();
    const small = Buffer.from('%PDF-1.4\n%%EOF');
    const json = await http<{ evidence: { sizeBytes: number } }>(stack, 'POST', '/api/v1/attendance/exemptions', {
      token: student.accessToken,
      body: { sessionId, reason: 'Flu', evidence: { fileName: 'note.pdf', contentBase64: small.toString('base64') } },
    });
    expect([json.status, json.body.evidence.sizeBytes]).toEqual([201, small.length]);
  }, 60_000);
});
