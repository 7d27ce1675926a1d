import { liveClassesRpc, type UserProfile } from '@tec/shared';
import { bootTestService, createTestNats, type TestNats, type TestService } from '@tec/shared/testing';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@tec/shared';
// Producer and consumer of live_classes.v1.attendance_computed, both real, on one NATS.
import { buildServiceModule as buildAttendance } from '../../services/attendance/src/app.module';
import { attendanceConfigShape } from '../../services/attendance/src/config';
import { attendanceEntities } from '../../services/attendance/src/entities';
import { attendanceMigrations } from '../../services/attendance/src/migrations';
import { as, bootLiveClasses, classroom, MINUTE, slot, waitFor, type LiveClassesTestService } from '../../services/live-classes/test/live-classes-test-kit';

let nats: TestNats;
let service: LiveClassesTestService;
let attendance: TestService<unknown>;

beforeAll(async () => {
  nats = await createTestNats();
  service = await bootLiveClasses({}, nats);
  attendance = await bootTestService({
    nats,
    schema: 'attendance',
    entities: attendanceEntities,
    migrations: attendanceMigrations,
    configShape: attendanceConfigShape,
    buildModule: (config) => buildAttendance(config, { events: { relayPollIntervalMs: 100, retryBaseMs: 100 } }),
    env: { ATTENDANCE_JOB_INTERVAL_SECONDS: '0', ATTENDANCE_EVIDENCE_DIR: `/tmp/live-classes-attendance-${process.pid}` },
  });
}, 90_000);

afterAll(async () => {
  await attendance?.close();
  await service?.close();
  await nats?.cleanup();
});

it('the attendance computed when a class ends reaches the attendance service as live_class marks', async () => {
  const room = await classroom(service, 2);
  const [present, absent] = room.students as [UserProfile, UserProfile];
  const attendanceDb = attendance.app.get<DataSource>(DATA_SOURCE);
  await waitFor(async () => (await attendanceDb.query(`SELECT 1 FROM "attendance"."enrollments" WHERE course_id = $1`, [room.course.id])).length === 2, 30_000);
  const created = await service.rpc.call(liveClassesRpc.classesCreate, { courseId: room.course.id, name: 'Flow', ...slot(2, 30) }, as(room.teacher));
  const item = created.items[0]!;
  await service.rpc.call(liveClassesRpc.classJoin, { classId: item.id }, as(present));
  await service.job.runOnce(new Date(Date.parse(item.startsAt) + MINUTE));
  await service.job.runOnce(new Date(Date.parse(item.endsAt) + MINUTE));
  const records = await waitFor(async () => {
    const rows = await attendanceDb.query<{ student_id: string; status: string; method: string }[]>(
      `SELECT r.student_id, r.status, r.method FROM "attendance"."records" r JOIN "attendance"."sessions" s ON s.id = r.session_id WHERE s.live_class_id = $1`,
      [item.id],
    );
    return rows.length === 2 ? new Map(rows.map((row) => [row.student_id, row])) : null;
  }, 30_000);
  expect(records.get(present.id)).toMatchObject({ status: 'present', method: 'live_class' });
  expect(records.get(absent.id)).toMatchObject({ status: 'absent', method: 'live_class' });
}, 90_000);
