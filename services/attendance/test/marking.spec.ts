import { randomUUID } from 'node:crypto';
import { attendanceRpc } from '@tec/shared';
import { as, bootAttendance, classroom, codeOf, eventCount, waitFor, type AttendanceTestService } from './attendance-test-kit';

let service: AttendanceTestService;
const MINUTE = 60_000;

beforeAll(async () => {
  service = await bootAttendance();
}, 60_000);

afterAll(async () => {
  await service?.close();
});

async function newSession(courseId: string, teacher: { id: string; role: 'teacher' }, startOffsetMinutes = -1) {
  const startsAt = new Date(Date.now() + startOffsetMinutes * MINUTE);
  const created = await service.rpc.call(
    attendanceRpc.sessionsCreate,
    { courseId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 50 * MINUTE).toISOString() },
    as(teacher),
  );
  return created.items[0]!;
}

describe('concurrency', () => {
  it('300 simultaneous check-ins leave exactly 300 records, with counters to match', async () => {
    const room = await classroom(service, 300);
    const session = await newSession(room.course.id, room.teacher as { id: string; role: 'teacher' });
    const { token } = await service.rpc.call(attendanceRpc.generateQr, { sessionId: session.id }, as(room.teacher));
    // Every student scans once, and a third of them scan twice at the same moment (double taps).
    const attempts = [...room.students, ...room.students.slice(0, 100)].map((student, index) =>
      codeOf(service.rpc.call(attendanceRpc.checkIn, { token, deviceId: `phone-${student.id}`, client: { ip: '10.0.0.1', userAgent: `ua-${index}` } }, as(student))),
    );
    const codes = await Promise.all(attempts);
    expect(codes.filter((code) => code === 'ok')).toHaveLength(300);
    expect(codes.filter((code) => code !== 'ok').every((code) => code === 'ALREADY_CHECKED_IN')).toBe(true);
    const [counts] = await service.dataSource.query<{ records: number; distinct: number }[]>(
      `SELECT count(*)::int AS records, count(DISTINCT student_id)::int AS distinct FROM "attendance"."records" WHERE session_id = $1`,
      [session.id],
    );
    expect(counts).toEqual({ records: 300, distinct: 300 });
    const [stats] = await service.dataSource.query<{ present: number }[]>(`SELECT sum(present)::int AS present FROM "attendance"."stats" WHERE course_id = $1`, [room.course.id]);
    expect(stats!.present).toBe(300);
    // One audit row and one `marked` event per record, none for the refused double taps.
    const [audit] = await service.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM "attendance"."audit" WHERE session_id = $1`, [session.id]);
    expect(audit!.count).toBe(300);
    expect(await eventCount(service, 'attendance.v1.marked', session.id)).toBe(300);
  }, 120_000);

  it('one phone scanned at the same moment for two students checks in exactly one of them', async () => {
    for (let round = 0; round < 5; round += 1) {
      const deviceId = `borrowed-phone-${round}-${randomUUID()}`;
      const fresh = await classroom(service, 2);
      const target = await newSession(fresh.course.id, fresh.teacher as { id: string; role: 'teacher' });
      const qr = await service.rpc.call(attendanceRpc.generateQr, { sessionId: target.id }, as(fresh.teacher));
      const codes = await Promise.all(
        fresh.students.map((student) => codeOf(service.rpc.call(attendanceRpc.checkIn, { token: qr.token, deviceId, client: { ip: '10.0.0.2', userAgent: 'ua' } }, as(student)))),
      );
      expect(codes.sort()).toEqual(['DEVICE_ALREADY_USED', 'ok']);
      const [count] = await service.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM "attendance"."records" WHERE session_id = $1`, [target.id]);
      expect(count!.count).toBe(1);
    }
  }, 120_000);

  it('a check-in that brings a student to the minimum number of sessions below the threshold raises the alert once', async () => {
    const room = await classroom(service, 1);
    const teacher = room.teacher as { id: string; role: 'teacher' };
    const student = room.students[0]!;
    for (let index = 0; index < 2; index += 1) {
      const past = await newSession(room.course.id, teacher);
      await service.rpc.call(attendanceRpc.mark, { sessionId: past.id, studentId: student.id, status: 'absent' }, as(room.teacher));
    }
    const today = await newSession(room.course.id, teacher);
    const { token } = await service.rpc.call(attendanceRpc.generateQr, { sessionId: today.id }, as(room.teacher));
    await service.rpc.call(attendanceRpc.checkIn, { token, deviceId: `phone-${student.id}`, client: { ip: '10.0.0.3', userAgent: 'ua' } }, as(student));
    // 1 of 3 attended (33 %) with the minimum of 3 sessions reached: below the default 75 %.
    const rows = await service.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM "attendance"."outbox" WHERE subject = 'attendance.v1.low_attendance' AND payload->'student'->>'id' = $1`,
      [student.id],
    );
    expect(rows[0]!.count).toBe(1);
    const [stats] = await service.dataSource.query<{ below_threshold: boolean }[]>(`SELECT below_threshold FROM "attendance"."stats" WHERE student_id = $1`, [student.id]);
    expect(stats!.below_threshold).toBe(true);
  }, 60_000);
});

describe('teacher marking', () => {
  it('marks one student, keeps an audit trail of every change, and refuses what it should', async () => {
    const room = await classroom(service, 3);
    const session = await newSession(room.course.id, room.teacher as { id: string; role: 'teacher' });
    const [alice, bob] = room.students;
    const first = await service.rpc.call(attendanceRpc.mark, { sessionId: session.id, studentId: alice!.id, status: 'absent' }, as(room.teacher));
    expect(first).toMatchObject({ changed: true, record: { status: 'absent', method: 'manual', markedBy: room.teacher.id } });
    await service.rpc.call(attendanceRpc.mark, { sessionId: session.id, studentId: alice!.id, status: 'late', note: 'bus strike' }, as(room.teacher));
    const again = await service.rpc.call(attendanceRpc.mark, { sessionId: session.id, studentId: alice!.id, status: 'late', note: 'bus strike' }, as(room.teacher));
    expect(again.changed).toBe(false);
    const trail = await service.rpc.call(attendanceRpc.auditList, { sessionId: session.id }, as(room.teacher));
    expect(trail.items.map((entry) => [entry.fromStatus, entry.toStatus, entry.method, entry.actorId, entry.note])).toEqual([
      ['absent', 'late', 'manual', room.teacher.id, 'bus strike'],
      [null, 'absent', 'manual', room.teacher.id, null],
    ]);
    expect(trail.items[0]!.actorName).toBe(`${room.teacher.firstName} ${room.teacher.lastName}`);

    const outsider = await service.core.student();
    expect(await codeOf(service.rpc.call(attendanceRpc.mark, { sessionId: session.id, studentId: outsider.id, status: 'present' }, as(room.teacher)))).toBe('NOT_ENROLLED');
    expect(await codeOf(service.rpc.call(attendanceRpc.mark, { sessionId: session.id, studentId: bob!.id, status: 'present' }, as(bob!)))).toBe('FORBIDDEN');
    const otherTeacher = await service.core.teacher();
    await service.core.course({ teachers: [otherTeacher] });
    await waitFor(async () => (await service.dataSource.query(`SELECT 1 FROM "attendance"."course_teachers" WHERE teacher_id = $1`, [otherTeacher.id])).length > 0);
    expect(await codeOf(service.rpc.call(attendanceRpc.mark, { sessionId: session.id, studentId: bob!.id, status: 'present' }, as(otherTeacher)))).toBe('FORBIDDEN');
    expect(await codeOf(service.rpc.call(attendanceRpc.sessionRoster, { sessionId: session.id }, as(otherTeacher)))).toBe('FORBIDDEN');
    expect(await codeOf(service.rpc.call(attendanceRpc.generateQr, { sessionId: session.id }, as(otherTeacher)))).toBe('FORBIDDEN');
    expect(await service.rpc.call(attendanceRpc.roomAccess, { kind: 'session', id: session.id }, as(otherTeacher))).toEqual({ allowed: false });
    expect(await service.rpc.call(attendanceRpc.roomAccess, { kind: 'session', id: session.id }, as(bob!))).toEqual({ allowed: false });
    expect(await service.rpc.call(attendanceRpc.roomAccess, { kind: 'session', id: session.id }, as(room.teacher))).toEqual({ allowed: true });
    expect(await codeOf(service.rpc.call(attendanceRpc.auditList, { sessionId: session.id }, as(bob!)))).toBe('FORBIDDEN');
  });

  it('bulk marking is atomic: "all present" then exceptions, or nothing when one student is refused', async () => {
    const room = await classroom(service, 40);
    const session = await newSession(room.course.id, room.teacher as { id: string; role: 'teacher' });
    const outsider = await service.core.student();
    const refused = service.rpc.call(
      attendanceRpc.markBulk,
      { sessionId: session.id, allStatus: 'present', marks: [{ studentId: outsider.id, status: 'absent' }] },
      as(room.teacher),
    );
    expect(await codeOf(refused)).toBe('NOT_ENROLLED');
    expect(await service.dataSource.query(`SELECT 1 FROM "attendance"."records" WHERE session_id = $1`, [session.id])).toHaveLength(0);

    const result = await service.rpc.call(
      attendanceRpc.markBulk,
      { sessionId: session.id, allStatus: 'present', marks: [{ studentId: room.students[0]!.id, status: 'absent' }, { studentId: room.students[1]!.id, status: 'excused', note: 'doctor' }] },
      as(room.teacher),
    );
    expect(result).toMatchObject({ changed: 40, unchanged: 0 });
    const roster = await service.rpc.call(attendanceRpc.sessionRoster, { sessionId: session.id }, as(room.teacher));
    expect(roster.session.counts).toMatchObject({ present: 38, absent: 1, excused: 1, unmarked: 0, enrolled: 40 });
    expect(roster.items.every((entry) => entry.record?.method === 'bulk')).toBe(true);
  });
});

describe('auto-absent when check-in closes', () => {
  it('marks every unmarked student absent once, however often and however many instances run it', async () => {
    const room = await classroom(service, 5);
    const session = await newSession(room.course.id, room.teacher as { id: string; role: 'teacher' });
    await service.rpc.call(attendanceRpc.mark, { sessionId: session.id, studentId: room.students[0]!.id, status: 'present' }, as(room.teacher));
    const afterClose = new Date(Date.now() + 40 * MINUTE);
    // Two instances at once, then a third pass (a restart): the session is closed exactly once.
    await Promise.all([service.job.runOnce(afterClose), service.job.runOnce(afterClose)]);
    const again = await service.job.runOnce(afterClose);
    expect(again).toMatchObject({ closed: 0, markedAbsent: 0 });
    const rows = await service.dataSource.query<{ status: string; method: string }[]>(
      `SELECT status, method FROM "attendance"."records" WHERE session_id = $1 ORDER BY status`,
      [session.id],
    );
    expect(rows.filter((row) => row.status === 'absent' && row.method === 'auto')).toHaveLength(4);
    expect(rows).toHaveLength(5);
    expect(await eventCount(service, 'attendance.v1.student_absent', session.id)).toBe(4);
    expect(await eventCount(service, 'attendance.v1.session_closed', session.id)).toBe(1);
    const sessionView = await service.rpc.call(attendanceRpc.sessionGet, { sessionId: session.id }, as(room.teacher));
    expect(sessionView.phase).toBe('closed');
    expect(sessionView.closedAt).not.toBeNull();
  });

  it('publishes starting-soon once, 15 minutes ahead', async () => {
    const room = await classroom(service, 1);
    const session = await newSession(room.course.id, room.teacher as { id: string; role: 'teacher' }, 10);
    await service.job.runOnce();
    await service.job.runOnce();
    expect(await eventCount(service, 'attendance.v1.session_starting_soon', session.id)).toBe(1);
  });
});

describe('exemptions', () => {
  it('a student asks with evidence checked by its bytes, the teacher approves, and the record becomes excused', async () => {
    const room = await classroom(service, 2);
    const session = await newSession(room.course.id, room.teacher as { id: string; role: 'teacher' }, 60 * 24);
    const student = room.students[0]!;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    const fake = Buffer.from('MZ this is an executable');
    expect(
      await codeOf(service.rpc.call(attendanceRpc.exemptionsCreate, { sessionId: session.id, reason: 'Dentist', evidence: { fileName: 'note.png', contentBase64: fake.toString('base64') } }, as(student))),
    ).toBe('UNSUPPORTED_MEDIA_TYPE');
    const request = await service.rpc.call(
      attendanceRpc.exemptionsCreate,
      { sessionId: session.id, reason: 'Dentist appointment', evidence: { fileName: 'note.png', contentBase64: png.toString('base64') } },
      as(student),
    );
    expect(request).toMatchObject({ status: 'pending', evidence: { mimeType: 'image/png', sizeBytes: png.length } });
    expect(await codeOf(service.rpc.call(attendanceRpc.exemptionsCreate, { sessionId: session.id, reason: 'Again' }, as(student)))).toBe('ALREADY_EXISTS');
    expect(await codeOf(service.rpc.call(attendanceRpc.exemptionEvidence, { exemptionId: request.id }, as(room.students[1]!)))).toBe('FORBIDDEN');
    const file = await service.rpc.call(attendanceRpc.exemptionEvidence, { exemptionId: request.id }, as(room.teacher));
    expect(Buffer.from(file.contentBase64!, 'base64').equals(png)).toBe(true);
    expect(await codeOf(service.rpc.call(attendanceRpc.exemptionsDecide, { exemptionId: request.id, decision: 'approve' }, as(student)))).toBe('FORBIDDEN');

    const queue = await service.rpc.call(attendanceRpc.exemptionsList, { status: 'pending' }, as(room.teacher));
    expect(queue.items.map((item) => item.id)).toContain(request.id);
    const decided = await service.rpc.call(attendanceRpc.exemptionsDecide, { exemptionId: request.id, decision: 'approve', note: 'ok' }, as(room.teacher));
    expect(decided).toMatchObject({ status: 'approved', decidedBy: room.teacher.id });
    expect(await codeOf(service.rpc.call(attendanceRpc.exemptionsDecide, { exemptionId: request.id, decision: 'reject' }, as(room.teacher)))).toBe('CONFLICT');
    const roster = await service.rpc.call(attendanceRpc.sessionRoster, { sessionId: session.id }, as(room.teacher));
    expect(roster.items.find((entry) => entry.student.id === student.id)!.record).toMatchObject({ status: 'excused', method: 'exemption' });
    expect(await eventCount(service, 'attendance.v1.exemption_requested')).toBeGreaterThanOrEqual(1);
    expect(await eventCount(service, 'attendance.v1.exemption_decided')).toBeGreaterThanOrEqual(1);
    const mine = await service.rpc.call(attendanceRpc.exemptionsList, {}, as(room.students[1]!));
    expect(mine.items).toHaveLength(0);
    void randomUUID;
  });
});
