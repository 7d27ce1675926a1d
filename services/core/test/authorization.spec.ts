import { coreRpc } from '@tec/shared';
import { as, bootCore, codeOf, type CoreTestService } from './core-test-kit';

/** Break-in attempts: every object is authorized in core, whatever ids the caller sends. */
describe('authorization', () => {
  let core: CoreTestService;
  beforeAll(async () => {
    core = await bootCore();
  });
  afterAll(async () => {
    await core?.close();
  });

  async function classroom() {
    const teacher = await core.factory.teacher();
    const otherTeacher = await core.factory.teacher();
    const course = await core.factory.course({ teacher });
    const otherCourse = await core.factory.course({ teacher: otherTeacher });
    const alice = await core.factory.student();
    const bob = await core.factory.student();
    await core.factory.enrollment({ course, student: alice });
    await core.factory.enrollment({ course, student: bob });
    const assignment = await core.factory.assignment({ course, maxScore: 10 });
    await core.rpc.call(coreRpc.gradesRecord, { assignmentId: assignment.id, studentId: alice.id, score: 9 }, as(teacher));
    await core.rpc.call(coreRpc.gradesRecord, { assignmentId: assignment.id, studentId: bob.id, score: 4 }, as(teacher));
    return { teacher, otherTeacher, course, otherCourse, alice, bob, assignment };
  }

  it("a student cannot read another student's grades", async () => {
    const { alice, bob, course } = await classroom();
    expect(await codeOf(core.rpc.call(coreRpc.gradesList, { studentId: bob.id }, as(alice)))).toBe('FORBIDDEN');
    // Asking by course returns only the caller's own grades.
    const own = await core.rpc.call(coreRpc.gradesList, { courseId: course.id }, as(alice));
    expect(own.items.map((grade) => grade.studentId)).toEqual([alice.id]);
  });

  it('a teacher cannot grade in a course they do not teach', async () => {
    const { otherTeacher, assignment, alice } = await classroom();
    expect(await codeOf(core.rpc.call(coreRpc.gradesRecord, { assignmentId: assignment.id, studentId: alice.id, score: 10 }, as(otherTeacher)))).toBe('FORBIDDEN');
    const grades = await core.rpc.call(coreRpc.gradesList, { studentId: alice.id }, as(await core.factory.admin()));
    expect(grades.items.find((grade) => grade.assignmentId === assignment.id)?.score).toBe(9);
  });

  it('a teacher cannot see the roster, grades or set work of another course', async () => {
    const { otherTeacher, course, alice } = await classroom();
    expect(await codeOf(core.rpc.call(coreRpc.courseStudentsList, { courseId: course.id }, as(otherTeacher)))).toBe('FORBIDDEN');
    expect(await codeOf(core.rpc.call(coreRpc.gradesList, { courseId: course.id }, as(otherTeacher)))).toBe('FORBIDDEN');
    const teacherView = await core.rpc.call(coreRpc.gradesList, { studentId: alice.id }, as(otherTeacher));
    expect(teacherView.items).toEqual([]);
    expect(
      await codeOf(core.rpc.call(coreRpc.assignmentsCreate, { courseId: course.id, title: 'Hijack', dueAt: new Date().toISOString(), maxScore: 10 }, as(otherTeacher))),
    ).toBe('FORBIDDEN');
  });

  it('a student cannot hand in work for someone else, nor for a course they left', async () => {
    const { alice, bob, assignment, course } = await classroom();
    expect(await codeOf(core.rpc.call(coreRpc.submissionsRecord, { assignmentId: assignment.id, studentId: bob.id }, as(alice)))).toBe('FORBIDDEN');
    expect(await codeOf(core.rpc.call(coreRpc.submissionsRecord, { assignmentId: assignment.id }, as(alice)))).toBe('ok');
    const admin = await core.factory.admin();
    await core.rpc.call(coreRpc.enrollmentsDrop, { courseId: course.id, studentId: bob.id }, as(admin));
    expect(await codeOf(core.rpc.call(coreRpc.submissionsRecord, { assignmentId: assignment.id }, as(bob)))).toBe('NOT_ENROLLED');
  });

  it('students and parents cannot manage users, courses or enrollments', async () => {
    const { alice, course } = await classroom();
    const parent = await core.factory.parent();
    for (const caller of [alice, parent]) {
      expect(await codeOf(core.rpc.call(coreRpc.usersList, { limit: 5 }, as(caller)))).toBe('FORBIDDEN');
      expect(await codeOf(core.rpc.call(coreRpc.enrollmentsCreate, { courseId: course.id, studentId: caller.id }, as(caller)))).toBe('FORBIDDEN');
      expect(await codeOf(core.rpc.call(coreRpc.coursesUpdate, { courseId: course.id, title: 'Mine now' }, as(caller)))).toBe('FORBIDDEN');
    }
    expect(await codeOf(core.rpc.call(coreRpc.courseGet, { courseId: course.id }, as(parent)))).toBe('FORBIDDEN');
    expect((await core.rpc.call(coreRpc.coursesList, {}, as(parent))).items).toEqual([]);
  });

  it('a user reads only accounts they may see', async () => {
    const { alice, bob, teacher, otherTeacher } = await classroom();
    expect(await codeOf(core.rpc.call(coreRpc.userGet, { userId: bob.id }, as(alice)))).toBe('FORBIDDEN');
    expect(await codeOf(core.rpc.call(coreRpc.userGet, { userId: alice.id }, as(alice)))).toBe('ok');
    expect(await codeOf(core.rpc.call(coreRpc.userGet, { userId: bob.id }, as(teacher)))).toBe('ok');
    expect(await codeOf(core.rpc.call(coreRpc.userGet, { userId: bob.id }, as(otherTeacher)))).toBe('FORBIDDEN');
  });

  it('anonymous callers get UNAUTHENTICATED', async () => {
    const { course } = await classroom();
    expect(await codeOf(core.rpc.call(coreRpc.dashboardGet, {}, { kind: 'anonymous' }))).toBe('UNAUTHENTICATED');
    expect(await codeOf(core.rpc.call(coreRpc.courseStudentsList, { courseId: course.id }, { kind: 'anonymous' }))).toBe('UNAUTHENTICATED');
  });

  it('a grade above the maximum, or for a student not enrolled, is refused', async () => {
    const { teacher, assignment } = await classroom();
    const outsider = await core.factory.student();
    const alice = (await core.rpc.call(coreRpc.courseStudentsList, { courseId: assignment.courseId }, as(teacher))).items[0]!;
    expect(await codeOf(core.rpc.call(coreRpc.gradesRecord, { assignmentId: assignment.id, studentId: alice.id, score: 11 }, as(teacher)))).toBe('VALIDATION_FAILED');
    expect(await codeOf(core.rpc.call(coreRpc.gradesRecord, { assignmentId: assignment.id, studentId: outsider.id, score: 5 }, as(teacher)))).toBe('NOT_ENROLLED');
  });
});
