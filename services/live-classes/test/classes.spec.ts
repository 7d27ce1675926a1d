import ICAL from 'ical.js';
import { liveClassesRpc, type UserProfile } from '@tec/shared';
import { as, bootLiveClasses, classroom, codeOf, MINUTE, outboxPayloads, slot, waitFor, type LiveClassesTestService } from './live-classes-test-kit';

let service: LiveClassesTestService;

beforeAll(async () => {
  service = await bootLiveClasses({ LIVE_CLASSES_PROVIDER: 'development', LIVE_CLASSES_JOIN_WINDOW_MINUTES: '10' });
}, 60_000);

afterAll(async () => {
  await service?.close();
});

const rpc = () => service.rpc;

async function schedule(teacher: UserProfile, courseId: string, offsetMinutes: number, extra: Record<string, unknown> = {}) {
  const created = await rpc().call(liveClassesRpc.classesCreate, { courseId, name: 'Limits', ...slot(offsetMinutes), ...extra }, as(teacher));
  return created.items[0]!;
}

describe('scheduling', () => {
  it('a teacher of the course schedules a class that its students see and outsiders do not', async () => {
    const room = await classroom(service, 2);
    const outsider = await service.core.student();
    const otherTeacher = await service.core.teacher();
    const item = await schedule(room.teacher, room.course.id, 24 * 60, { description: 'Bring a calculator', maxParticipants: 30, recordingEnabled: false });
    expect(item).toMatchObject({ courseId: room.course.id, status: 'scheduled', provider: 'development', maxParticipants: 30, recordingEnabled: false, teacher: { id: room.teacher.id } });
    const seen = await rpc().call(liveClassesRpc.classesList, {}, as(room.students[0]!));
    expect(seen.items.map((entry) => entry.id)).toContain(item.id);
    await waitFor(async () => (await service.dataSource.query(`SELECT 1 FROM "live_classes"."users" WHERE id = $1`, [outsider.id])).length > 0);
    expect((await rpc().call(liveClassesRpc.classesList, {}, as(outsider))).items).toHaveLength(0);
    expect(await codeOf(rpc().call(liveClassesRpc.classGet, { classId: item.id }, as(outsider)))).toBe('NOT_ENROLLED');
    expect(await codeOf(rpc().call(liveClassesRpc.classesCreate, { courseId: room.course.id, name: 'x', ...slot(3000) }, as(otherTeacher)))).toBe('FORBIDDEN');
    expect(await codeOf(rpc().call(liveClassesRpc.classesCreate, { courseId: room.course.id, name: 'x', ...slot(3000) }, as(room.students[0]!)))).toBe('FORBIDDEN');
    const [event] = (await outboxPayloads<{ class: { id: string }; teacher: { id: string } }>(service, 'live_classes.v1.scheduled')).filter((payload) => payload.class.id === item.id);
    expect(event!.teacher.id).toBe(room.teacher.id);
  });

  it('uses the provider the teacher picks, and refuses Zoom when the school has not set it up', async () => {
    const room = await classroom(service, 0);
    const jitsi = await schedule(room.teacher, room.course.id, 40 * 24 * 60, { provider: 'jitsi' });
    expect(jitsi.provider).toBe('jitsi');
    const fallback = await schedule(room.teacher, room.course.id, 41 * 24 * 60);
    expect(fallback.provider).toBe('development');
    expect(await codeOf(rpc().call(liveClassesRpc.classesCreate, { courseId: room.course.id, name: 'z', provider: 'zoom', ...slot(42 * 24 * 60) }, as(room.teacher)))).toBe('VALIDATION_FAILED');
  });

  it('offers the providers the school set up for the schedule form (no Zoom without credentials)', async () => {
    const room = await classroom(service, 0);
    expect(await rpc().call(liveClassesRpc.providersInfo, {}, as(room.teacher))).toEqual({ default: 'development', available: ['jitsi', 'development'] });
  });

  it('refuses a class that overlaps another class of the same teacher, in any course; back-to-back is fine', async () => {
    const room = await classroom(service, 0);
    const second = await service.core.course({ teachers: [room.teacher] });
    await waitFor(async () => (await service.dataSource.query(`SELECT 1 FROM "live_classes"."course_teachers" WHERE course_id = $1`, [second.id])).length > 0);
    const first = await schedule(room.teacher, room.course.id, 2 * 24 * 60);
    const start = Date.parse(first.startsAt);
    const overlap = { startsAt: new Date(start + 30 * MINUTE).toISOString(), endsAt: new Date(start + 90 * MINUTE).toISOString() };
    expect(await codeOf(rpc().call(liveClassesRpc.classesCreate, { courseId: second.id, name: 'Clash', ...overlap }, as(room.teacher)))).toBe('CONFLICT');
    const backToBack = { startsAt: first.endsAt, endsAt: new Date(Date.parse(first.endsAt) + 30 * MINUTE).toISOString() };
    expect(await codeOf(rpc().call(liveClassesRpc.classesCreate, { courseId: second.id, name: 'Next', ...backToBack }, as(room.teacher)))).toBe('ok');
    // Moving a class onto another is refused too.
    const later = await schedule(room.teacher, room.course.id, 3 * 24 * 60);
    expect(await codeOf(rpc().call(liveClassesRpc.classesUpdate, { classId: later.id, ...overlap }, as(room.teacher)))).toBe('CONFLICT');
  });

  it('creates a weekly series, edits one class and cancels the rest of the series', async () => {
    const room = await classroom(service, 1);
    const first = slot(7 * 24 * 60);
    const until = new Date(Date.parse(first.startsAt) + 27 * 24 * 60 * MINUTE).toISOString().slice(0, 10);
    const weekday = ((new Date(first.startsAt).getUTCDay() + 6) % 7) + 1;
    const created = await rpc().call(
      liveClassesRpc.classesCreate,
      { courseId: room.course.id, name: 'Weekly', ...first, timezone: 'UTC', recurrence: { weekdays: [weekday], until } },
      as(room.teacher),
    );
    expect(created.items).toHaveLength(4);
    expect(new Set(created.items.map((item) => item.seriesId))).toEqual(new Set([created.seriesId]));
    const edited = await rpc().call(liveClassesRpc.classesUpdate, { classId: created.items[0]!.id, name: 'Weekly (intro)', maxParticipants: 5 }, as(room.teacher));
    expect(edited).toMatchObject({ name: 'Weekly (intro)', maxParticipants: 5 });
    const updates = await outboxPayloads<{ class: { id: string }; changed: string[] }>(service, 'live_classes.v1.updated');
    expect(updates.find((payload) => payload.class.id === edited.id)!.changed.sort()).toEqual(['maxParticipants', 'name']);
    const cancelled = await rpc().call(liveClassesRpc.classesCancel, { classId: created.items[1]!.id, scope: 'following', reason: 'Holidays' }, as(room.teacher));
    expect(cancelled.cancelled).toBe(3);
    const list = await rpc().call(liveClassesRpc.classesList, { courseId: room.course.id, includeCancelled: true }, as(room.students[0]!));
    expect(list.items.filter((item) => item.status === 'cancelled')).toHaveLength(3);
    expect(await codeOf(rpc().call(liveClassesRpc.classesUpdate, { classId: created.items[2]!.id, name: 'x' }, as(room.teacher)))).toBe('CONFLICT');
  });
});

describe('joining', () => {
  it('opens the join window shortly before the start, for course members only, and records every click', async () => {
    const room = await classroom(service, 1);
    const outsider = await service.core.student();
    const [student] = room.students;
    const early = await schedule(room.teacher, room.course.id, 5 * 60);
    expect(await codeOf(rpc().call(liveClassesRpc.classJoin, { classId: early.id }, as(student!)))).toBe('JOIN_WINDOW_CLOSED');
    const soon = await schedule(room.teacher, room.course.id, 5, { name: 'Soon' });
    await waitFor(async () => (await service.dataSource.query(`SELECT 1 FROM "live_classes"."users" WHERE id = $1`, [outsider.id])).length > 0);
    expect(await codeOf(rpc().call(liveClassesRpc.classJoin, { classId: soon.id }, as(outsider)))).toBe('NOT_ENROLLED');
    const link = await rpc().call(liveClassesRpc.classJoin, { classId: soon.id }, as(student!));
    expect(link).toMatchObject({ role: 'attendee', provider: 'development' });
    expect(link.url).toContain(`/live-classes/${soon.id}/room`);
    await rpc().call(liveClassesRpc.classJoin, { classId: soon.id }, as(student!));
    const host = await rpc().call(liveClassesRpc.classJoin, { classId: soon.id }, as(room.teacher));
    expect(host.role).toBe('host');
    const clicks = await service.dataSource.query<{ user_id: string }[]>(`SELECT user_id FROM "live_classes"."join_clicks" WHERE class_id = $1`, [soon.id]);
    expect(clicks.filter((click) => click.user_id === student!.id)).toHaveLength(2);
    expect(clicks.filter((click) => click.user_id === room.teacher.id)).toHaveLength(1);
    expect((await rpc().call(liveClassesRpc.classGet, { classId: soon.id }, as(room.teacher))).participantCount).toBe(1);
  });

  it('enforces capacity under a rush, and a seated student can always come back', async () => {
    const room = await classroom(service, 6);
    const item = await schedule(room.teacher, room.course.id, 2, { maxParticipants: 3 });
    const codes = await Promise.all(room.students.map((student) => codeOf(rpc().call(liveClassesRpc.classJoin, { classId: item.id }, as(student)))));
    expect(codes.filter((code) => code === 'ok')).toHaveLength(3);
    expect(codes.filter((code) => code === 'CLASS_FULL')).toHaveLength(3);
    const seated = room.students[codes.indexOf('ok')]!;
    expect(await codeOf(rpc().call(liveClassesRpc.classJoin, { classId: item.id }, as(seated)))).toBe('ok');
    // The teacher is never counted against capacity.
    expect(await codeOf(rpc().call(liveClassesRpc.classJoin, { classId: item.id }, as(room.teacher)))).toBe('ok');
  });
});

describe('Q&A', () => {
  it('students ask and upvote once each; the list is sorted by votes; only teachers answer', async () => {
    const room = await classroom(service, 3);
    const outsider = await service.core.student();
    const [ana, ben, cai] = room.students as [UserProfile, UserProfile, UserProfile];
    const item = await schedule(room.teacher, room.course.id, 1);
    const first = await rpc().call(liveClassesRpc.questionsAsk, { classId: item.id, text: 'What is a limit?' }, as(ana));
    const second = await rpc().call(liveClassesRpc.questionsAsk, { classId: item.id, text: 'Is this on the exam?' }, as(ben));
    expect(await codeOf(rpc().call(liveClassesRpc.questionsAsk, { classId: item.id, text: 'Teacher question' }, as(room.teacher)))).toBe('FORBIDDEN');
    await Promise.all([1, 2, 3].map(() => rpc().call(liveClassesRpc.questionsUpvote, { questionId: second.id }, as(cai))));
    const voted = await rpc().call(liveClassesRpc.questionsUpvote, { questionId: second.id }, as(ana));
    expect(voted).toMatchObject({ votes: 2, votedByMe: true });
    expect(await codeOf(rpc().call(liveClassesRpc.questionsUpvote, { questionId: first.id }, as(ana)))).toBe('CONFLICT');
    await waitFor(async () => (await service.dataSource.query(`SELECT 1 FROM "live_classes"."users" WHERE id = $1`, [outsider.id])).length > 0);
    expect(await codeOf(rpc().call(liveClassesRpc.questionsUpvote, { questionId: first.id }, as(outsider)))).toBe('NOT_ENROLLED');
    const list = await rpc().call(liveClassesRpc.questionsList, { classId: item.id }, as(cai));
    expect(list.items.map((question) => [question.text, question.votes, question.votedByMe])).toEqual([
      ['Is this on the exam?', 2, true],
      ['What is a limit?', 0, false],
    ]);
    const unvoted = await rpc().call(liveClassesRpc.questionsUnvote, { questionId: second.id }, as(cai));
    expect(unvoted.votes).toBe(1);
    expect(await codeOf(rpc().call(liveClassesRpc.questionsAnswer, { questionId: first.id, answerText: 'x' }, as(ben)))).toBe('FORBIDDEN');
    const answered = await rpc().call(liveClassesRpc.questionsAnswer, { questionId: first.id, answerText: 'The value a function approaches.' }, as(room.teacher));
    expect(answered).toMatchObject({ answered: true, answerText: 'The value a function approaches.', answeredBy: { id: room.teacher.id } });
    expect((await rpc().call(liveClassesRpc.classGet, { classId: item.id }, as(room.teacher))).openQuestionCount).toBe(1);
  });

  it('authorizes the class socket room for members only', async () => {
    const room = await classroom(service, 1);
    const outsider = await service.core.student();
    const item = await schedule(room.teacher, room.course.id, 600);
    await waitFor(async () => (await service.dataSource.query(`SELECT 1 FROM "live_classes"."users" WHERE id = $1`, [outsider.id])).length > 0);
    const ask = (user: UserProfile) => rpc().call(liveClassesRpc.roomAccess, { kind: 'class', id: item.id }, as(user));
    expect(await ask(room.students[0]!)).toEqual({ allowed: true });
    expect(await ask(room.teacher)).toEqual({ allowed: true });
    expect(await ask(outsider)).toEqual({ allowed: false });
    expect(await rpc().call(liveClassesRpc.roomAccess, { kind: 'session', id: item.id }, as(room.teacher))).toEqual({ allowed: false });
  });
});

describe('the clock and attendance without webhooks', () => {
  it('starts and ends a development class on time and computes attendance from join clicks', async () => {
    const room = await classroom(service, 2);
    const [present, absent] = room.students as [UserProfile, UserProfile];
    const item = await schedule(room.teacher, room.course.id, 1, { name: 'Clocked' });
    await rpc().call(liveClassesRpc.classJoin, { classId: item.id }, as(present));
    await rpc().call(liveClassesRpc.questionsAsk, { classId: item.id, text: 'Question' }, as(present));
    const start = new Date(Date.parse(item.startsAt) + 1000);
    const reminded = await service.job.runOnce(new Date(Date.parse(item.startsAt) - 10 * MINUTE));
    expect(reminded.reminded).toBeGreaterThanOrEqual(1);
    await service.job.runOnce(start);
    expect((await rpc().call(liveClassesRpc.classGet, { classId: item.id }, as(room.teacher))).status).toBe('in_progress');
    await service.job.runOnce(new Date(Date.parse(item.endsAt) + 1000));
    const ended = await rpc().call(liveClassesRpc.classGet, { classId: item.id }, as(room.teacher));
    expect(ended.status).toBe('completed');
    const computed = (await outboxPayloads<{ class: { id: string }; results: { student: { id: string }; attendedRatio: number; score: number }[]; revision: number }>(service, 'live_classes.v1.attendance_computed')).filter(
      (payload) => payload.class.id === item.id,
    );
    expect(computed).toHaveLength(1);
    const byStudent = new Map(computed[0]!.results.map((result) => [result.student.id, result]));
    // Joined (clicked) before the start: the whole slot; never joined: 0.
    expect(byStudent.get(present.id)!.attendedRatio).toBe(1);
    expect(byStudent.get(present.id)!.score).toBe(90);
    expect(byStudent.get(absent.id)).toMatchObject({ attendedRatio: 0, score: 0 });
    const report = await rpc().call(liveClassesRpc.attendanceReport, { classId: item.id }, as(room.teacher));
    expect(report.items).toHaveLength(2);
    const own = await rpc().call(liveClassesRpc.attendanceReport, { classId: item.id }, as(absent));
    expect(own.items.map((row) => row.student.id)).toEqual([absent.id]);
    expect(await codeOf(rpc().call(liveClassesRpc.questionsAsk, { classId: item.id, text: 'Too late' }, as(present)))).toBe('CONFLICT');
    const subjects = await service.dataSource.query<{ subject: string }[]>(`SELECT subject FROM "live_classes"."outbox" WHERE payload->'class'->>'id' = $1 ORDER BY created_at`, [item.id]);
    expect(subjects.map((row) => row.subject)).toEqual([
      'live_classes.v1.scheduled',
      'live_classes.v1.starting_soon',
      'live_classes.v1.started',
      'live_classes.v1.ended',
      'live_classes.v1.attendance_computed',
    ]);
  });
});

describe('calendar feed', () => {
  it('serves an RFC 5545 feed of the user’s classes behind a rotatable secret token', async () => {
    const room = await classroom(service, 1);
    const item = await schedule(room.teacher, room.course.id, 5 * 24 * 60, { name: 'Feed; class, with "quotes"' });
    const info = await rpc().call(liveClassesRpc.calendarFeedInfo, {}, as(room.students[0]!));
    expect(info.path).toBe(`/api/v1/live-classes/calendar/${info.token}.ics`);
    expect(await rpc().call(liveClassesRpc.calendarFeedInfo, {}, as(room.students[0]!))).toEqual(info);
    const service_ = { kind: 'service', service: 'gateway' } as const;
    const feed = await rpc().call(liveClassesRpc.calendarFeed, { token: info.token }, service_);
    const events = new ICAL.Component(ICAL.parse(feed.body)).getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    const event = events.find((entry) => entry.uid === `live-class-${item.id}@tec-lms-engage`)!;
    expect(event.summary).toBe(`${room.course.code}: Feed; class, with "quotes"`);
    expect(event.startDate.toJSDate().toISOString()).toBe(item.startsAt);
    expect(await codeOf(rpc().call(liveClassesRpc.calendarFeed, { token: info.token }, as(room.students[0]!)))).toBe('FORBIDDEN');
    const rotated = await rpc().call(liveClassesRpc.calendarFeedRotate, {}, as(room.students[0]!));
    expect(rotated.token).not.toBe(info.token);
    expect(await codeOf(rpc().call(liveClassesRpc.calendarFeed, { token: info.token }, service_))).toBe('NOT_FOUND');
    expect(await codeOf(rpc().call(liveClassesRpc.calendarFeed, { token: rotated.token }, service_))).toBe('ok');
  });
});
