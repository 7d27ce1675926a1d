import { randomUUID } from 'node:crypto';
import { inTransaction, zonedToUtc, localDate, parseCalendarDate } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { participationScore } from '../presence/intervals';

const MINUTE = 60_000;

export interface SeedSummary {
  courses: number;
  classes: number;
  questions: number;
  recordings: number;
}

interface CourseRow {
  id: string;
  code: string;
  title: string;
  teacher_id: string;
}

/** A stable pseudo-random number in [0, 1) per key, so every seed of the same data agrees. */
function noise(key: string): number {
  let hash = 2166136261;
  for (const char of key) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return ((hash >>> 0) % 10_000) / 10_000;
}

const QUESTIONS = [
  'Could you go over the last example again?',
  'Will this be on the exam?',
  'Is there a reading for next week?',
  'Why does the second method work?',
];

/**
 * Demo live classes for every course with a teacher (development provider, no outside calls): two past classes with
 * Q&A, presence-based attendance and a recording; one starting in 20 minutes (to try the countdown, join and live
 * Q&A at once); and a weekly series for the next four weeks. Idempotent: a course that already has classes is left
 * alone. Written silently (no events): nobody should get reminders for the demo's past.
 */
export async function seedDemoClasses(dataSource: DataSource, timeZone: string, now = new Date()): Promise<SeedSummary> {
  const courses = await dataSource.query<CourseRow[]>(
    `SELECT DISTINCT ON (c.id) c.id, c.code, c.title, t.teacher_id FROM "live_classes"."courses" c
       JOIN "live_classes"."course_teachers" t ON t.course_id = c.id
      WHERE NOT EXISTS (SELECT 1 FROM "live_classes"."classes" x WHERE x.course_id = c.id)
      ORDER BY c.id, t.teacher_id`,
  );
  const summary: SeedSummary = { courses: 0, classes: 0, questions: 0, recordings: 0 };
  const today = parseCalendarDate(localDate(now, timeZone));
  const busy = new Map<string, number>();
  for (const course of courses) {
    // Each teacher's courses get different hours so the demo never overlaps itself.
    const slotIndex = busy.get(course.teacher_id) ?? 0;
    busy.set(course.teacher_id, slotIndex + 1);
    const hour = 9 + 2 * (slotIndex % 4);
    const at = (dayOffset: number) => {
      const day = new Date(Date.UTC(today.year, today.month - 1, today.day + dayOffset));
      return zonedToUtc({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() }, { hour, minute: 0 }, timeZone);
    };
    await inTransaction(dataSource, async (db) => {
      const students = await db.query<{ id: string; email: string }[]>(
        `SELECT u.id, u.email FROM "live_classes"."enrollments" e JOIN "live_classes"."users" u ON u.id = e.student_id WHERE e.course_id = $1 AND e.active ORDER BY u.id`,
        [course.id],
      );
      for (const [index, dayOffset] of [-7, -2].entries()) {
        const startsAt = at(dayOffset);
        const endsAt = new Date(startsAt.getTime() + 60 * MINUTE);
        const classId = await insertClass(db, course, { name: index === 0 ? 'Review session' : 'Problem clinic', startsAt, endsAt, timeZone, status: 'completed', seriesId: null });
        await db.query(`UPDATE "live_classes"."classes" SET started_at = starts_at, ended_at = ends_at, attendance_revision = 1, attendance_computed_at = ends_at WHERE id = $1`, [classId]);
        summary.questions += await seedPast(db, classId, students, startsAt, endsAt);
        await db.query(
          `INSERT INTO "live_classes"."recordings" (id, class_id, provider_recording_id, play_url, recording_start, recording_end, duration_minutes, files)
           VALUES ($1, $2, $3, $4, $5, $6, 60, $7)`,
          [randomUUID(), classId, `demo-${classId}`, `/live-classes/${classId}/room?recording=1`, startsAt, endsAt, JSON.stringify([{ fileType: 'MP4', recordingType: 'shared_screen_with_speaker_view', playUrl: null, fileSize: null }])],
        );
        summary.recordings += 1;
        summary.classes += 1;
      }
      if (slotIndex === 0) {
        // A class about to start, so the join countdown and live Q&A can be tried right away.
        const soon = new Date(Math.ceil((now.getTime() + 20 * MINUTE) / (5 * MINUTE)) * 5 * MINUTE);
        const conflict = await db.query(`SELECT 1 FROM "live_classes"."classes" WHERE teacher_id = $1 AND status <> 'cancelled' AND starts_at < $3 AND ends_at > $2`, [
          course.teacher_id,
          soon,
          new Date(soon.getTime() + 45 * MINUTE),
        ]);
        if (conflict.length === 0) {
          await insertClass(db, course, { name: 'Live Q&A: ask anything', startsAt: soon, endsAt: new Date(soon.getTime() + 45 * MINUTE), timeZone, status: 'scheduled', seriesId: null });
          summary.classes += 1;
        }
      }
      const seriesId = randomUUID();
      for (let week = 0; week < 4; week += 1) {
        const startsAt = at(1 + 7 * week);
        await insertClass(db, course, { name: 'Weekly live lesson', startsAt, endsAt: new Date(startsAt.getTime() + 50 * MINUTE), timeZone, status: 'scheduled', seriesId });
        summary.classes += 1;
      }
    });
    summary.courses += 1;
  }
  return summary;
}

async function insertClass(
  db: EntityManager,
  course: CourseRow,
  spec: { name: string; startsAt: Date; endsAt: Date; timeZone: string; status: 'scheduled' | 'completed'; seriesId: string | null },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO "live_classes"."classes" (id, course_id, series_id, name, description, starts_at, ends_at, timezone, max_participants, recording_enabled, provider, status, teacher_id,
       meeting_id, meeting_join_url, meeting_start_url, reminder_sent_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, true, 'development', $9, $10, $11, $12, $13, CASE WHEN $9 = 'completed' THEN $6::timestamptz END)`,
    [id, course.id, spec.seriesId, spec.name, `${course.title}: live class (demo).`, spec.startsAt, spec.endsAt, spec.timeZone, spec.status, course.teacher_id, `dev-${id}`, `/live-classes/${id}/room`, `/live-classes/${id}/room?role=host`],
  );
  return id;
}

/** Join clicks, presence, questions with votes (some answered) and the computed attendance of a past class. */
async function seedPast(db: EntityManager, classId: string, students: { id: string; email: string }[], startsAt: Date, endsAt: Date): Promise<number> {
  const slotMs = endsAt.getTime() - startsAt.getTime();
  const asked = new Map<string, number>();
  const voted = new Map<string, number>();
  const questionIds: string[] = [];
  for (const [index, student] of students.slice(0, QUESTIONS.length).entries()) {
    if (noise(`${student.email}:${classId}:ask`) < 0.4) continue;
    const id = randomUUID();
    const answered = index % 2 === 0;
    await db.query(
      `INSERT INTO "live_classes"."questions" (id, class_id, asker_id, text, answered, answer_text, answered_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, classId, student.id, QUESTIONS[index]!, answered, answered ? 'Good question: see the notes on the course page.' : null, answered ? new Date(startsAt.getTime() + 30 * MINUTE) : null, new Date(startsAt.getTime() + (10 + index * 5) * MINUTE)],
    );
    questionIds.push(id);
    asked.set(student.id, 1);
  }
  for (const student of students) {
    for (const questionId of questionIds) {
      if (noise(`${student.email}:${questionId}`) < 0.5) continue;
      const inserted = await db.query(
        `INSERT INTO "live_classes"."question_votes" (question_id, voter_id) SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM "live_classes"."questions" WHERE id = $1 AND asker_id = $2) RETURNING voter_id`,
        [questionId, student.id],
      );
      if (inserted.length === 0) continue;
      await db.query(`UPDATE "live_classes"."questions" SET votes = votes + 1 WHERE id = $1`, [questionId]);
      voted.set(student.id, (voted.get(student.id) ?? 0) + 1);
    }
  }
  await db.query(`UPDATE "live_classes"."questions" q SET answered_by = c.teacher_id FROM "live_classes"."classes" c WHERE q.class_id = c.id AND c.id = $1 AND q.answered`, [classId]);
  for (const student of students) {
    const roll = noise(`${student.email}:${classId}`);
    const absent = roll < (student.email === 'student@tec.example' ? 0.15 : 0.08);
    const lateMinutes = roll < 0.3 ? Math.round(roll * 40) : 0;
    const minutes = absent ? 0 : Math.max(0, 60 - lateMinutes - Math.round(noise(`${classId}:${student.email}:leave`) * 10));
    const firstJoinedAt = absent ? null : new Date(startsAt.getTime() + lateMinutes * MINUTE);
    if (!absent) {
      await db.query(`INSERT INTO "live_classes"."participants" (class_id, user_id, role, join_url, first_clicked_at) VALUES ($1, $2, 'attendee', $3, $4)`, [classId, student.id, `/live-classes/${classId}/room`, firstJoinedAt]);
      await db.query(`INSERT INTO "live_classes"."join_clicks" (id, class_id, user_id, clicked_at) VALUES ($1, $2, $3, $4)`, [randomUUID(), classId, student.id, firstJoinedAt]);
    }
    const ratio = Math.round(((minutes * MINUTE) / slotMs) * 10_000) / 10_000;
    await db.query(
      `INSERT INTO "live_classes"."attendance_results" (class_id, student_id, minutes_attended, attended_ratio, score, first_joined_at, questions_asked, votes_given, join_clicks, computed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [classId, student.id, minutes, ratio, participationScore(ratio, asked.get(student.id) ?? 0, voted.get(student.id) ?? 0), firstJoinedAt, asked.get(student.id) ?? 0, voted.get(student.id) ?? 0, absent ? 0 : 1, endsAt],
    );
  }
  return questionIds.length;
}
