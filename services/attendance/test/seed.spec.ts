import { seedTerm } from '../src/seed/seed-term';
import { bootAttendance, classroom, type AttendanceTestService } from './attendance-test-kit';

let service: AttendanceTestService;

beforeAll(async () => {
  service = await bootAttendance();
}, 60_000);

afterAll(async () => {
  await service?.close();
});

it('seeds a term of sessions with marks for the past ones, once, with counters matching the records', async () => {
  const room = await classroom(service, 10);
  const first = await seedTerm(service.dataSource, 'America/Monterrey');
  expect(first.courses).toBe(1);
  expect(first.sessions).toBeGreaterThan(20);
  expect(first.records).toBeGreaterThan(100);
  const second = await seedTerm(service.dataSource, 'America/Monterrey');
  expect(second).toEqual({ courses: 0, sessions: 0, records: 0 });
  const [check] = await service.dataSource.query(
    `SELECT (SELECT count(*)::int FROM "attendance"."records" WHERE course_id = $1) AS records,
            (SELECT sum(present + late + absent + excused)::int FROM "attendance"."stats" WHERE course_id = $1) AS counted,
            (SELECT count(*)::int FROM "attendance"."sessions" WHERE course_id = $1 AND closed_at IS NULL AND checkin_closes_at < now()) AS unclosed,
            (SELECT count(*)::int FROM "attendance"."outbox" WHERE subject LIKE 'attendance.%') AS events`,
    [room.course.id],
  );
  expect(check).toEqual({ records: first.records, counted: first.records, unclosed: 0, events: 0 });
});
