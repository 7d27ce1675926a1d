import type { DataSource } from 'typeorm';

/** The parent-portal benchmarks' school: each course's term of data, shared by parent-portal.bench.ts and the growth bench. */
export const COURSES = 8;
export const SESSIONS_PER_COURSE = 40;
export const ASSIGNMENTS_PER_COURSE = 15;
export const LIVE_PER_COURSE = 10;
const S = '"parent_portal"';

/**
 * Fills the parent portal's read models for the given courses (one teacher each) and enrollments
 * (`[courseId, studentId]`): sessions and attendance records (mostly present), assignments with grades and some
 * missing work, and live classes with attendance, all deterministic per student and item.
 */
export async function fillSchoolTerm(db: DataSource, courseIds: string[], teacherIds: string[], enrollment: string[][]): Promise<void> {
  await db.query(
    `INSERT INTO ${S}."courses" (id, code, title, level) SELECT id, 'C-' || n, 'Course ' || n, 'grade12' FROM unnest($1::uuid[]) WITH ORDINALITY AS c(id, n)`,
    [courseIds],
  );
  await db.query(`INSERT INTO ${S}."course_teachers" (course_id, teacher_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [courseIds, teacherIds]);
  await db.query(`INSERT INTO ${S}."enrollments" (course_id, student_id, active, enrolled_at) SELECT c, s, true, now() - interval '90 days' FROM unnest($1::uuid[], $2::uuid[]) AS e(c, s)`, [
    enrollment.map((row) => row[0]),
    enrollment.map((row) => row[1]),
  ]);
  await db.query(
    `INSERT INTO ${S}."sessions" (id, course_id, starts_at, ends_at, topic)
     SELECT gen_random_uuid(), c.id, now() - make_interval(days => g) + interval '1 hour', now() - make_interval(days => g) + interval '2 hours', 'Topic ' || g
       FROM unnest($1::uuid[]) AS c(id), generate_series(-5, ${SESSIONS_PER_COURSE - 6}) AS g`,
    [courseIds],
  );
  await db.query(
    `INSERT INTO ${S}."attendance_records" (session_id, student_id, course_id, status, session_starts_at, marked_at)
     SELECT s.id, e.student_id, s.course_id,
            (ARRAY['present','present','present','present','present','present','late','absent','present','excused'])[1 + (abs(hashtext(s.id::text || e.student_id::text)) % 10)],
            s.starts_at, s.starts_at
       FROM ${S}."sessions" s JOIN ${S}."enrollments" e ON e.course_id = s.course_id WHERE s.starts_at < now()`,
  );
  await db.query(
    `INSERT INTO ${S}."assignments" (id, course_id, title, due_at, max_score)
     SELECT gen_random_uuid(), c.id, 'Assignment ' || g, now() - make_interval(days => g * 5), 100 FROM unnest($1::uuid[]) AS c(id), generate_series(1, ${ASSIGNMENTS_PER_COURSE}) AS g`,
    [courseIds],
  );
  await db.query(
    `INSERT INTO ${S}."grades" (assignment_id, student_id, course_id, score, max_score, percentage, graded_at)
     SELECT a.id, e.student_id, a.course_id, p, 100, p, a.due_at + interval '2 days'
       FROM ${S}."assignments" a JOIN ${S}."enrollments" e ON e.course_id = a.course_id,
            LATERAL (SELECT 40 + abs(hashtext(a.id::text || e.student_id::text)) % 61 AS p) x`,
  );
  await db.query(
    `INSERT INTO ${S}."missing_work" (assignment_id, student_id, course_id, detected_at)
     SELECT a.id, e.student_id, a.course_id, a.due_at + interval '1 day'
       FROM ${S}."assignments" a JOIN ${S}."enrollments" e ON e.course_id = a.course_id
      WHERE abs(hashtext(a.id::text || e.student_id::text)) % 40 = 0`,
  );
  await db.query(
    `INSERT INTO ${S}."live_classes" (id, course_id, name, starts_at, ends_at, status)
     SELECT gen_random_uuid(), c.id, 'Live ' || g, now() - make_interval(days => g * 3), now() - make_interval(days => g * 3) + interval '1 hour',
            CASE WHEN g < 0 THEN 'scheduled' ELSE 'completed' END
       FROM unnest($1::uuid[]) AS c(id), generate_series(-2, ${LIVE_PER_COURSE - 3}) AS g`,
    [courseIds],
  );
  await db.query(
    `INSERT INTO ${S}."live_attendance" (class_id, student_id, course_id, minutes_attended, attended_ratio, revision)
     SELECT l.id, e.student_id, l.course_id, m, m / 60.0, 1 FROM ${S}."live_classes" l JOIN ${S}."enrollments" e ON e.course_id = l.course_id,
            LATERAL (SELECT (abs(hashtext(l.id::text || e.student_id::text)) % 61) AS m) x WHERE l.status = 'completed'`,
  );
}
