import { liveClassesRpc } from '@tec/shared';
import { seedDemoClasses } from '../src/seed/seed-demo';
import { as, bootLiveClasses, classroom, type LiveClassesTestService } from './live-classes-test-kit';

let service: LiveClassesTestService;

beforeAll(async () => {
  service = await bootLiveClasses();
}, 60_000);

afterAll(async () => {
  await service?.close();
});

it('seeds past classes with Q&A, attendance and recordings and upcoming ones, once, readable through the API', async () => {
  const room = await classroom(service, 6);
  const first = await seedDemoClasses(service.dataSource, 'America/Monterrey');
  expect(first).toMatchObject({ courses: 1, recordings: 2 });
  expect(first.classes).toBe(7);
  expect(await seedDemoClasses(service.dataSource, 'America/Monterrey')).toEqual({ courses: 0, classes: 0, questions: 0, recordings: 0 });

  const student = room.students[0]!;
  const list = await service.rpc.call(liveClassesRpc.classesList, { courseId: room.course.id }, as(student));
  expect(list.items.filter((item) => item.status === 'completed')).toHaveLength(2);
  expect(list.items.filter((item) => item.status === 'scheduled').length).toBe(5);
  const soon = list.items.find((item) => item.name === 'Live Q&A: ask anything')!;
  expect(Date.parse(soon.startsAt) - Date.now()).toBeLessThan(26 * 60_000);

  const past = list.items.find((item) => item.status === 'completed')!;
  const questions = await service.rpc.call(liveClassesRpc.questionsList, { classId: past.id }, as(student));
  const votes = questions.items.map((question) => question.votes);
  expect(votes).toEqual([...votes].sort((a, b) => b - a));
  const report = await service.rpc.call(liveClassesRpc.attendanceReport, { classId: past.id }, as(room.teacher));
  expect(report.items).toHaveLength(6);
  expect(report.computedAt).not.toBeNull();
  const recordings = await service.rpc.call(liveClassesRpc.recordingsList, { courseId: room.course.id }, as(student));
  expect(recordings.items).toHaveLength(2);
  const [{ events }] = await service.dataSource.query<{ events: number }[]>(`SELECT count(*)::int AS events FROM "live_classes"."outbox"`);
  expect(events).toBe(0);
});
