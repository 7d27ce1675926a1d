/**
 * The parent's child page: one request that serves every widget, against the naive way of building the same page.
 *
 * ours:     OverviewService.overview: the active-link gate, the access-log row, then ONE SQL statement that returns the
 *           whole page as JSON (per-course attendance, grades, missing work and teachers, recent absences and grades,
 *           missing assignments, upcoming sessions and live classes, past live-class attendance, recent alerts).
 * baseline: the same gate and log row, then one query per widget and, per course, one query each for teachers,
 *           attendance counts, grade average and missing count (what a page made of independent widgets, each
 *           calling its own endpoint, costs the database: 9 + 4 × courses round trips).
 * Both run in this process against the same service database (same pool of 10 connections), 8 requests at a time,
 * on a school of 200 linked children with 8 courses each and a term of data (64,000 attendance records, 24,000
 * grades, 16,000 live-class results, 6,000 alerts). The two answers are checked to be the same page.
 *
 * Run: npm run bench parent
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { attendancePercentage, type ChildOverview } from '@tec/shared';
import { bootTestService } from '@tec/shared/testing';
import type { DataSource } from 'typeorm';
import { buildServiceModule } from '../services/parent-portal/src/app.module';
import { parentPortalConfigShape } from '../services/parent-portal/src/config';
import { parentPortalEntities } from '../services/parent-portal/src/entities';
import { parentPortalMigrations } from '../services/parent-portal/src/migrations';
import { OverviewService } from '../services/parent-portal/src/overview/overview.service';
import { DATA_SOURCE } from '@tec/shared';
import { pool, report, summarize } from './lib/stats';
import { COURSES, fillSchoolTerm } from './lib/parent-portal-school';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = 8;
const WARMUP = 200;
const CHILDREN = 200;
const T = '"parent_portal"';

interface Family {
  parentId: string;
  studentId: string;
}

async function seed(db: DataSource): Promise<Family[]> {
  const courseIds = Array.from({ length: COURSES * 4 }, () => randomUUID());
  const teacherIds = courseIds.map(() => randomUUID());
  const families = Array.from({ length: CHILDREN }, () => ({ parentId: randomUUID(), studentId: randomUUID() }));
  const users = [
    ...teacherIds.map((id, index) => [id, 'teacher', `Teacher${index}`]),
    ...families.flatMap((family, index) => [
      [family.parentId, 'parent', `Parent${index}`],
      [family.studentId, 'student', `Child${index}`],
    ]),
  ];
  await db.query(
    `INSERT INTO ${T}."users" (id, email, first_name, last_name, role, timezone, locale, date_of_birth)
     SELECT u.id, u.first || '@bench.example', u.first, 'Bench', u.role, 'Europe/Madrid', 'en', CASE WHEN u.role = 'student' THEN date '2009-05-01' END
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, role, first)`,
    [users.map((u) => u[0]), users.map((u) => u[1]), users.map((u) => u[2])],
  );
  // Each child takes 8 of the 32 courses.
  const enrollment = families.flatMap((family, index) => Array.from({ length: COURSES }, (_, k) => [courseIds[(index + k * 4) % courseIds.length]!, family.studentId]));
  await fillSchoolTerm(db, courseIds, teacherIds, enrollment);
  await db.query(
    `INSERT INTO ${T}."links" (id, parent_id, student_id, relationship, origin, approval, active)
     SELECT gen_random_uuid(), p, s, 'parent', 'admin', 'approved', true FROM unnest($1::uuid[], $2::uuid[]) AS f(p, s)`,
    [families.map((family) => family.parentId), families.map((family) => family.studentId)],
  );
  await db.query(
    `INSERT INTO ${T}."alerts" (id, parent_id, student_id, type, course_id, title, message, created_at)
     SELECT gen_random_uuid(), l.parent_id, l.student_id, 'low_assignment_grade', e.course_id, 'Alert ' || g, 'Below threshold', now() - make_interval(hours => g)
       FROM ${T}."links" l JOIN LATERAL (SELECT course_id FROM ${T}."enrollments" WHERE student_id = l.student_id LIMIT 1) e ON true, generate_series(1, 30) AS g`,
  );
  await db.query(`ANALYZE`);
  return families;
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COURSE = `json_build_object('id', c.id, 'code', c.code, 'title', c.title)`;

/** The naive page: gate, log, then a query per widget and four per course. Same output shape as ours. */
async function naiveOverview(db: DataSource, parentId: string, studentId: string): Promise<Omit<ChildOverview, 'generatedAt'>> {
  const link = await db.query(`SELECT id, relationship FROM ${T}."links" WHERE parent_id = $1 AND student_id = $2 AND active`, [parentId, studentId]);
  if (!link[0]) throw new Error('not linked');
  await db.query(`INSERT INTO ${T}."access_log" (student_id, viewer_id, viewer_role, resource) VALUES ($1, $2, 'parent', 'overview')`, [studentId, parentId]);
  const [child] = await db.query(
    `SELECT id, first_name AS "firstName", last_name AS "lastName", email, (date_of_birth <= current_date - interval '18 years') AS adult FROM ${T}."users" WHERE id = $1`,
    [studentId],
  );
  const courses = await db.query(
    `SELECT c.id, c.code, c.title, c.level FROM ${T}."enrollments" e JOIN ${T}."courses" c ON c.id = e.course_id WHERE e.student_id = $1 AND e.active ORDER BY c.title`,
    [studentId],
  );
  const perCourse = [];
  for (const course of courses) {
    const teachers = await db.query(
      `SELECT u.id, u.first_name AS "firstName", u.last_name AS "lastName", u.email FROM ${T}."course_teachers" t JOIN ${T}."users" u ON u.id = t.teacher_id WHERE t.course_id = $1 ORDER BY u.last_name, u.first_name`,
      [course.id],
    );
    const [counts] = await db.query(
      `SELECT count(*) FILTER (WHERE status = 'present')::int AS present, count(*) FILTER (WHERE status = 'late')::int AS late,
              count(*) FILTER (WHERE status = 'absent')::int AS absent, count(*) FILTER (WHERE status = 'excused')::int AS excused
         FROM ${T}."attendance_records" WHERE student_id = $1 AND course_id = $2`,
      [studentId, course.id],
    );
    const [grades] = await db.query(`SELECT round(avg(percentage), 1)::float8 AS average, count(*)::int AS graded FROM ${T}."grades" WHERE student_id = $1 AND course_id = $2`, [studentId, course.id]);
    const [missing] = await db.query(`SELECT count(*)::int AS count FROM ${T}."missing_work" WHERE student_id = $1 AND course_id = $2 AND resolved_at IS NULL`, [studentId, course.id]);
    perCourse.push({ course, teachers, attendance: { percentage: attendancePercentage(counts), counts }, grades, missingAssignments: missing.count });
  }
  const recentAbsences = await db.query(
    `SELECT ${COURSE} AS course, json_build_object('id', s.id, 'startsAt', ${ISO('s.starts_at')}, 'endsAt', ${ISO('s.ends_at')}, 'topic', s.topic) AS session, r.status
       FROM ${T}."attendance_records" r JOIN ${T}."sessions" s ON s.id = r.session_id JOIN ${T}."courses" c ON c.id = r.course_id
      WHERE r.student_id = $1 AND r.status IN ('absent', 'late', 'excused') ORDER BY r.session_starts_at DESC, r.session_id LIMIT 10`,
    [studentId],
  );
  const recentGrades = await db.query(
    `SELECT ${COURSE} AS course, json_build_object('id', a.id, 'title', a.title, 'dueAt', ${ISO('a.due_at')}) AS assignment, g.score::float8 AS score,
            g.max_score::float8 AS "maxScore", g.percentage::float8 AS percentage, ${ISO('g.graded_at')} AS "gradedAt"
       FROM ${T}."grades" g JOIN ${T}."assignments" a ON a.id = g.assignment_id JOIN ${T}."courses" c ON c.id = g.course_id
      WHERE g.student_id = $1 ORDER BY g.graded_at DESC, g.assignment_id LIMIT 10`,
    [studentId],
  );
  const missingAssignments = await db.query(
    `SELECT ${COURSE} AS course, json_build_object('id', a.id, 'title', a.title, 'dueAt', ${ISO('a.due_at')}) AS assignment, ${ISO('m.detected_at')} AS "detectedAt"
       FROM ${T}."missing_work" m JOIN ${T}."assignments" a ON a.id = m.assignment_id JOIN ${T}."courses" c ON c.id = m.course_id
      WHERE m.student_id = $1 AND m.resolved_at IS NULL ORDER BY m.detected_at DESC, m.assignment_id LIMIT 20`,
    [studentId],
  );
  const upcomingSessions = await db.query(
    `SELECT ${COURSE} AS course, s.id, ${ISO('s.starts_at')} AS "startsAt", ${ISO('s.ends_at')} AS "endsAt", s.topic
       FROM ${T}."sessions" s JOIN ${T}."enrollments" e ON e.course_id = s.course_id AND e.student_id = $1 AND e.active JOIN ${T}."courses" c ON c.id = s.course_id
      WHERE s.starts_at > now() AND NOT s.cancelled ORDER BY s.starts_at, s.id LIMIT 10`,
    [studentId],
  );
  const upcomingLiveClasses = await db.query(
    `SELECT ${COURSE} AS course, l.id::text AS id, l.name AS title, ${ISO('l.starts_at')} AS "startsAt", ${ISO('l.ends_at')} AS "endsAt"
       FROM ${T}."live_classes" l JOIN ${T}."enrollments" e ON e.course_id = l.course_id AND e.student_id = $1 AND e.active JOIN ${T}."courses" c ON c.id = l.course_id
      WHERE l.ends_at > now() AND l.status NOT IN ('cancelled', 'completed', 'ended') ORDER BY l.starts_at, l.id LIMIT 10`,
    [studentId],
  );
  const pastLiveClasses = await db.query(
    `SELECT ${COURSE} AS course, l.id::text AS id, l.name AS title, ${ISO('l.starts_at')} AS "startsAt", la.minutes_attended > 0 AS attended,
            la.minutes_attended::float8 AS "minutesAttended", la.attended_ratio::float8 AS "attendedRatio"
       FROM ${T}."live_attendance" la JOIN ${T}."live_classes" l ON l.id = la.class_id JOIN ${T}."courses" c ON c.id = la.course_id
      WHERE la.student_id = $1 ORDER BY l.starts_at DESC, l.id LIMIT 10`,
    [studentId],
  );
  const recentAlerts = await db.query(
    `SELECT a.id, a.type, a.title, a.message, ${ISO('a.created_at')} AS "createdAt", ${ISO('a.read_at')} AS "readAt" FROM ${T}."alerts" a
      WHERE a.parent_id = $1 AND a.student_id = $2 ORDER BY a.created_at DESC, a.id DESC LIMIT 10`,
    [parentId, studentId],
  );
  const [unread] = await db.query(`SELECT count(*)::int AS count FROM ${T}."alerts" WHERE parent_id = $1 AND student_id = $2 AND read_at IS NULL`, [parentId, studentId]);
  return {
    linkId: link[0].id,
    relationship: link[0].relationship,
    child,
    courses: perCourse,
    recentAbsences,
    recentGrades,
    missingAssignments,
    upcomingSessions,
    upcomingLiveClasses,
    pastLiveClasses,
    recentAlerts,
    unreadAlerts: unread.count,
  } as Omit<ChildOverview, 'generatedAt'>;
}

async function measure(count: number, families: Family[], job: (family: Family) => Promise<void>) {
  const latencies: number[] = [];
  const start = performance.now();
  await pool(count, CONCURRENCY, async (index) => {
    const family = families[(index * 7919) % families.length]!;
    const began = performance.now();
    await job(family);
    latencies.push(performance.now() - began);
  });
  return summarize(latencies, performance.now() - start);
}

async function main(): Promise<void> {
  const service = await bootTestService({
    schema: 'parent_portal',
    entities: parentPortalEntities,
    migrations: parentPortalMigrations,
    configShape: parentPortalConfigShape,
    buildModule: (config) => buildServiceModule(config),
    env: { PARENT_PORTAL_JOB_INTERVAL_SECONDS: '0', DATABASE_POOL_SIZE: '10' },
  });
  try {
    const db = service.app.get<DataSource>(DATA_SOURCE);
    const seedStart = performance.now();
    const families = await seed(db);
    console.log(`seeded ${CHILDREN} linked children in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    const overview = service.app.get(OverviewService);
    const ours = (family: Family) => overview.overview({ kind: 'user', userId: family.parentId, role: 'parent' }, family.studentId);

    // Same page either way (counts, averages, list lengths and ids).
    const sample = families[0]!;
    const a = await ours(sample);
    const b = await naiveOverview(db, sample.parentId, sample.studentId);
    const shape = (page: Omit<ChildOverview, 'generatedAt'>) =>
      JSON.stringify({
        courses: page.courses.map((course) => [course.course.id, course.attendance.counts, course.grades.average, course.missingAssignments, course.teachers.map((t) => t.id)]),
        absences: page.recentAbsences.map((item) => item.session.id),
        grades: page.recentGrades.map((item) => item.assignment.id),
        missing: page.missingAssignments.map((item) => item.assignment.id),
        upcoming: page.upcomingSessions.map((item) => item.id),
        live: [page.upcomingLiveClasses.map((item) => item.id), page.pastLiveClasses.map((item) => item.id)],
        alerts: [page.recentAlerts.map((item) => item.id), page.unreadAlerts],
      });
    if (shape(a) !== shape(b)) throw new Error(`the two pages differ:\n${shape(a)}\n${shape(b)}`);

    await measure(WARMUP, families, async (family) => void (await ours(family)));
    await measure(WARMUP, families, async (family) => void (await naiveOverview(db, family.parentId, family.studentId)));
    const baseline = await measure(REQUESTS, families, async (family) => void (await naiveOverview(db, family.parentId, family.studentId)));
    const mine = await measure(REQUESTS, families, async (family) => void (await ours(family)));
    report({
      name: 'parent-portal-overview',
      description: `${REQUESTS} child pages (${COURSES} courses each), ${CONCURRENCY} at a time: one statement vs per-widget queries (${9 + 4 * COURSES} round trips)`,
      ours: mine,
      baseline,
      throughputRatio: mine.throughputPerSecond / baseline.throughputPerSecond,
    });
  } finally {
    await service.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
