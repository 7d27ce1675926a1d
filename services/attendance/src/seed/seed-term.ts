import { DEFAULT_ATTENDANCE_POLICY, inTransaction, type AttendanceStatus, localDate, zonedToUtc } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { MarkApplier } from '../marking/mark-applier';
import { RecordsRepository } from '../marking/records.repository';
import { RosterRepository } from '../roster/roster.repository';
import { checkInWindow, expandWeeklySeries } from '../sessions/session-schedule';
import { SessionsRepository } from '../sessions/sessions.repository';

const DAY = 86_400_000;
const WEEKS_BACK = 6;
const WEEKS_AHEAD = 6;
/** Two timetable patterns, alternating by course: Mon/Wed/Fri at 08:00 or Tue/Thu at 10:00, school time. */
const PATTERNS = [
  { weekdays: [1, 3, 5], hour: 8 },
  { weekdays: [2, 4], hour: 10 },
];

/** A stable pseudo-random number in [0, 1) per (student, session), so every seed of the same data agrees. */
function noise(key: string): number {
  let hash = 2166136261;
  for (const char of key) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return ((hash >>> 0) % 10_000) / 10_000;
}

function demoStatus(studentEmail: string, sessionId: string): AttendanceStatus {
  const roll = noise(`${studentEmail}:${sessionId}`);
  // student@ misses a little more than most, so her page and her parent's alerts show something real.
  const absent = studentEmail === 'student@tec.example' ? 0.12 : 0.05;
  if (roll < absent) return 'absent';
  if (roll < absent + 0.02) return 'excused';
  if (roll < absent + 0.1) return 'late';
  return 'present';
}

export interface SeedSummary {
  courses: number;
  sessions: number;
  records: number;
}

/**
 * A term of class sessions for every course of the read model (six weeks back, six ahead), with marks for the
 * past ones. Idempotent: a course that already has sessions is left alone. History is written silently (no
 * events): parents should not get six weeks of absence alerts on the first start.
 */
export async function seedTerm(dataSource: DataSource, timeZone: string, now = new Date()): Promise<SeedSummary> {
  const roster = new RosterRepository(dataSource);
  const sessions = new SessionsRepository(dataSource);
  const applier = new MarkApplier(new RecordsRepository(dataSource));
  const courses = await dataSource.query<{ id: string; code: string }[]>(
    `SELECT c.id, c.code FROM "attendance"."courses" c
      WHERE EXISTS (SELECT 1 FROM "attendance"."course_teachers" t WHERE t.course_id = c.id) ORDER BY c.code`,
  );
  const summary: SeedSummary = { courses: 0, sessions: 0, records: 0 };
  for (const [index, course] of courses.entries()) {
    await inTransaction(dataSource, async (db) => {
      await db.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`attendance-seed:${course.id}`]);
      const existing = await db.query(`SELECT 1 FROM "attendance"."sessions" WHERE course_id = $1 LIMIT 1`, [course.id]);
      if (existing.length > 0) return;
      const pattern = PATTERNS[index % PATTERNS.length]!;
      const firstDay = localDate(new Date(now.getTime() - WEEKS_BACK * 7 * DAY), timeZone);
      const [year, month, day] = firstDay.split('-').map(Number);
      const startsAt = zonedToUtc({ year: year!, month: month!, day: day! }, { hour: pattern.hour, minute: 0 }, timeZone);
      const meetings = expandWeeklySeries(
        { startsAt, endsAt: new Date(startsAt.getTime() + 50 * 60_000) },
        { weekdays: pattern.weekdays, until: localDate(new Date(now.getTime() + WEEKS_AHEAD * 7 * DAY), timeZone), timeZone },
      );
      const teacherId = (await roster.teacherProfiles(course.id, db))[0]?.id ?? null;
      const policy = { courseId: course.id, ...DEFAULT_ATTENDANCE_POLICY, updatedAt: null };
      const seriesId = (await db.query<{ id: string }[]>(`SELECT gen_random_uuid() AS id`))[0]!.id;
      const ids = await sessions.insertMany(
        meetings.map((meeting, number) => ({
          courseId: course.id,
          seriesId,
          ...meeting,
          ...checkInWindow(meeting.startsAt, policy),
          topic: `${course.code} · week ${Math.floor(number / pattern.weekdays.length) + 1}`,
          geofence: null,
          ipAllowList: [],
          createdBy: teacherId,
        })),
        db,
      );
      const students = await roster.activeStudentProfiles(course.id, db);
      for (const session of await sessions.findManyByIds(ids, db)) {
        summary.sessions += 1;
        if (session.checkin_closes_at > now) continue;
        for (const student of students) {
          const status = demoStatus(student.email, session.id);
          const method = status === 'absent' ? 'auto' : status === 'excused' ? 'manual' : noise(session.id + student.id) < 0.8 ? 'qr_code' : 'manual';
          await applier.apply({ session, student, status, method, actorId: method === 'auto' ? null : teacherId, note: null, policy, silent: true }, db);
          summary.records += 1;
        }
        await sessions.markClosed(session.id, session.checkin_closes_at, db);
      }
      summary.courses += 1;
    });
  }
  return summary;
}
