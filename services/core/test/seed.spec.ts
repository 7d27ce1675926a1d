import { ANONYMOUS, coreRpc } from '@tec/shared';
import { MissingAssignmentsJob } from '../src/coursework/missing-assignments.job';
import { seedDemoSchool } from '../src/seed/seed-demo-school';
import { bootCore, type CoreTestService } from './core-test-kit';

describe('demo school seed', () => {
  let core: CoreTestService;
  beforeAll(async () => {
    core = await bootCore();
  }, 60_000);
  afterAll(async () => {
    await core?.close();
  });

  const outboxCount = async () =>
    (await core.db.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM "core"."outbox"`))[0]!.count;

  it('is idempotent: a second run adds no rows and no events', async () => {
    const first = await seedDemoSchool(core.db.dataSource);
    const eventsAfterFirst = await outboxCount();
    expect(first).toMatchObject({ users: 57, courses: 6 });
    expect(first.enrollments).toBeGreaterThan(100);
    expect(first.grades).toBeGreaterThan(50);
    expect(eventsAfterFirst).toBeGreaterThan(first.users + first.courses + first.enrollments);

    const second = await seedDemoSchool(core.db.dataSource);
    expect(second).toEqual(first);
    expect(await outboxCount()).toBe(eventsAfterFirst);
  }, 60_000);

  it('gives every demo role a working login and a dashboard with real data', async () => {
    await seedDemoSchool(core.db.dataSource);
    const login = (email: string) => core.rpc.call(coreRpc.authLogin, { email, password: 'demo1234' }, ANONYMOUS);
    const dashboard = async (email: string) => {
      const { user } = await login(email);
      return core.rpc.call(coreRpc.dashboardGet, {}, { kind: 'user', userId: user.id, role: user.role });
    };

    const student = await dashboard('student@tec.example');
    expect(student.user.dateOfBirth).not.toBeNull();
    const age = (Date.now() - new Date(student.user.dateOfBirth!).getTime()) / (365.25 * 86_400_000);
    expect(age).toBeGreaterThan(17);
    expect(age).toBeLessThan(18);
    expect(student.courses.map((course) => course.code)).toEqual(['BIO-12A', 'ENG-12A', 'MATH-12A']);
    expect(student.courses.every((course) => course.relation === 'enrolled' && course.studentCount === 25)).toBe(true);
    expect(student.upcomingAssignments.length).toBeGreaterThan(0);
    expect(new Set(student.upcomingAssignments.map((a) => a.status))).toEqual(new Set(['open', 'submitted', 'missing']));
    expect(student.recentGrades.length).toBeGreaterThan(0);
    expect(student.recentGrades[0]!.studentName).toBeUndefined();

    const teacher = await dashboard('teacher@tec.example');
    expect(teacher.courses.map((course) => [course.code, course.relation])).toEqual([
      ['BIO-12A', 'teaching'],
      ['MATH-12A', 'teaching'],
      ['STAT-201', 'teaching'],
    ]);
    expect(teacher.toGrade!.length).toBeGreaterThan(0);
    expect(teacher.toGrade!.every((item) => item.ungraded > 0)).toBe(true);
    expect(teacher.recentGrades[0]!.studentName).toEqual(expect.any(String));
    expect(teacher.upcomingAssignments.every((a) => a.status === 'open')).toBe(true);

    const admin = await dashboard('admin@tec.example');
    expect(admin.admin).toEqual({ users: { student: 41, teacher: 4, parent: 11, admin: 1 }, courses: 6, activeEnrollments: expect.any(Number) });

    const parent = await dashboard('parent@tec.example');
    expect(parent).toMatchObject({ user: { role: 'parent' }, courses: [], upcomingAssignments: [], recentGrades: [] });

    const adults = await core.db.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM "core"."users" WHERE role = 'student' AND date_of_birth <= now() - interval '18 years'`,
    );
    expect(adults[0]!.count).toBeGreaterThan(10);
  }, 60_000);

  it('past work without a submission is announced missing by the job', async () => {
    await seedDemoSchool(core.db.dataSource);
    expect(await core.app.get(MissingAssignmentsJob).runOnce()).toBeGreaterThan(0);
  }, 60_000);
});
