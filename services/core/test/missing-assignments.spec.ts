import { coreRpc } from '@tec/shared';
import { MissingAssignmentsJob } from '../src/coursework/missing-assignments.job';
import { as, bootCore, type CoreTestService } from './core-test-kit';

const DAY = 86_400_000;

describe('missing-assignment job', () => {
  let core: CoreTestService;
  beforeAll(async () => {
    core = await bootCore();
  });
  afterAll(async () => {
    await core?.close();
  });

  async function missingEvents(assignmentId: string) {
    return core.db.dataSource.query<{ studentId: string }[]>(
      `SELECT payload->'student'->>'id' AS "studentId" FROM "core"."outbox"
        WHERE subject = 'core.v1.assignment_missing' AND payload->'assignment'->>'id' = $1`,
      [assignmentId],
    );
  }

  it('announces each (assignment, student) once, even when run twice or by two instances at once', async () => {
    const teacher = await core.factory.teacher();
    const course = await core.factory.course({ teacher });
    const [slacker, diligent, lateJoiner, dropped] = await Promise.all([1, 2, 3, 4].map(() => core.factory.student()));
    await core.factory.enrollment({ course, student: slacker! });
    await core.factory.enrollment({ course, student: diligent! });
    await core.factory.enrollment({ course, student: dropped!, status: 'dropped' });
    const assignment = await core.factory.assignment({ course, dueAt: new Date(Date.now() + 60_000) });
    await core.rpc.call(coreRpc.submissionsRecord, { assignmentId: assignment.id }, as(diligent!));
    await core.factory.enrollment({ course, student: lateJoiner!, enrolledAt: new Date(Date.now() + 120_000) });
    const future = await core.factory.assignment({ course, dueAt: new Date(Date.now() + DAY) });

    const job = core.app.get(MissingAssignmentsJob);
    const later = new Date(Date.now() + 10 * 60_000);
    const counts = await Promise.all([job.runOnce(later), job.runOnce(later)]);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(await job.runOnce(later)).toBe(0);

    const events = await missingEvents(assignment.id);
    expect(events.map((event) => event.studentId)).toEqual([slacker!.id]);
    expect(await missingEvents(future.id)).toEqual([]);
  });

  it('carries what a notification needs', async () => {
    const course = await core.factory.course({ title: 'Chemistry' });
    const student = await core.factory.student({ firstName: 'Noa', timezone: 'Asia/Tokyo' });
    await core.factory.enrollment({ course, student });
    const assignment = await core.factory.assignment({ course, dueAt: new Date(Date.now() - DAY), title: 'Lab 3' });
    await core.app.get(MissingAssignmentsJob).runOnce();
    const [row] = await core.db.dataSource.query<{ payload: Record<string, unknown> }[]>(
      `SELECT payload FROM "core"."outbox" WHERE subject = 'core.v1.assignment_missing' AND payload->'assignment'->>'id' = $1`,
      [assignment.id],
    );
    expect(row!.payload).toMatchObject({
      assignment: { id: assignment.id, title: 'Lab 3', maxScore: 100 },
      course: { id: course.id, code: course.code, title: 'Chemistry' },
      student: { id: student.id, firstName: 'Noa', email: student.email, timezone: 'Asia/Tokyo', dateOfBirth: '2008-03-14' },
    });
  });
});
