/**
 * The attendance course summary (what `GET /attendance/reports?type=course_summary` serves) while the course grows
 * 50 → 100 → 250 → 500 students, each with 200 held sessions of records, next to nine other courses of 30.
 * Two forms: the whole course (counters) and the six weeks the web reports page asks for by default (records
 * counted in the range). Through the built attendance service (its own process), as the course's teacher.
 *
 * Filled with generate_series straight into the attendance schema, keeping what the service maintains consistent:
 * one record per (session, student) of a closed session, and the per-student counters (`stats`, with
 * `below_threshold` under the default policy) equal to the records.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { attendanceRpc, DEFAULT_ATTENDANCE_POLICY, localDayRange, type AuthContext } from '@tec/shared';
import { createTestDatabase, type TestNats } from '@tec/shared/testing';
import type { DataSource } from 'typeorm';
import { attendanceEntities } from '../../../services/attendance/src/entities';
import { attendanceMigrations } from '../../../services/attendance/src/migrations';
import { ReportsRepository } from '../../../services/attendance/src/reports/reports.repository';
import { stopProcess } from '../processes';
import { captureStatement, PlanBook, reportGrowth, seconds, settleTables, startService, timeCalls, type SizePoint } from './growth-kit';

const SIZES = (process.env.BENCH_GROWTH_ATTENDANCE_SIZES ?? '50,100,250,500').split(',').map(Number);
const SESSIONS = 200;
const OTHER_COURSES = 9;
const OTHER_CLASS = 30;
const RANGE_DAYS = 42;
const A = '"attendance"';

export async function addCourses(db: DataSource, teacherId: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await db.query(`INSERT INTO ${A}."courses" (id, code, title) SELECT id, 'C-' || n, 'Course ' || n FROM unnest($1::uuid[]) WITH ORDINALITY AS c(id, n)`, [ids]);
  await db.query(`INSERT INTO ${A}."course_teachers" (course_id, teacher_id) SELECT id, $2 FROM unnest($1::uuid[]) AS id`, [ids, teacherId]);
  // The last SESSIONS weekdays before today, 08:00–09:00 UTC, closed (every enrolled student has a record).
  await db.query(
    `INSERT INTO ${A}."sessions" (id, course_id, starts_at, ends_at, topic, checkin_opens_at, late_after, checkin_closes_at, qr_secret, closed_at, created_at)
     SELECT gen_random_uuid(), c.id, d.at, d.at + interval '1 hour', 'Lesson ' || d.n, d.at - interval '10 minutes', d.at + interval '10 minutes',
            d.at + interval '30 minutes', decode(md5(c.id::text || d.n), 'hex'), d.at + interval '30 minutes', d.at - interval '30 days'
       FROM unnest($1::uuid[]) AS c(id),
            (SELECT (day::date + time '08:00') AT TIME ZONE 'UTC' AS at, row_number() OVER (ORDER BY day DESC) AS n
               FROM generate_series(current_date - 400, current_date - 1, interval '1 day') AS day WHERE extract(isodow FROM day) < 6) d
      WHERE d.n <= ${SESSIONS}`,
    [ids],
  );
  return ids;
}

/**
 * Enrolls `count` new students in a course with a record for each of its sessions (mostly present; one student in
 * ten ends on three absences in a row, so the report has streaks to find) and their counters.
 */
export async function addStudents(db: DataSource, courseId: string, count: number): Promise<void> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await db.query(
    `INSERT INTO ${A}."users" (id, email, first_name, last_name, role, timezone, locale)
     SELECT id, id || '@growth.example', 'First' || n, 'Last' || (abs(hashtext(id::text)) % 997), 'student', 'UTC', 'en' FROM unnest($1::uuid[]) WITH ORDINALITY AS s(id, n)`,
    [ids],
  );
  await db.query(`INSERT INTO ${A}."enrollments" (course_id, student_id, active, enrolled_at) SELECT $1, id, true, now() - interval '400 days' FROM unnest($2::uuid[]) AS id`, [courseId, ids]);
  await db.query(
    `WITH s AS (SELECT id, starts_at, row_number() OVER (ORDER BY starts_at DESC) AS recent FROM ${A}."sessions" WHERE course_id = $1)
     INSERT INTO ${A}."records" (id, session_id, course_id, student_id, session_starts_at, status, method, marked_at, checked_in_at)
     SELECT gen_random_uuid(), s.id, $1, st.id, s.starts_at, x.status, CASE WHEN x.status IN ('present', 'late') THEN 'qr_code' ELSE 'auto' END,
            s.starts_at + interval '30 minutes', CASE WHEN x.status IN ('present', 'late') THEN s.starts_at + interval '2 minutes' END
       FROM s, unnest($2::uuid[]) AS st(id),
            LATERAL (SELECT CASE
              WHEN s.recent <= 3 AND abs(hashtext(st.id::text)) % 10 = 0 THEN 'absent'
              ELSE (ARRAY['present','present','present','present','present','present','present','present','late','absent','present','excused'])[1 + abs(hashtext(s.id::text || st.id::text)) % 12]
            END AS status) x`,
    [courseId, ids],
  );
  const policy = DEFAULT_ATTENDANCE_POLICY;
  await db.query(
    `INSERT INTO ${A}."stats" (course_id, student_id, present, late, absent, excused, below_threshold)
     SELECT course_id, student_id, present, late, absent, excused,
            present + late + absent >= $3 AND round((present + late) * 100.0 / NULLIF(present + late + absent, 0), 1) < $4
       FROM (SELECT course_id, student_id, count(*) FILTER (WHERE status = 'present')::int AS present, count(*) FILTER (WHERE status = 'late')::int AS late,
                    count(*) FILTER (WHERE status = 'absent')::int AS absent, count(*) FILTER (WHERE status = 'excused')::int AS excused
               FROM ${A}."records" WHERE course_id = $1 AND student_id = ANY($2::uuid[]) GROUP BY course_id, student_id) c`,
    [courseId, ids, policy.minSessionsForAlert, policy.lowAttendanceThreshold],
  );
}

const dayKey = (date: Date) => date.toISOString().slice(0, 10);

export async function attendanceGrowth(nats: TestNats): Promise<void> {
  const database = await createTestDatabase({ schema: 'attendance', entities: attendanceEntities, migrations: attendanceMigrations });
  const db = database.dataSource;
  let child;
  try {
    const teacherId = randomUUID();
    await db.query(`INSERT INTO ${A}."users" (id, email, first_name, last_name, role, timezone, locale) VALUES ($1, 'teacher@growth.example', 'Ada', 'Teacher', 'teacher', 'UTC', 'en')`, [
      teacherId,
    ]);
    const fillStart = performance.now();
    const others = await addCourses(db, teacherId, OTHER_COURSES);
    for (const course of others) await addStudents(db, course, OTHER_CLASS);
    const [courseId] = await addCourses(db, teacherId, 1);
    console.log(`attendance: ${OTHER_COURSES} other courses of ${OTHER_CLASS} students × ${SESSIONS} sessions (${seconds(fillStart)})`);

    const service = await startService('attendance', 'attendance', database.url, nats, {
      ATTENDANCE_JOB_INTERVAL_SECONDS: '0',
      ATTENDANCE_EVIDENCE_DIR: mkdtempSync(path.join(tmpdir(), 'tec-growth-attendance-')),
    });
    child = service.child;
    const auth: AuthContext = { kind: 'user', userId: teacherId, role: 'teacher' };
    const today = new Date();
    const from = dayKey(new Date(today.getTime() - RANGE_DAYS * 86_400_000));
    const to = dayKey(today);
    const whole = { type: 'course_summary' as const, courseId: courseId! };
    const ranged = { type: 'course_summary' as const, courseId: courseId!, from, to, timezone: 'UTC' };
    const points = { whole: [] as SizePoint[], ranged: [] as SizePoint[] };
    const plans = {
      whole: new PlanBook('growth-attendance-course-summary.txt', `Attendance: the course summary of a whole course (${SESSIONS} held sessions): the rows, then the absence streaks`),
      ranged: new PlanBook('growth-attendance-course-summary-6-weeks.txt', `Attendance: the course summary over ${RANGE_DAYS} days (the reports page's default range): the rows, then the absence streaks`),
    };
    let enrolled = 0;
    for (const [step, size] of SIZES.entries()) {
      const stepStart = performance.now();
      await addStudents(db, courseId!, size - enrolled);
      enrolled = size;
      await settleTables(db, [`${A}."records"`, `${A}."stats"`, `${A}."enrollments"`, `${A}."users"`, `${A}."sessions"`]);
      console.log(`attendance: ${size} students × ${SESSIONS} sessions in the course (filled and vacuumed in ${seconds(stepStart)})`);

      const check = await service.rpc.call(attendanceRpc.reportGet, whole, auth);
      if (check.type !== 'course_summary' || check.rows.length !== size || check.sessions !== SESSIONS) throw new Error(`unexpected course summary at ${size} students`);
      points.whole.push({ size, summary: await timeCalls(() => service.rpc.call(attendanceRpc.reportGet, whole, auth)) });
      points.ranged.push({ size, summary: await timeCalls(() => service.rpc.call(attendanceRpc.reportGet, ranged, auth)) });

      if (step === 0 || step === SIZES.length - 1) {
        const label = `${size} students × ${SESSIONS} sessions`;
        const streaks = await captureStatement((stub) => new ReportsRepository(stub).absenceStreaks(courseId!));
        await plans.whole.add(db, 'ReportsRepository.counters', label, await captureStatement((stub) => new ReportsRepository(stub).counters(courseId!)));
        await plans.whole.add(db, 'ReportsRepository.absenceStreaks', label, streaks);
        // The service's range: [start of `from`, end of `to`) in the report's time zone.
        const start = localDayRange(from, from, 'UTC').start;
        const end = localDayRange(to, to, 'UTC').end;
        await plans.ranged.add(db, 'ReportsRepository.countsInRange', label, await captureStatement((stub) => new ReportsRepository(stub).countsInRange(courseId!, start, end)));
        await plans.ranged.add(db, 'ReportsRepository.absenceStreaks', label, streaks);
      }
    }
    reportGrowth('growth/attendance-course-summary', `rpc attendance.reportGet course_summary (whole course, ${SESSIONS} held sessions) as the course grows`, 'students', points.whole, plans.whole.write());
    reportGrowth('growth/attendance-course-summary-6-weeks', `rpc attendance.reportGet course_summary over the last ${RANGE_DAYS} days as the course grows`, 'students', points.ranged, plans.ranged.write());
  } finally {
    if (child) await stopProcess(child);
    await database.drop();
  }
}
