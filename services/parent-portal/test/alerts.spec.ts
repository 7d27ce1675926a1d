import { randomUUID } from 'node:crypto';
import { attendanceEvents, coreEvents, DEFAULT_ALERT_SETTINGS, liveClassesEvents, parentPortalRpc } from '@tec/shared';
import { activeLink, as, bootPortal, count, eventCount, family, mark, outboxPayloads, recordCount, session, waitFor, type Family, type PortalTestService } from './parent-portal-test-kit';

const RPC = parentPortalRpc;

async function alertTypes(service: PortalTestService, people: Family): Promise<string[]> {
  const rows = await service.dataSource.query<{ type: string }[]>(
    `SELECT type FROM "parent_portal"."alerts" WHERE parent_id = $1 AND student_id = $2 ORDER BY created_at, id`,
    [people.parent.id, people.student.id],
  );
  return rows.map((row) => row.type);
}

function daysAgo(days: number): Date {
  return new Date(Date.now() - days * 86_400_000);
}

async function grade(service: PortalTestService, people: Family, percentage: number, id?: string) {
  const assignment = { id: randomUUID(), title: `Essay ${percentage}`, dueAt: daysAgo(1).toISOString(), maxScore: 100 };
  const payload = {
    gradeId: randomUUID(),
    assignment,
    course: people.course,
    student: people.student,
    score: percentage,
    maxScore: 100,
    percentage,
    feedback: null,
    gradedAt: new Date().toISOString(),
    regraded: false,
  };
  await service.publish(coreEvents.gradeRecorded, payload, id);
  return { assignment, payload };
}

describe('parent portal: projections and alerts', () => {
  let service: PortalTestService;

  beforeAll(async () => {
    service = await bootPortal();
  });
  afterAll(async () => {
    await service.close();
  });

  it('projections are idempotent: a redelivered event (same id) and a repeated fact (new id) change nothing twice', async () => {
    const people = await family(service);
    await activeLink(service, people);
    await mark(service, people, 'present', session(daysAgo(4)));
    await mark(service, people, 'present', session(daysAgo(3)));
    await waitFor(async () => (await recordCount(service, people.student.id)) === 2);
    const at = session(daysAgo(2));
    const record = { id: randomUUID(), status: 'absent' as const, method: 'manual' as const, markedBy: null, markedAt: new Date().toISOString(), note: null };
    const payload = { course: people.course, session: at, student: people.student, record };
    const eventId = await service.publish(attendanceEvents.marked, payload);
    await waitFor(async () => (await recordCount(service, people.student.id)) === 3);
    await service.publish(attendanceEvents.marked, payload, eventId);
    await service.publish(attendanceEvents.marked, payload);
    const { payload: gradePayload } = await grade(service, people, 95);
    await service.publish(coreEvents.gradeRecorded, gradePayload);
    // An older mark arriving late does not overwrite the newer one.
    await service.publish(attendanceEvents.changed, { ...payload, record: { ...record, status: 'present', markedAt: daysAgo(3).toISOString() }, fromStatus: 'absent' });
    await waitFor(async () => (await count(service, `SELECT count(*) FROM "parent_portal"."inbox" WHERE consumer LIKE '%attendance-changed'`)) >= 1);
    await waitFor(async () => (await count(service, `SELECT count(*) FROM "parent_portal"."grades" WHERE student_id = $1`, [people.student.id])) === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await recordCount(service, people.student.id)).toBe(3);
    expect(await count(service, `SELECT count(*) FROM "parent_portal"."attendance_records" WHERE student_id = $1 AND status = 'absent'`, [people.student.id])).toBe(1);
    expect(await count(service, `SELECT count(*) FROM "parent_portal"."grades" WHERE student_id = $1`, [people.student.id])).toBe(1);
    expect(await count(service, `SELECT count(*) FROM "parent_portal"."inbox" WHERE event_id = $1`, [eventId])).toBe(1);
    // One low-attendance alert (66.7 % after 2 present and 1 absent), however often the facts arrived.
    expect((await alertTypes(service, people)).filter((type) => type === 'low_attendance')).toHaveLength(1);
  });

  it('low attendance fires once per crossing and re-arms when attendance recovers', async () => {
    const people = await family(service);
    await activeLink(service, people);
    await service.rpc.call(RPC.alertSettingsUpdate, { studentId: people.student.id, settings: { ...DEFAULT_ALERT_SETTINGS, lowAttendance: { enabled: true, belowPercent: 80 }, consecutiveAbsences: { enabled: false, count: 3 } } }, as(people.parent));
    let day = 30;
    const markAndWait = async (status: 'present' | 'absent') => {
      const before = await recordCount(service, people.student.id);
      await mark(service, people, status, session(daysAgo(day--)));
      await waitFor(async () => (await recordCount(service, people.student.id)) === before + 1);
    };
    for (let index = 0; index < 4; index += 1) await markAndWait('present'); // 100%
    await markAndWait('absent'); // 4/5 = 80%: not below
    expect(await alertTypes(service, people)).toEqual([]);
    await markAndWait('absent'); // 4/6 = 66.7%: crossed
    await markAndWait('absent'); // 4/7: still below, no second alert
    await markAndWait('absent');
    expect(await alertTypes(service, people)).toEqual(['low_attendance']);
    for (let index = 0; index < 12; index += 1) await markAndWait('present'); // 16/20 = 80%: recovered
    expect(await alertTypes(service, people)).toEqual(['low_attendance']);
    await markAndWait('absent'); // 16/21 = 76%: crossed again
    expect(await alertTypes(service, people)).toEqual(['low_attendance', 'low_attendance']);
    const raised = (await outboxPayloads<{ student: { id: string }; type: string; value: number; threshold: number; parent: { email: string } }>(service, 'parent_portal.v1.alert_raised')).filter(
      (payload) => payload.student.id === people.student.id,
    );
    expect(raised).toHaveLength(2);
    expect(raised[0]).toMatchObject({ type: 'low_attendance', threshold: 80, parent: { email: people.parent.email } });
    expect(raised[0]!.value).toBeCloseTo(66.7, 1);
  });

  it('low attendance waits for 3 counted sessions: one missed first class is not "0 % attendance"', async () => {
    const people = await family(service);
    await activeLink(service, people);
    await mark(service, people, 'absent', session(daysAgo(5)));
    await mark(service, people, 'present', session(daysAgo(4)));
    await waitFor(async () => (await recordCount(service, people.student.id)) === 2);
    expect(await alertTypes(service, people)).toEqual([]);
    await mark(service, people, 'present', session(daysAgo(3)));
    await waitFor(async () => (await alertTypes(service, people)).length === 1);
    expect(await alertTypes(service, people)).toEqual(['low_attendance']);
  });

  it('absence today fires once per session with course and session; consecutive absences once per streak', async () => {
    const people = await family(service);
    await activeLink(service, people);
    await service.rpc.call(RPC.alertSettingsUpdate, { studentId: people.student.id, settings: { ...DEFAULT_ALERT_SETTINGS, lowAttendance: { enabled: false, belowPercent: 85 } } }, as(people.parent));
    const today = session(new Date(Date.now() - 60_000));
    await mark(service, people, 'absent', session(daysAgo(3)));
    await mark(service, people, 'absent', session(daysAgo(2)));
    await waitFor(async () => (await recordCount(service, people.student.id)) === 2);
    await mark(service, people, 'absent', today);
    await waitFor(async () => (await alertTypes(service, people)).length === 2);
    // Redelivery of the same absence facts under new ids: nothing new.
    await service.publish(attendanceEvents.studentAbsent, {
      course: people.course,
      session: today,
      student: people.student,
      date: new Intl.DateTimeFormat('en-CA', { timeZone: people.student.timezone }).format(new Date(today.startsAt)),
      method: 'manual',
    });
    await mark(service, people, 'absent', session(daysAgo(1)));
    await waitFor(async () => (await recordCount(service, people.student.id)) === 4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await alertTypes(service, people)).sort()).toEqual(['absence_today', 'consecutive_absences']);
    const page = await service.rpc.call(RPC.alertsList, { studentId: people.student.id, type: 'absence_today' }, as(people.parent));
    expect(page.items[0]).toMatchObject({ type: 'absence_today', course: { id: people.course.id }, subject: { kind: 'session', id: today.id } });
    expect(page.unread).toBe(2);
  });

  it('assignment grade below X, course grade below X (once), missing assignment and its resolution', async () => {
    const people = await family(service);
    await activeLink(service, people);
    await grade(service, people, 90);
    await waitFor(async () => (await count(service, `SELECT count(*) FROM "parent_portal"."grades" WHERE student_id = $1`, [people.student.id])) === 1);
    await grade(service, people, 40); // assignment below 60; average 65 below 70
    await waitFor(async () => (await alertTypes(service, people)).length === 2);
    await grade(service, people, 50); // assignment below 60 again (a new assignment); average still below: no second course alert
    await waitFor(async () => (await alertTypes(service, people)).length === 3);
    expect((await alertTypes(service, people)).sort()).toEqual(['low_assignment_grade', 'low_assignment_grade', 'low_course_grade']);

    const assignment = { id: randomUUID(), title: 'Lab report', dueAt: daysAgo(1).toISOString(), maxScore: 10 };
    const missing = { assignment, course: people.course, student: people.student, detectedAt: new Date().toISOString() };
    const eventId = await service.publish(coreEvents.assignmentMissing, missing);
    await service.publish(coreEvents.assignmentMissing, missing, eventId);
    await waitFor(async () => (await alertTypes(service, people)).includes('missing_assignment'));
    const overview = await service.rpc.call(RPC.childOverview, { studentId: people.student.id }, as(people.parent));
    expect(overview.missingAssignments.map((item) => item.assignment.id)).toEqual([assignment.id]);
    await service.publish(coreEvents.submissionRecorded, { submissionId: randomUUID(), assignment, course: people.course, student: people.student, submittedAt: new Date().toISOString(), late: true });
    await waitFor(async () => (await count(service, `SELECT count(*) FROM "parent_portal"."missing_work" WHERE assignment_id = $1 AND resolved_at IS NOT NULL`, [assignment.id])) === 1);
    expect((await alertTypes(service, people)).filter((type) => type === 'missing_assignment')).toHaveLength(1);
  });

  it('a disabled alert type stays silent; alerts go only to parents with an active link', async () => {
    const people = await family(service);
    await activeLink(service, people);
    await service.rpc.call(RPC.alertSettingsUpdate, { studentId: people.student.id, settings: { ...DEFAULT_ALERT_SETTINGS, assignmentGrade: { enabled: false, belowPercent: 60 }, courseGrade: { enabled: false, belowPercent: 70 } } }, as(people.parent));
    await grade(service, people, 10);
    await waitFor(async () => (await count(service, `SELECT count(*) FROM "parent_portal"."grades" WHERE student_id = $1`, [people.student.id])) === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await alertTypes(service, people)).toEqual([]);
    const unlinked = await family(service);
    await grade(service, unlinked, 10);
    await waitFor(async () => (await count(service, `SELECT count(*) FROM "parent_portal"."grades" WHERE student_id = $1`, [unlinked.student.id])) === 1);
    expect(await count(service, `SELECT count(*) FROM "parent_portal"."alerts" WHERE student_id = $1`, [unlinked.student.id])).toBe(0);
  });

  it('live classes: upcoming on the overview, past attendance, a missed class alerts once, a later revision re-arms', async () => {
    const people = await family(service);
    await activeLink(service, people);
    const teacher = people.teacher;
    const liveClass = (startsAt: Date, status: 'scheduled' | 'completed') => ({
      id: randomUUID(),
      seriesId: null,
      name: `Live ${startsAt.toISOString().slice(0, 10)}`,
      description: null,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      timezone: 'UTC',
      status,
      provider: 'jitsi' as const,
      maxParticipants: null,
      recordingEnabled: false,
      path: '/live-classes/x',
    });
    const upcoming = liveClass(new Date(Date.now() + 86_400_000), 'scheduled');
    await service.publish(liveClassesEvents.scheduled, { class: upcoming, course: people.course, teacher });
    const past = liveClass(daysAgo(1), 'completed');
    const computed = (revision: number, minutes: number) => ({
      class: past,
      course: people.course,
      slot: { startsAt: past.startsAt, endsAt: past.endsAt },
      results: [{ student: people.student, minutesAttended: minutes, attendedRatio: minutes / 60, score: minutes, firstJoinedAt: minutes ? past.startsAt : null }],
      computedAt: new Date().toISOString(),
      revision,
    });
    const eventId = await service.publish(liveClassesEvents.attendanceComputed, computed(1, 0));
    await service.publish(liveClassesEvents.attendanceComputed, computed(1, 0), eventId);
    await waitFor(async () => (await alertTypes(service, people)).includes('live_class_missed'));
    await service.publish(liveClassesEvents.attendanceComputed, computed(2, 45));
    await waitFor(async () => (await count(service, `SELECT revision FROM "parent_portal"."live_attendance" WHERE class_id = $1`, [past.id])) === 2);
    await service.publish(liveClassesEvents.attendanceComputed, computed(1, 0)); // stale revision: ignored
    await waitFor(() => count(service, `SELECT count(*) FROM "parent_portal"."live_classes" WHERE id = $1`, [upcoming.id]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await alertTypes(service, people)).filter((type) => type === 'live_class_missed')).toHaveLength(1);
    const overview = await service.rpc.call(RPC.childOverview, { studentId: people.student.id }, as(people.parent));
    expect(overview.upcomingLiveClasses.map((item) => item.id)).toEqual([upcoming.id]);
    expect(overview.pastLiveClasses).toEqual([expect.objectContaining({ id: past.id, attended: true, minutesAttended: 45 })]);
    await service.publish(liveClassesEvents.cancelled, { class: upcoming, course: people.course, teacher, reason: null, cancelledBy: null });
    await waitFor(async () => (await service.rpc.call(RPC.childOverview, { studentId: people.student.id }, as(people.parent))).upcomingLiveClasses.length === 0);
  });

  it('the overview serves the whole child page in one request, with teachers for "Message teacher"', async () => {
    const people = await family(service);
    await activeLink(service, people);
    const upcoming = { id: randomUUID(), startsAt: new Date(Date.now() + 86_400_000).toISOString(), endsAt: new Date(Date.now() + 90_000_000).toISOString(), topic: 'Vectors' };
    await service.publish(attendanceEvents.sessionsScheduled, { course: people.course, seriesId: null, sessions: [upcoming], scheduledBy: null });
    await mark(service, people, 'present', session(daysAgo(3)));
    await mark(service, people, 'late', session(daysAgo(2)));
    await mark(service, people, 'absent', session(daysAgo(1)));
    await grade(service, people, 80);
    await waitFor(async () => (await recordCount(service, people.student.id)) === 3 && (await count(service, `SELECT count(*) FROM "parent_portal"."grades" WHERE student_id = $1`, [people.student.id])) === 1);
    await waitFor(() => count(service, `SELECT count(*) FROM "parent_portal"."sessions" WHERE id = $1`, [upcoming.id]));
    const overview = await service.rpc.call(RPC.childOverview, { studentId: people.student.id }, as(people.parent));
    expect(overview.child).toMatchObject({ id: people.student.id, adult: false });
    expect(overview.courses).toHaveLength(1);
    expect(overview.courses[0]).toMatchObject({
      course: { id: people.course.id, level: 'grade12' },
      teachers: [{ id: people.teacher.id, firstName: people.teacher.firstName }],
      attendance: { percentage: 66.7, counts: { present: 1, late: 1, absent: 1, excused: 0 } },
      grades: { average: 80, graded: 1 },
      missingAssignments: 0,
    });
    expect(overview.recentAbsences.map((item) => item.status)).toEqual(['absent', 'late']);
    expect(overview.recentGrades[0]).toMatchObject({ percentage: 80, course: { id: people.course.id } });
    expect(overview.upcomingSessions.map((item) => item.id)).toEqual([upcoming.id]);
    expect(overview.recentAlerts.length).toBe(overview.unreadAlerts);
    const children = await service.rpc.call(RPC.childrenList, {}, as(people.parent));
    expect(children.items).toEqual([expect.objectContaining({ child: expect.objectContaining({ id: people.student.id }), attendancePercentage: 66.7, gradeAverage: 80 })]);
    // The card's "next class": the earliest planned session or live class of the child's courses.
    expect(children.items[0]!.nextClass).toEqual({ kind: 'session', id: upcoming.id, title: 'Vectors', course: { id: people.course.id, code: people.course.code, title: people.course.title }, startsAt: new Date(upcoming.startsAt).toISOString() });
  });

  it('a parent with several children switches between them; alert settings are per child', async () => {
    const first = await family(service);
    await activeLink(service, first);
    const second = await family(service);
    const secondForSameParent = { ...second, parent: first.parent };
    await activeLink(service, secondForSameParent);
    const children = await service.rpc.call(RPC.childrenList, {}, as(first.parent));
    expect(children.items.map((item) => item.child.id).sort()).toEqual([first.student.id, second.student.id].sort());
    await service.rpc.call(RPC.alertSettingsUpdate, { studentId: second.student.id, settings: { ...DEFAULT_ALERT_SETTINGS, courseGrade: { enabled: true, belowPercent: 90 } } }, as(first.parent));
    expect((await service.rpc.call(RPC.alertSettingsGet, { studentId: first.student.id }, as(first.parent))).isDefault).toBe(true);
    expect((await service.rpc.call(RPC.alertSettingsGet, { studentId: second.student.id }, as(first.parent)))).toMatchObject({ isDefault: false, courseGrade: { belowPercent: 90 } });
    expect((await service.rpc.call(RPC.childOverview, { studentId: second.student.id }, as(first.parent))).child.id).toBe(second.student.id);
    expect(await eventCount(service, 'parent_portal.v1.link_activated', { key: 'parent.id', value: first.parent.id })).toBe(2);
  });
});
