import { randomUUID } from 'node:crypto';
import { dataRightsRpc } from '@tec/shared';
import { asUser, codeOf, requestTestErasure, waitFor } from '@tec/shared/testing';
import { bootLiveClasses, classroom, type LiveClassesTestService } from './live-classes-test-kit';

describe('live classes data rights', () => {
  let service: LiveClassesTestService;
  const q = (sql: string, params: unknown[] = []) => service.dataSource.query(sql, params);

  beforeAll(async () => {
    service = await bootLiveClasses();
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  });

  it('exports and erases a student\'s class traces, keeping computed attendance; admins only; idempotent', async () => {
    const room = await classroom(service, 2);
    const [student, classmate] = room.students as [typeof room.students[0], typeof room.students[0]];
    await waitFor(async () => (await q(`SELECT 1 FROM "live_classes"."users" WHERE id = $1`, [student.id])).length === 1, 20_000, 'student profile');
    const classId = randomUUID();
    await q(
      `INSERT INTO "live_classes"."classes" (id, course_id, name, starts_at, ends_at, timezone, recording_enabled, provider, status, teacher_id)
       VALUES ($1, $2, 'Algebra live', now() - interval '2 hours', now() - interval '1 hour', 'UTC', false, 'development', 'completed', $3)`,
      [classId, room.course.id, room.teacher.id],
    );
    for (const person of [student, classmate]) {
      await q(`INSERT INTO "live_classes"."participants" (class_id, user_id, role, join_url, registrant_id) VALUES ($1, $2, 'attendee', 'https://meet.example/j/personal', $3)`, [classId, person.id, `reg-${person.id}`]);
      await q(`INSERT INTO "live_classes"."presence_events" (class_id, user_id, participant_key, kind, at, display_name, email) VALUES ($1, $2, $3, 'joined', now(), 'Display', $4)`, [classId, person.id, person.id, person.email]);
    }
    await q(`INSERT INTO "live_classes"."presence_events" (class_id, participant_key, kind, at, display_name, email) VALUES ($1, 'guest', 'joined', now(), 'Guest', upper($2))`, [classId, student.email]);
    await q(`INSERT INTO "live_classes"."join_clicks" (id, class_id, user_id) VALUES ($1, $2, $3)`, [randomUUID(), classId, student.id]);
    const questionId = randomUUID();
    await q(`INSERT INTO "live_classes"."questions" (id, class_id, asker_id, text, votes) VALUES ($1, $2, $3, 'What is x?', 1)`, [questionId, classId, classmate.id]);
    await q(`INSERT INTO "live_classes"."question_votes" (question_id, voter_id) VALUES ($1, $2)`, [questionId, student.id]);
    await q(`INSERT INTO "live_classes"."questions" (id, class_id, asker_id, text) VALUES ($1, $2, $3, 'My own question')`, [randomUUID(), classId, student.id]);
    await q(`INSERT INTO "live_classes"."calendar_tokens" (user_id, token) VALUES ($1, $2)`, [student.id, randomUUID()]);
    await q(`INSERT INTO "live_classes"."attendance_results" (class_id, student_id, minutes_attended, attended_ratio, score, questions_asked, votes_given, join_clicks, computed_at) VALUES ($1, $2, 50, 0.83, 0.9, 1, 1, 1, now())`, [classId, student.id]);

    const admin = await service.core.admin();
    const exported = await service.rpc.call(dataRightsRpc('live-classes'), { userId: student.id }, asUser(admin));
    expect(exported.sections.classes).toEqual([expect.objectContaining({ name: 'Algebra live', role: 'attendee' })]);
    expect(exported.sections.presence).toHaveLength(2);
    expect(exported.sections.questions).toEqual([expect.objectContaining({ text: 'My own question' })]);
    expect(exported.sections.calendarFeed).toHaveLength(1);
    expect(JSON.stringify(exported.sections.calendarFeed)).not.toContain('token');
    expect(await codeOf(service.rpc.call(dataRightsRpc('live-classes'), { userId: student.id }, asUser(room.teacher)))).toBe('FORBIDDEN');

    const first = await requestTestErasure(service, 'live_classes', student.id);
    expect(first.summary).toMatchObject({ presenceDeidentified: 2, votesDeleted: 1, joinClicksDeleted: 1, joinLinksBlanked: 1, questionsRedacted: 1, calendarFeedsDeleted: 1, profilesDeidentified: 1 });
    expect(await q(`SELECT votes FROM "live_classes"."questions" WHERE id = $1`, [questionId])).toEqual([{ votes: 0 }]);
    expect(await q(`SELECT count(*)::int AS n FROM "live_classes"."presence_events" WHERE email IS NOT NULL`)).toEqual([{ n: 1 }]);
    expect(await q(`SELECT count(*)::int AS n FROM "live_classes"."attendance_results" WHERE student_id = $1`, [student.id])).toEqual([{ n: 1 }]);
    expect(await q(`SELECT join_url FROM "live_classes"."participants" WHERE user_id = $1`, [classmate.id])).toEqual([{ join_url: 'https://meet.example/j/personal' }]);
    const again = await requestTestErasure(service, 'live_classes', student.id);
    expect(Object.values(again.summary).every((count) => count === 0)).toBe(true);
  }, 60_000);
});
