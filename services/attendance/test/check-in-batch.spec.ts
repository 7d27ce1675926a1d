import { randomUUID } from 'node:crypto';
import { attendanceRpc, type UserProfile } from '@tec/shared';
import { as, bootAttendance, classroom, codeOf, waitFor, type AttendanceTestService, type Classroom } from './attendance-test-kit';

// Check-ins arriving together share one statement and one commit (CheckInBatcher). These bursts mix, in one
// Promise.all, the cases a shared statement could get wrong; each must be answered as if it had been written alone.

let service: AttendanceTestService;
const MINUTE = 60_000;
const client = { ip: '10.0.0.9', userAgent: 'jest' };

beforeAll(async () => {
  service = await bootAttendance();
}, 60_000);

afterAll(async () => {
  await service?.close();
});

async function openSession(room: Classroom): Promise<{ id: string; token: string }> {
  const startsAt = new Date(Date.now() - MINUTE);
  const created = await service.rpc.call(
    attendanceRpc.sessionsCreate,
    { courseId: room.course.id, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 50 * MINUTE).toISOString() },
    as(room.teacher),
  );
  const id = created.items[0]!.id;
  const { token } = await service.rpc.call(attendanceRpc.generateQr, { sessionId: id }, as(room.teacher));
  return { id, token };
}

function scan(student: UserProfile, session: { token: string }, deviceId = `phone-${student.id}`) {
  return codeOf(service.rpc.call(attendanceRpc.checkIn, { token: session.token, deviceId, client }, as(student)));
}

/** Every record has its audit row, exactly one `marked` event, and is counted once; nothing else was announced. */
async function expectConsistent(courseId: string): Promise<void> {
  const [counts] = await service.dataSource.query<{ records: number; audits: number; events: number; event_records: number; unmatched: number }[]>(
    `SELECT (SELECT count(*)::int FROM "attendance"."records" WHERE course_id = $1) AS records,
            (SELECT count(*)::int FROM "attendance"."audit" WHERE course_id = $1) AS audits,
            (SELECT count(*)::int FROM "attendance"."outbox" WHERE subject = 'attendance.v1.marked' AND payload->'course'->>'id' = $1::text) AS events,
            (SELECT count(DISTINCT payload->'record'->>'id')::int FROM "attendance"."outbox"
              WHERE subject = 'attendance.v1.marked' AND payload->'course'->>'id' = $1::text) AS event_records,
            (SELECT count(*)::int FROM "attendance"."outbox" o
              WHERE o.subject = 'attendance.v1.marked' AND o.payload->'course'->>'id' = $1::text
                AND NOT EXISTS (SELECT 1 FROM "attendance"."records" r WHERE r.id::text = o.payload->'record'->>'id')) AS unmatched`,
    [courseId],
  );
  expect(counts).toEqual({ records: counts!.records, audits: counts!.records, events: counts!.records, event_records: counts!.records, unmatched: 0 });
  const drift = await service.dataSource.query(
    `SELECT s.student_id FROM "attendance"."stats" s
      WHERE s.course_id = $1
        AND s.present + s.late <> (SELECT count(*) FROM "attendance"."records" r
                                    WHERE r.course_id = s.course_id AND r.student_id = s.student_id AND r.status IN ('present', 'late'))`,
    [courseId],
  );
  expect(drift).toEqual([]);
}

describe('check-ins in one burst (group commit)', () => {
  it('decides shared devices, double taps and two sessions of one course as if each were written alone', async () => {
    const room = await classroom(service, 40);
    const first = await openSession(room);
    const second = await openSession(room);
    const students = room.students;
    const borrowed = `borrowed-phone-${randomUUID()}`;
    const [own, doubleTaps, borrowedPhone, secondSession] = await Promise.all([
      Promise.all(students.slice(0, 30).map((student) => scan(student, first))),
      Promise.all([scan(students[0]!, first), scan(students[1]!, first)]),
      Promise.all([scan(students[30]!, first, borrowed), scan(students[31]!, first, borrowed)]),
      Promise.all(students.slice(0, 5).map((student) => scan(student, second))),
    ]);
    expect(own.every((code) => code === 'ok' || code === 'ALREADY_CHECKED_IN')).toBe(true);
    expect([...own.slice(0, 2), ...doubleTaps].sort()).toEqual(['ALREADY_CHECKED_IN', 'ALREADY_CHECKED_IN', 'ok', 'ok']);
    expect(own.slice(2)).toEqual(Array.from({ length: 28 }, () => 'ok'));
    expect([...borrowedPhone].sort()).toEqual(['DEVICE_ALREADY_USED', 'ok']);
    expect(secondSession).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);

    const winner = borrowedPhone[0] === 'ok' ? students[30]! : students[31]!;
    const loser = winner === students[30] ? students[31]! : students[30]!;
    const flags = await service.rpc.call(attendanceRpc.flaggedList, { sessionId: first.id }, as(room.teacher));
    expect(flags.items).toEqual([
      expect.objectContaining({ reason: 'device_reused', student: expect.objectContaining({ id: loser.id }), otherStudent: expect.objectContaining({ id: winner.id }) }),
    ]);
    const records = await service.dataSource.query<{ session_id: string; count: number }[]>(
      `SELECT session_id, count(*)::int AS count FROM "attendance"."records" WHERE course_id = $1 GROUP BY session_id`,
      [room.course.id],
    );
    expect(Object.fromEntries(records.map((row) => [row.session_id, row.count]))).toEqual({ [first.id]: 31, [second.id]: 5 });
    // Two sessions of one course in the same burst: the student's counters moved twice.
    const [twice] = await service.dataSource.query<{ present: number }[]>(`SELECT present FROM "attendance"."stats" WHERE course_id = $1 AND student_id = $2`, [
      room.course.id,
      students[0]!.id,
    ]);
    expect(twice!.present).toBe(2);
    await expectConsistent(room.course.id);

    // The burst shared commits: an audit row's `at` is its transaction's start, so 36 records in fewer commits.
    const [commits] = await service.dataSource.query<{ count: number }[]>(`SELECT count(DISTINCT at)::int AS count FROM "attendance"."audit" WHERE course_id = $1`, [
      room.course.id,
    ]);
    expect(commits!.count).toBeLessThan(36);
  }, 60_000);

  it('refuses, inside the shared statement, a student dropped a moment ago and a session closed a moment ago, and writes nothing for them', async () => {
    const room = await classroom(service, 6);
    const [kept, dropped, late, other, another, primer] = room.students as [UserProfile, UserProfile, UserProfile, UserProfile, UserProfile, UserProfile];
    const open = await openSession(room);
    const closing = await openSession(room);
    // The first scan loads the course roster (dropped still in it) into the check-in cache.
    expect(await scan(kept, open)).toBe('ok');
    await service.core.drop(dropped, room.course, randomUUID());
    await waitFor(async () => {
      const rows = await service.dataSource.query(`SELECT 1 FROM "attendance"."enrollments" WHERE course_id = $1 AND student_id = $2 AND active`, [room.course.id, dropped.id]);
      return rows.length === 0;
    });
    // This scan loads the session into the cache (1 s) as open; then the lifecycle job closes it.
    expect(await scan(primer, closing)).toBe('ok');
    await service.dataSource.query(`UPDATE "attendance"."sessions" SET closed_at = now() WHERE id = $1`, [closing.id]);

    const codes = await Promise.all([scan(other, open), scan(dropped, open), scan(late, closing), scan(another, open), scan(late, open)]);
    expect(codes).toEqual(['ok', 'NOT_ENROLLED', 'SESSION_CLOSED', 'ok', 'ok']);
    const written = await service.dataSource.query<{ records: number; claims: number }[]>(
      `SELECT (SELECT count(*)::int FROM "attendance"."records" WHERE (session_id = $1 AND student_id = $2) OR (session_id = $3 AND student_id = $4)) AS records,
              (SELECT count(*)::int FROM "attendance"."device_claims" WHERE (session_id = $1 AND student_id = $2) OR (session_id = $3 AND student_id = $4)) AS claims`,
      [open.id, dropped.id, closing.id, late.id],
    );
    expect(written[0]).toEqual({ records: 0, claims: 0 });
    const [counts] = await service.dataSource.query<{ open: number; closing: number }[]>(
      `SELECT count(*) FILTER (WHERE session_id = $1)::int AS open, count(*) FILTER (WHERE session_id = $2)::int AS closing FROM "attendance"."records" WHERE course_id = $3`,
      [open.id, closing.id, room.course.id],
    );
    expect(counts).toEqual({ open: 4, closing: 1 });
    await expectConsistent(room.course.id);
  }, 60_000);
});
