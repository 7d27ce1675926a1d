/**
 * The parent's dashboard (`parentPortal.childrenList`: one card per actively linked child with attendance,
 * grade average, missing work, unread alerts and the next class) for a parent of 1, 2 and 5 children, in a school
 * of 200 children with 8 courses each and a term of data (the school of bench/parent-portal.bench.ts). Through
 * the built parent-portal service (its own process), as the parent.
 *
 * The read model is filled with set-based INSERTs the way the service's projections would leave it.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parentPortalRpc, type AuthContext } from '@tec/shared';
import { createTestDatabase, type TestNats } from '@tec/shared/testing';
import type { DataSource } from 'typeorm';
import { parentPortalEntities } from '../../../services/parent-portal/src/entities';
import { parentPortalMigrations } from '../../../services/parent-portal/src/migrations';
import { OverviewRepository } from '../../../services/parent-portal/src/overview/overview.repository';
import { stopProcess } from '../processes';
import { captureStatement, PlanBook, reportGrowth, seconds, settleTables, startService, timeCalls, type SizePoint } from './growth-kit';

const FAMILY_SIZES = [1, 2, 5];
const CHILDREN = 200;
const COURSES = 8;
const SESSIONS_PER_COURSE = 40;
const ASSIGNMENTS_PER_COURSE = 15;
const LIVE_PER_COURSE = 10;
const P = '"parent_portal"';

/** The school: 32 courses, 200 children in 8 each, a term of sessions, records, grades, live classes and alerts. */
async function seedSchool(db: DataSource): Promise<string[]> {
  const courseIds = Array.from({ length: COURSES * 4 }, () => randomUUID());
  const teacherIds = courseIds.map(() => randomUUID());
  const children = Array.from({ length: CHILDREN }, () => randomUUID());
  const parents = children.map(() => randomUUID());
  const users = [...teacherIds.map((id) => [id, 'teacher']), ...children.map((id) => [id, 'student']), ...parents.map((id) => [id, 'parent'])];
  await db.query(
    `INSERT INTO ${P}."users" (id, email, first_name, last_name, role, timezone, locale, date_of_birth)
     SELECT u.id, u.id || '@growth.example', 'First' || n, 'Last' || n, u.role, 'UTC', 'en', CASE WHEN u.role = 'student' THEN date '2009-05-01' END
       FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS u(id, role, n)`,
    [users.map((u) => u[0]), users.map((u) => u[1])],
  );
  await db.query(`INSERT INTO ${P}."courses" (id, code, title, level) SELECT id, 'C-' || n, 'Course ' || n, 'grade12' FROM unnest($1::uuid[]) WITH ORDINALITY AS c(id, n)`, [courseIds]);
  await db.query(`INSERT INTO ${P}."course_teachers" (course_id, teacher_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [courseIds, teacherIds]);
  const enrollment = children.flatMap((student, index) => Array.from({ length: COURSES }, (_, k) => [courseIds[(index + k * 4) % courseIds.length]!, student]));
  await db.query(`INSERT INTO ${P}."enrollments" (course_id, student_id, active, enrolled_at) SELECT c, s, true, now() - interval '90 days' FROM unnest($1::uuid[], $2::uuid[]) AS e(c, s)`, [
    enrollment.map((row) => row[0]),
    enrollment.map((row) => row[1]),
  ]);
  await db.query(
    `INSERT INTO ${P}."sessions" (id, course_id, starts_at, ends_at, topic)
     SELECT gen_random_uuid(), c.id, now() - make_interval(days => g) + interval '1 hour', now() - make_interval(days => g) + interval '2 hours', 'Topic ' || g
       FROM unnest($1::uuid[]) AS c(id), generate_series(-5, ${SESSIONS_PER_COURSE - 6}) AS g`,
    [courseIds],
  );
  await db.query(
    `INSERT INTO ${P}."attendance_records" (session_id, student_id, course_id, status, session_starts_at, marked_at)
     SELECT s.id, e.student_id, s.course_id,
            (ARRAY['present','present','present','present','present','present','late','absent','present','excused'])[1 + (abs(hashtext(s.id::text || e.student_id::text)) % 10)],
            s.starts_at, s.starts_at
       FROM ${P}."sessions" s JOIN ${P}."enrollments" e ON e.course_id = s.course_id WHERE s.starts_at < now()`,
  );
  await db.query(
    `INSERT INTO ${P}."assignments" (id, course_id, title, due_at, max_score)
     SELECT gen_random_uuid(), c.id, 'Assignment ' || g, now() - make_interval(days => g * 5), 100 FROM unnest($1::uuid[]) AS c(id), generate_series(1, ${ASSIGNMENTS_PER_COURSE}) AS g`,
    [courseIds],
  );
  await db.query(
    `INSERT INTO ${P}."grades" (assignment_id, student_id, course_id, score, max_score, percentage, graded_at)
     SELECT a.id, e.student_id, a.course_id, p, 100, p, a.due_at + interval '2 days'
       FROM ${P}."assignments" a JOIN ${P}."enrollments" e ON e.course_id = a.course_id,
            LATERAL (SELECT 40 + abs(hashtext(a.id::text || e.student_id::text)) % 61 AS p) x`,
  );
  await db.query(
    `INSERT INTO ${P}."missing_work" (assignment_id, student_id, course_id, detected_at)
     SELECT a.id, e.student_id, a.course_id, a.due_at + interval '1 day'
       FROM ${P}."assignments" a JOIN ${P}."enrollments" e ON e.course_id = a.course_id
      WHERE abs(hashtext(a.id::text || e.student_id::text)) % 40 = 0`,
  );
  await db.query(
    `INSERT INTO ${P}."live_classes" (id, course_id, name, starts_at, ends_at, status)
     SELECT gen_random_uuid(), c.id, 'Live ' || g, now() - make_interval(days => g * 3), now() - make_interval(days => g * 3) + interval '1 hour',
            CASE WHEN g < 0 THEN 'scheduled' ELSE 'completed' END
       FROM unnest($1::uuid[]) AS c(id), generate_series(-2, ${LIVE_PER_COURSE - 3}) AS g`,
    [courseIds],
  );
  await db.query(
    `INSERT INTO ${P}."live_attendance" (class_id, student_id, course_id, minutes_attended, attended_ratio, revision)
     SELECT l.id, e.student_id, l.course_id, m, m / 60.0, 1 FROM ${P}."live_classes" l JOIN ${P}."enrollments" e ON e.course_id = l.course_id,
            LATERAL (SELECT (abs(hashtext(l.id::text || e.student_id::text)) % 61) AS m) x WHERE l.status = 'completed'`,
  );
  await linkParents(
    db,
    parents.map((parent, index) => [parent, children[index]!]),
  );
  return children;
}

/** Active, approved links, each with 30 alerts (one in three unread), as the alert projection leaves them. */
async function linkParents(db: DataSource, pairs: [string, string][]): Promise<void> {
  await db.query(
    `INSERT INTO ${P}."links" (id, parent_id, student_id, relationship, origin, approval, consent, active, decided_at)
     SELECT gen_random_uuid(), p, s, 'parent', 'admin', 'approved', 'pending', true, now() - interval '90 days' FROM unnest($1::uuid[], $2::uuid[]) AS f(p, s)`,
    [pairs.map((pair) => pair[0]), pairs.map((pair) => pair[1])],
  );
  await db.query(
    `INSERT INTO ${P}."alerts" (id, parent_id, student_id, type, course_id, title, message, created_at, read_at)
     SELECT gen_random_uuid(), f.p, f.s, 'low_assignment_grade', e.course_id, 'Alert ' || g, 'Below threshold', now() - make_interval(hours => g),
            CASE WHEN g % 3 <> 0 THEN now() - make_interval(hours => g) + interval '1 hour' END
       FROM unnest($1::uuid[], $2::uuid[]) AS f(p, s) JOIN LATERAL (SELECT course_id FROM ${P}."enrollments" WHERE student_id = f.s LIMIT 1) e ON true, generate_series(1, 30) AS g`,
    [pairs.map((pair) => pair[0]), pairs.map((pair) => pair[1])],
  );
}

export async function parentPortalGrowth(nats: TestNats): Promise<void> {
  const database = await createTestDatabase({ schema: 'parent_portal', entities: parentPortalEntities, migrations: parentPortalMigrations });
  const db = database.dataSource;
  let child;
  try {
    const fillStart = performance.now();
    const children = await seedSchool(db);
    // Parents of 1, 2 and 5 of the school's children (who already have a parent each: a second guardian).
    const families: { parentId: string; children: string[] }[] = [];
    let next = 0;
    for (const size of FAMILY_SIZES) {
      families.push({ parentId: randomUUID(), children: children.slice(next, next + size) });
      next += size;
    }
    await db.query(
      `INSERT INTO ${P}."users" (id, email, first_name, last_name, role, timezone, locale) SELECT id, id || '@growth.example', 'Guardian', 'Growth', 'parent', 'UTC', 'en' FROM unnest($1::uuid[]) AS id`,
      [families.map((family) => family.parentId)],
    );
    await linkParents(
      db,
      families.flatMap((family) => family.children.map((id) => [family.parentId, id] as [string, string])),
    );
    await settleTables(db, ['attendance_records', 'grades', 'missing_work', 'alerts', 'links', 'enrollments', 'sessions', 'live_classes', 'live_attendance', 'users'].map((table) => `${P}."${table}"`));
    console.log(`parent portal: a school of ${CHILDREN} children × ${COURSES} courses with a term of data (${seconds(fillStart)})`);

    const service = await startService('parent-portal', 'parent-portal', database.url, nats, { PARENT_PORTAL_JOB_INTERVAL_SECONDS: '0' });
    child = service.child;
    const points: SizePoint[] = [];
    const plans = new PlanBook('growth-parent-portal-dashboard.txt', `Parent portal: the parent's dashboard, one card per child (OverviewRepository.children), school of ${CHILDREN} children`);
    for (const [index, family] of families.entries()) {
      const auth: AuthContext = { kind: 'user', userId: family.parentId, role: 'parent' };
      const check = await service.rpc.call(parentPortalRpc.childrenList, {}, auth);
      if (check.items.length !== family.children.length || check.items.some((item) => item.unreadAlerts !== 10)) throw new Error(`unexpected dashboard for ${family.children.length} children`);
      points.push({ size: family.children.length, summary: await timeCalls(() => service.rpc.call(parentPortalRpc.childrenList, {}, auth)) });
      if (index === 0 || index === families.length - 1) {
        await plans.add(db, 'OverviewRepository.children', `${family.children.length} children`, await captureStatement((stub) => new OverviewRepository(stub).children(family.parentId)));
      }
    }
    reportGrowth('growth/parent-portal-dashboard', `rpc parentPortal.childrenList (dashboard cards) in a school of ${CHILDREN} children × ${COURSES} courses`, 'children', points, plans.write());
  } finally {
    if (child) await stopProcess(child);
    await database.drop();
  }
}
