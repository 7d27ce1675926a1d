import { coreRpc, inTransaction } from '@tec/shared';
import { UsersService } from '../src/users/users.service';
import { as, bootCore, codeOf, outboxSubjects, type CoreTestService } from './core-test-kit';

describe('events land in the outbox with their change', () => {
  let core: CoreTestService;
  beforeAll(async () => {
    core = await bootCore();
  });
  afterAll(async () => {
    await core?.close();
  });

  it('a rolled-back change leaves no event behind', async () => {
    const users = core.app.get(UsersService);
    const before = await outboxSubjects(core);
    await expect(
      inTransaction(core.db.dataSource, async (db) => {
        await users.createInTransaction(
          { email: 'ghost@test.example', firstName: 'G', lastName: 'Host', role: 'student', timezone: 'UTC', locale: 'en', dateOfBirth: null, passwordHash: null },
          db,
        );
        throw new Error('something later in the same transaction failed');
      }),
    ).rejects.toThrow('something later');
    expect(await outboxSubjects(core)).toEqual(before);
    const [row] = await core.db.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM "core"."users" WHERE email = 'ghost@test.example'`);
    expect(row!.count).toBe(0);
  });

  it('a failed use case (duplicate email) publishes nothing', async () => {
    const admin = await core.factory.admin();
    const existing = await core.factory.student();
    const before = (await outboxSubjects(core)).length;
    expect(await codeOf(core.rpc.call(coreRpc.usersCreate, { email: existing.email, firstName: 'A', lastName: 'B', role: 'student' }, as(admin)))).toBe('ALREADY_EXISTS');
    expect((await outboxSubjects(core)).length).toBe(before);
  });

  it('each integrator write publishes its event, with the payload consumers need', async () => {
    const admin = await core.factory.admin();
    const teacher = await core.factory.teacher();
    const before = (await outboxSubjects(core)).length;
    const student = await core.rpc.call(
      coreRpc.usersCreate,
      { email: 'New.Student@Test.example', firstName: 'Nia', lastName: 'Lund', role: 'student', timezone: 'Europe/Oslo', dateOfBirth: '2007-05-01' },
      as(admin),
    );
    expect(student.email).toBe('new.student@test.example');
    const course = await core.rpc.call(coreRpc.coursesCreate, { code: 'phys-12', title: 'Physics', level: 'grade12' }, as(admin));
    expect(course.code).toBe('PHYS-12');
    await core.rpc.call(coreRpc.courseTeachersAssign, { courseId: course.id, teacherId: teacher.id }, as(admin));
    await core.rpc.call(coreRpc.enrollmentsCreate, { courseId: course.id, studentId: student.id }, as(admin));
    await core.rpc.call(coreRpc.enrollmentsCreate, { courseId: course.id, studentId: student.id }, as(admin)); // no-op
    const assignment = await core.rpc.call(
      coreRpc.assignmentsCreate,
      { courseId: course.id, title: 'Forces', dueAt: new Date(Date.now() + 86_400_000).toISOString(), maxScore: 20 },
      as(teacher),
    );
    await core.rpc.call(coreRpc.submissionsRecord, { assignmentId: assignment.id }, as({ id: student.id, role: 'student' }));
    const grade = await core.rpc.call(coreRpc.gradesRecord, { assignmentId: assignment.id, studentId: student.id, score: 17.5 }, as(teacher));
    expect(grade).toMatchObject({ score: 17.5, maxScore: 20, courseCode: 'PHYS-12', studentName: 'Nia Lund' });
    await core.rpc.call(coreRpc.quizResultsRecord, { courseId: course.id, studentId: student.id, quizId: 'q1', quizName: 'Vectors', score: 8, totalPoints: 10 }, as(teacher));
    await core.rpc.call(
      coreRpc.forumRepliesRecord,
      { courseId: course.id, threadId: 't1', threadTitle: 'Help', threadAuthorId: student.id, replyText: 'Try drawing it.' },
      as(teacher),
    );
    await core.rpc.call(coreRpc.certificatesRecord, { courseId: course.id, studentId: student.id }, as(teacher));
    await core.rpc.call(coreRpc.certificatesRecord, { courseId: course.id, studentId: student.id }, as(teacher)); // once only
    await core.rpc.call(coreRpc.pathMilestonesRecord, { studentId: student.id, pathId: 'p', pathName: 'Science', completedCourses: 1 }, as(admin));
    await core.rpc.call(coreRpc.enrollmentsDrop, { courseId: course.id, studentId: student.id }, as(admin));
    const reenrolled = await core.rpc.call(coreRpc.enrollmentsCreate, { courseId: course.id, studentId: student.id }, as(admin));
    expect(reenrolled.status).toBe('active');
    await core.rpc.call(coreRpc.userUpdateProfile, { timezone: 'Europe/Madrid' }, as({ id: student.id, role: 'student' }));
    await core.rpc.call(coreRpc.coursesUpdate, { courseId: course.id, title: 'Physics I' }, as(admin));

    expect((await outboxSubjects(core)).slice(before)).toEqual([
      'core.v1.user_created',
      'core.v1.course_created',
      'core.v1.course_teacher_assigned',
      'core.v1.enrollment_created',
      'core.v1.assignment_created',
      'core.v1.submission_recorded',
      'core.v1.grade_recorded',
      'core.v1.quiz_graded',
      'core.v1.forum_reply_posted',
      'core.v1.certificate_issued',
      'core.v1.path_milestone_reached',
      'core.v1.enrollment_dropped',
      'core.v1.enrollment_created',
      'core.v1.user_updated',
      'core.v1.course_updated',
    ]);
    const [graded] = await core.db.dataSource.query<{ payload: Record<string, unknown> }[]>(
      `SELECT payload FROM "core"."outbox" WHERE subject = 'core.v1.grade_recorded' ORDER BY created_at DESC LIMIT 1`,
    );
    expect(graded!.payload).toMatchObject({
      score: 17.5,
      maxScore: 20,
      percentage: 87.5,
      course: { code: 'PHYS-12', title: 'Physics' },
      student: { email: 'new.student@test.example', timezone: 'Europe/Oslo', dateOfBirth: '2007-05-01' },
      regraded: false,
    });
  });
});
