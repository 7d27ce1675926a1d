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
import { COURSES, fillSchoolTerm } from '../parent-portal-school';

const FAMILY_SIZES = [1, 2, 5];
const CHILDREN = 200;
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
  const enrollment = children.flatMap((student, index) => Array.from({ length: COURSES }, (_, k) => [courseIds[(index + k * 4) % courseIds.length]!, student]));
  await fillSchoolTerm(db, courseIds, teacherIds, enrollment);
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
