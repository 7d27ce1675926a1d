import { attendancePercentage, attendanceRpc, csvCell, reportTable, toCsv } from '@tec/shared';
import { as, bootAttendance, classroom, codeOf, eventCount, type AttendanceTestService, type Classroom } from './attendance-test-kit';

let service: AttendanceTestService;
const MINUTE = 60_000;

beforeAll(async () => {
  service = await bootAttendance();
}, 60_000);

afterAll(async () => {
  await service?.close();
});

async function sessions(room: Classroom, count: number) {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const startsAt = new Date(Date.now() - (count - index) * 24 * 60 * MINUTE);
    const created = await service.rpc.call(
      attendanceRpc.sessionsCreate,
      { courseId: room.course.id, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 50 * MINUTE).toISOString() },
      as(room.teacher),
    );
    ids.push(created.items[0]!.id);
  }
  return ids;
}

const mark = (room: Classroom, sessionId: string, studentIndex: number, status: 'present' | 'late' | 'absent' | 'excused') =>
  service.rpc.call(attendanceRpc.mark, { sessionId, studentId: room.students[studentIndex]!.id, status }, as(room.teacher));

describe('the percentage formula', () => {
  it('is (present + late) / (held − excused), null with nothing to divide by', () => {
    expect(attendancePercentage({ present: 0, late: 0, absent: 0, excused: 0 })).toBeNull();
    expect(attendancePercentage({ present: 0, late: 0, absent: 0, excused: 3 })).toBeNull();
    expect(attendancePercentage({ present: 0, late: 0, absent: 0, excused: 3 }, false)).toBe(0);
    expect(attendancePercentage({ present: 2, late: 1, absent: 1, excused: 1 })).toBe(75);
    expect(attendancePercentage({ present: 2, late: 1, absent: 1, excused: 1 }, false)).toBe(60);
    expect(attendancePercentage({ present: 1, late: 0, absent: 2, excused: 0 })).toBe(33.3);
  });
});

describe('statistics kept with each mark', () => {
  it('counts late as attended, leaves excused out, shows students without records as null (not as attending one class)', async () => {
    const room = await classroom(service, 3);
    const ids = await sessions(room, 4);
    await mark(room, ids[0]!, 0, 'present');
    await mark(room, ids[1]!, 0, 'late');
    await mark(room, ids[2]!, 0, 'absent');
    await mark(room, ids[3]!, 0, 'excused');
    for (const id of ids) await mark(room, id, 1, 'excused');
    const stats = await service.rpc.call(attendanceRpc.statisticsGet, { courseId: room.course.id }, as(room.teacher));
    const byId = new Map(stats.items.map((item) => [item.student.id, item]));
    expect(byId.get(room.students[0]!.id)).toMatchObject({ total: 4, present: 1, late: 1, absent: 1, excused: 1, percentage: 66.7 });
    expect(byId.get(room.students[1]!.id)).toMatchObject({ total: 4, excused: 4, percentage: null });
    expect(byId.get(room.students[2]!.id)).toMatchObject({ total: 0, percentage: null });

    // A change moves the counters; it does not add to them.
    await mark(room, ids[2]!, 0, 'present');
    const after = await service.rpc.call(attendanceRpc.statisticsGet, { courseId: room.course.id, studentId: room.students[0]!.id }, as(room.teacher));
    expect(after.items).toEqual([expect.objectContaining({ total: 4, present: 2, absent: 0, percentage: 100 })]);

    // The stored counters equal a full recount.
    const [recount] = await service.dataSource.query(
      `SELECT (SELECT count(*)::int FROM "attendance"."records" WHERE course_id = $1) AS records,
              (SELECT sum(present + late + absent + excused)::int FROM "attendance"."stats" WHERE course_id = $1) AS counted`,
      [room.course.id],
    );
    expect(recount.records).toBe(recount.counted);
  });

  it('publishes low attendance once when crossing below the threshold, and again only after recovering', async () => {
    const room = await classroom(service, 1);
    const ids = await sessions(room, 8);
    const lowEvents = async () =>
      (await service.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM "attendance"."outbox" WHERE subject = 'attendance.v1.low_attendance' AND payload->'student'->>'id' = $1`,
        [room.students[0]!.id],
      ))[0]!.count;
    await mark(room, ids[0]!, 0, 'present');
    await mark(room, ids[1]!, 0, 'present');
    await mark(room, ids[2]!, 0, 'absent'); // 66.7 % after 3 sessions (minimum reached): crossing
    expect(await lowEvents()).toBe(1);
    await mark(room, ids[3]!, 0, 'absent'); // still below: no new alert
    await mark(room, ids[4]!, 0, 'absent'); // 3 absences in a row: streak alert
    expect(await lowEvents()).toBe(1);
    expect(await eventCount(service, 'attendance.v1.consecutive_absences')).toBeGreaterThanOrEqual(1);
    const streakAlerts = await service.dataSource.query(`SELECT 1 FROM "attendance"."alerts" WHERE student_id = $1`, [room.students[0]!.id]);
    await mark(room, ids[5]!, 0, 'absent'); // the streak grows: same streak, no second alert
    expect(await service.dataSource.query(`SELECT 1 FROM "attendance"."alerts" WHERE student_id = $1`, [room.students[0]!.id])).toHaveLength(streakAlerts.length);
    const streak = async () =>
      (await service.rpc.call(attendanceRpc.statisticsGet, { courseId: room.course.id, studentId: room.students[0]!.id }, as(room.teacher))).items[0]!.absenceStreak;
    expect(await streak()).toBe(4); // absent in sessions 2-5, after the presence in session 1
    await mark(room, ids[3]!, 0, 'late'); // a late mark in the middle breaks it: only 4 and 5 count
    expect(await streak()).toBe(2);
    await mark(room, ids[3]!, 0, 'absent');
    expect(await streak()).toBe(4);
    for (const index of [2, 3, 4, 5]) await mark(room, ids[index]!, 0, 'present'); // recovers to 100 %
    expect(await lowEvents()).toBe(1);
    await mark(room, ids[6]!, 0, 'absent');
    await mark(room, ids[7]!, 0, 'absent'); // 6/8 = 75 %: not below
    expect(await lowEvents()).toBe(1);
    await mark(room, ids[5]!, 0, 'absent'); // 5/8 = 62.5 %: a new crossing
    expect(await lowEvents()).toBe(2);
  });
});

describe('reports', () => {
  it('serves the course summary, the student detail, absentees and the weekly trend, scoped to the caller', async () => {
    const room = await classroom(service, 2);
    const ids = await sessions(room, 2);
    await mark(room, ids[0]!, 0, 'absent');
    await mark(room, ids[1]!, 1, 'late');
    const summary = await service.rpc.call(attendanceRpc.reportGet, { type: 'course_summary', courseId: room.course.id }, as(room.teacher));
    expect(summary.type === 'course_summary' && summary.rows).toHaveLength(2);
    const day = (await service.dataSource.query(`SELECT to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS d FROM "attendance"."sessions" WHERE id = $1`, [ids[0]]))[0].d;
    const absentees = await service.rpc.call(attendanceRpc.reportGet, { type: 'absentees', date: day, timezone: 'UTC' }, as(room.teacher));
    expect(absentees.type === 'absentees' && absentees.rows.map((row) => row.student.id)).toEqual([room.students[0]!.id]);
    const trend = await service.rpc.call(attendanceRpc.reportGet, { type: 'weekly_trend', courseId: room.course.id }, as(room.students[1]!));
    expect(trend.type === 'weekly_trend' && trend.studentId).toBe(room.students[1]!.id);

    // A student sees their own detail and row only.
    const own = await service.rpc.call(attendanceRpc.reportGet, { type: 'student_detail', studentId: room.students[0]!.id }, as(room.students[0]!));
    expect(own.type === 'student_detail' && own.records).toHaveLength(1);
    expect(await codeOf(service.rpc.call(attendanceRpc.reportGet, { type: 'student_detail', studentId: room.students[1]!.id }, as(room.students[0]!)))).toBe('FORBIDDEN');
    expect(await codeOf(service.rpc.call(attendanceRpc.reportGet, { type: 'course_summary', courseId: room.course.id }, as(room.students[0]!)))).toBe('FORBIDDEN');
    const stats = await service.rpc.call(attendanceRpc.statisticsGet, { courseId: room.course.id, studentId: room.students[1]!.id }, as(room.students[0]!));
    expect(stats.items.map((item) => item.student.id)).toEqual([room.students[0]!.id]);
    const mine = await service.rpc.call(attendanceRpc.myAttendance, {}, as(room.students[0]!));
    expect(mine.items).toEqual([expect.objectContaining({ courseId: room.course.id, absent: 1, percentage: 0 })]);
    expect(await codeOf(service.rpc.call(attendanceRpc.reportGet, { type: 'absentees', date: day }, as(room.students[0]!)))).toBe('FORBIDDEN');
  });

  it('writes CSV that spreadsheets cannot run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
    const table = reportTable({
      type: 'absentees',
      date: '2025-03-03',
      timezone: 'UTC',
      rows: [{ student: { id: 's', firstName: '=cmd|"/c calc"!A1', lastName: 'X', email: 'x@y' }, courseId: 'c', courseTitle: 'T', sessionId: 'z', startsAt: '2025-03-03T09:00:00.000Z', method: 'auto', note: null }],
    });
    const csv = toCsv(table.header, table.rows);
    expect(csv.startsWith('\uFEFFdate_time,course')).toBe(true);
    expect(csv).toContain(`"'=cmd|""/c calc""!A1"`);
  });
});
