import { randomUUID } from 'node:crypto';
import { attendanceRpc, liveClassesEvents, type UserProfile } from '@tec/shared';
import { publishTestEvent } from '@tec/shared/testing';
import { liveClassStatus } from '../src/events/live-class-attendance.handler';
import { as, bootAttendance, classroom, waitFor, type AttendanceTestService } from './attendance-test-kit';

let service: AttendanceTestService;
const MINUTE = 60_000;

beforeAll(async () => {
  service = await bootAttendance();
}, 60_000);

afterAll(async () => {
  await service?.close();
});

function computedEvent(classId: string, course: { id: string; code: string; title: string }, start: Date, results: { student: UserProfile; minutes: number; firstJoinedMinute: number | null }[], revision = 1) {
  const end = new Date(start.getTime() + 60 * MINUTE);
  return {
    class: {
      id: classId,
      seriesId: null,
      name: 'Limits live',
      description: null,
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      timezone: 'UTC',
      status: 'completed' as const,
      provider: 'zoom' as const,
      maxParticipants: null,
      recordingEnabled: true,
      path: `/live-classes/${classId}`,
    },
    course,
    slot: { startsAt: start.toISOString(), endsAt: end.toISOString() },
    results: results.map((result) => ({
      student: result.student,
      minutesAttended: result.minutes,
      attendedRatio: result.minutes / 60,
      score: Math.round((result.minutes / 60) * 80),
      firstJoinedAt: result.firstJoinedMinute === null ? null : new Date(start.getTime() + result.firstJoinedMinute * MINUTE).toISOString(),
    })),
    computedAt: new Date().toISOString(),
    revision,
  };
}

async function recordsOf(sessionId: string) {
  const rows = await service.dataSource.query<{ student_id: string; status: string; method: string }[]>(
    `SELECT student_id, status, method FROM "attendance"."records" WHERE session_id = $1`,
    [sessionId],
  );
  return new Map(rows.map((row) => [row.student_id, row]));
}

describe('live class presence → attendance', () => {
  it('decides present / late / absent from the share of the slot and the first join', () => {
    const start = new Date('2026-11-24T10:00:00Z');
    const policy = { lateAfterMinutes: 10 };
    expect(liveClassStatus({ attendedRatio: 0.9, firstJoinedAt: '2026-11-24T10:02:00Z' }, start, policy)).toBe('present');
    expect(liveClassStatus({ attendedRatio: 0.7, firstJoinedAt: '2026-11-24T10:15:00Z' }, start, policy)).toBe('late');
    expect(liveClassStatus({ attendedRatio: 0.3, firstJoinedAt: '2026-11-24T10:00:00Z' }, start, policy)).toBe('absent');
    expect(liveClassStatus({ attendedRatio: 0, firstJoinedAt: null }, start, policy)).toBe('absent');
  });

  it('marks the linked session with method live_class, keeps a teacher override, and applies a later revision', async () => {
    const room = await classroom(service, 3);
    const [ana, ben, cai] = room.students as [UserProfile, UserProfile, UserProfile];
    // The teacher had scheduled an attendance session at the same time: the live class links to it.
    const start = new Date(Math.floor(Date.now() / MINUTE) * MINUTE - 2 * 60 * MINUTE);
    const created = await service.rpc.call(
      attendanceRpc.sessionsCreate,
      { courseId: room.course.id, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 60 * MINUTE).toISOString() },
      as(room.teacher),
    );
    const sessionId = created.items[0]!.id;
    const classId = randomUUID();
    await publishTestEvent(
      service.nats,
      service.prefix,
      liveClassesEvents.attendanceComputed,
      computedEvent(classId, room.course, start, [
        { student: ana, minutes: 58, firstJoinedMinute: 1 },
        { student: ben, minutes: 40, firstJoinedMinute: 20 },
        { student: cai, minutes: 5, firstJoinedMinute: 50 },
      ]),
      { producer: 'live-classes' },
    );
    const first = await waitFor(async () => {
      const records = await recordsOf(sessionId);
      return records.size === 3 ? records : null;
    });
    expect(first.get(ana.id)).toMatchObject({ status: 'present', method: 'live_class' });
    expect(first.get(ben.id)).toMatchObject({ status: 'late', method: 'live_class' });
    expect(first.get(cai.id)).toMatchObject({ status: 'absent', method: 'live_class' });
    const [linked] = await service.dataSource.query<{ live_class_id: string }[]>(`SELECT live_class_id FROM "attendance"."sessions" WHERE id = $1`, [sessionId]);
    expect(linked!.live_class_id).toBe(classId);

    // The teacher knows Cai was there (connection trouble) and overrides.
    await service.rpc.call(attendanceRpc.mark, { sessionId, studentId: cai.id, status: 'present', note: 'Audio-only by phone' }, as(room.teacher));

    // Late leave webhooks: revision 2 says Ana left early and Cai stayed 0 minutes.
    await publishTestEvent(
      service.nats,
      service.prefix,
      liveClassesEvents.attendanceComputed,
      computedEvent(classId, room.course, start, [
        { student: ana, minutes: 20, firstJoinedMinute: 1 },
        { student: ben, minutes: 40, firstJoinedMinute: 20 },
        { student: cai, minutes: 0, firstJoinedMinute: null },
      ], 2),
      { producer: 'live-classes' },
    );
    const second = await waitFor(async () => {
      const records = await recordsOf(sessionId);
      return records.get(ana.id)?.status === 'absent' ? records : null;
    });
    expect(second.get(cai.id)).toMatchObject({ status: 'present', method: 'manual' });
    expect(second.get(ben.id)).toMatchObject({ status: 'late', method: 'live_class' });
    const [{ count }] = await service.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM "attendance"."sessions" WHERE course_id = $1`, [room.course.id]);
    expect(count).toBe(1);
  }, 60_000);

  it('creates a session for a live class that has none', async () => {
    const room = await classroom(service, 1);
    const start = new Date(Math.floor(Date.now() / MINUTE) * MINUTE - 3 * 60 * MINUTE);
    const classId = randomUUID();
    await publishTestEvent(service.nats, service.prefix, liveClassesEvents.attendanceComputed, computedEvent(classId, room.course, start, [{ student: room.students[0]!, minutes: 60, firstJoinedMinute: 0 }]), {
      producer: 'live-classes',
    });
    const session = await waitFor(async () => {
      const rows = await service.dataSource.query<{ id: string; topic: string; starts_at: Date }[]>(`SELECT id, topic, starts_at FROM "attendance"."sessions" WHERE live_class_id = $1`, [classId]);
      return rows[0];
    });
    expect(session.topic).toBe('Live class: Limits live');
    expect(session.starts_at.toISOString()).toBe(start.toISOString());
    const records = await waitFor(async () => {
      const found = await recordsOf(session.id);
      return found.size === 1 ? found : null;
    });
    expect(records.get(room.students[0]!.id)).toMatchObject({ status: 'present', method: 'live_class' });
  }, 60_000);
});
