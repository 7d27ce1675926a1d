import { coreRpc, ROSTER_CSV_MAX_BYTES } from '@tec/shared';
import { RosterImportWorker } from '../src/roster-import/roster-import.worker';
import { as, bootCore, codeOf, outboxSubjects, type CoreTestService } from './core-test-kit';

describe('roster CSV import', () => {
  let core: CoreTestService;
  beforeAll(async () => {
    core = await bootCore({ ROSTER_IMPORT_CHUNK_SIZE: '2' });
  });
  afterAll(async () => {
    await core?.close();
  });

  async function importAndWait(csv: string, caller: Parameters<typeof as>[0]) {
    const { importId } = await core.rpc.call(coreRpc.rosterImportStart, { csv }, as(caller));
    await core.app.get(RosterImportWorker).whenIdle();
    return core.rpc.call(coreRpc.rosterImportGet, { importId }, as(caller));
  }

  it('keeps the good rows and reports each bad one with its line and reason', async () => {
    const admin = await core.factory.admin();
    const teacher = await core.factory.teacher();
    const course = await core.factory.course({ code: 'HIST-12B' });
    const existingTeacher = await core.factory.teacher({ email: 'already.teacher@test.example' });
    const csv = [
      'email,first_name,last_name,role,date_of_birth,timezone,course_code',
      'ana.ruiz@test.example,Ana,Ruiz,student,2008-01-31,America/Monterrey,HIST-12B', // 2 ok
      'not-an-email,Bad,Email,student,,,', // 3
      'carl@test.example,Carl,Mayer,wizard,,,', // 4
      'dora@test.example,Dora,Lee,student,,,NOPE-999', // 5
      'ana.ruiz@test.example,Ana,Ruiz,student,2008-01-31,America/Monterrey,HIST-12B', // 6 duplicate of 2
      'eve@test.example,Eve,Stone,student,2008-13-45,,', // 7 bad date
      'fay@test.example,Fay,Moss,student,,Mars/Olympus,', // 8 bad timezone
      'ANA.RUIZ@test.example,Ana,Ruiz,student,,,', // 9 ok: same person, no course (update)
      `${existingTeacher.email},Ted,Older,student,,,`, // 10 role conflict
      'gus@test.example,Gus,Park,teacher,,Europe/Berlin,HIST-12B', // 11 ok: teacher assigned
      'hal@test.example,Hal,Ng,parent,,,HIST-12B', // 12 parent with a course
      ',,,,,,', // skipped as empty
      'ida@test.example,Ida,,student,,,', // 14 missing last name
    ].join('\n');
    const result = await importAndWait(csv, admin);

    expect(result).toMatchObject({ status: 'completed', total: 12, done: 3, failed: 9 });
    expect(result.errors).toEqual([
      { row: 3, message: expect.stringMatching(/bad email "not-an-email"/) },
      { row: 4, message: expect.stringMatching(/unknown role/) },
      { row: 5, message: 'unknown course NOPE-999' },
      { row: 6, message: 'duplicate of row 2 (same email and course_code)' },
      { row: 7, message: expect.stringMatching(/bad date of birth/) },
      { row: 8, message: expect.stringMatching(/bad timezone "Mars\/Olympus"/) },
      { row: 10, message: expect.stringMatching(/already has a teacher account/) },
      { row: 11, message: expect.anything() },
      { row: 12, message: expect.stringMatching(/parents are not enrolled/) },
      { row: 14, message: 'last name is missing' },
    ].filter((error) => error.row !== 11));

    const students = await core.rpc.call(coreRpc.courseStudentsList, { courseId: course.id }, as(admin));
    expect(students.items.map((student) => [student.email, student.dateOfBirth, student.timezone])).toEqual([
      ['ana.ruiz@test.example', '2008-01-31', 'America/Monterrey'],
    ]);
    const summary = await core.rpc.call(coreRpc.courseGet, { courseId: course.id }, as(admin));
    expect(summary.teachers.map((t) => t.firstName)).toEqual(['Gus']);
    const subjects = await outboxSubjects(core);
    expect(subjects.filter((subject) => subject === 'core.v1.user_created')).toHaveLength(2);
    expect(subjects).toContain('core.v1.enrollment_created');
    expect(subjects).toContain('core.v1.course_teacher_assigned');
    void teacher;
  });

  it('refuses a file with a bad header or over the size limit before starting', async () => {
    const admin = await core.factory.admin();
    expect(await codeOf(core.rpc.call(coreRpc.rosterImportStart, { csv: 'mail,name\nx,y' }, as(admin)))).toBe('VALIDATION_FAILED');
    const big = `email,first_name,last_name,role\n${'a@test.example,A,B,student\n'.repeat(Math.ceil(ROSTER_CSV_MAX_BYTES / 27) + 10)}`;
    expect(['VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE']).toContain(await codeOf(core.rpc.call(coreRpc.rosterImportStart, { csv: big }, as(admin))));
  });

  it('is started by admins or keys with users:write and enrollments:write, and read only by its starter', async () => {
    const admin = await core.factory.admin();
    const teacher = await core.factory.teacher();
    expect(await codeOf(core.rpc.call(coreRpc.rosterImportStart, { csv: 'email,first_name,last_name,role\n' }, as(teacher)))).toBe('FORBIDDEN');
    const halfKey = { kind: 'api_key' as const, apiKeyId: crypto.randomUUID(), scopes: ['users:write' as const] };
    expect(await codeOf(core.rpc.call(coreRpc.rosterImportStart, { csv: 'email,first_name,last_name,role\n' }, halfKey))).toBe('INSUFFICIENT_SCOPE');
    const key = { kind: 'api_key' as const, apiKeyId: crypto.randomUUID(), scopes: ['users:write' as const, 'enrollments:write' as const] };
    const { importId } = await core.rpc.call(coreRpc.rosterImportStart, { csv: 'email,first_name,last_name,role\nzed@test.example,Zed,Ze,student\n' }, key);
    await core.app.get(RosterImportWorker).whenIdle();
    expect((await core.rpc.call(coreRpc.rosterImportGet, { importId }, key)).done).toBe(1);
    expect((await core.rpc.call(coreRpc.rosterImportGet, { importId }, as(admin))).status).toBe('completed');
    const otherKey = { ...key, apiKeyId: crypto.randomUUID() };
    expect(await codeOf(core.rpc.call(coreRpc.rosterImportGet, { importId }, otherKey))).toBe('NOT_FOUND');
  });

  it('resumes where it stopped: rows already applied are not applied twice', async () => {
    const admin = await core.factory.admin();
    const csv = ['email,first_name,last_name,role', ...Array.from({ length: 5 }, (_, i) => `resume${i}@test.example,R${i},Sume,student`)].join('\n');
    const { importId } = await core.rpc.call(coreRpc.rosterImportStart, { csv }, as(admin));
    await core.app.get(RosterImportWorker).whenIdle();
    // Simulate a crash after row 2: rewind the cursor as if the worker died, with an expired lease.
    await core.db.dataSource.query(
      `UPDATE "core"."roster_imports" SET status = 'running', next_row = 2, done = 2, locked_until = now() - interval '1 second', csv = $2 WHERE id = $1`,
      [importId, csv],
    );
    await core.app.get(RosterImportWorker).whenIdle();
    const result = await core.rpc.call(coreRpc.rosterImportGet, { importId }, as(admin));
    expect(result).toMatchObject({ status: 'completed', done: 5, failed: 0 });
    const [row] = await core.db.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM "core"."users" WHERE email LIKE 'resume%'`);
    expect(row!.count).toBe(5);
  });
});
