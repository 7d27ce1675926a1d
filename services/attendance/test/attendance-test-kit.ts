import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DATA_SOURCE, type UserProfile } from '@tec/shared';
import { bootTestService, coreEventFactory, type CoreEventFactory, type TestNats, type TestService } from '@tec/shared/testing';
import type { DataSource } from 'typeorm';
import { buildServiceModule } from '../src/app.module';
import { attendanceConfigShape, type AttendanceConfig } from '../src/config';
import { attendanceEntities } from '../src/entities';
import { SessionLifecycleJob } from '../src/jobs/session-lifecycle.job';
import { attendanceMigrations } from '../src/migrations';

import { asUser as as, codeOf, waitFor } from '@tec/shared/testing';

// The platform's test assertions, under the names this service's tests use.
export { as, codeOf, waitFor };

export type AttendanceTestService = TestService<AttendanceConfig> & {
  core: CoreEventFactory;
  dataSource: DataSource;
  job: SessionLifecycleJob;
};

/**
 * Boots the whole attendance service (RPC over the real NATS, a fresh clone of the migrated database, relay and
 * consumers on). Its read model is filled the production way: `core` publishes `core.v1.*` events. The lifecycle
 * timer is off so tests drive the job.
 */
export async function bootAttendance(env: Record<string, string> = {}, nats?: TestNats): Promise<AttendanceTestService> {
  const service = await bootTestService({
    schema: 'attendance',
    entities: attendanceEntities,
    migrations: attendanceMigrations,
    configShape: attendanceConfigShape,
    buildModule: (config) => buildServiceModule(config, { events: { relayPollIntervalMs: 100, retryBaseMs: 100 } }),
    nats,
    env: {
      ATTENDANCE_JOB_INTERVAL_SECONDS: '0',
      ATTENDANCE_COUNTS_PUSH_MS: '20',
      ATTENDANCE_EVIDENCE_DIR: mkdtempSync(path.join(tmpdir(), 'attendance-evidence-')),
      RPC_TIMEOUT_MS: '20000',
      DATABASE_POOL_SIZE: '20',
      ...env,
    },
  });
  return Object.assign(service, {
    core: coreEventFactory(service.nats, service.prefix),
    dataSource: service.app.get<DataSource>(DATA_SOURCE),
    job: service.app.get(SessionLifecycleJob),
  });
}

export interface Classroom {
  teacher: UserProfile;
  course: { id: string; code: string; title: string };
  students: UserProfile[];
}

/** A course with a teacher and `size` enrolled students, published as core would, and waited for in the read model. */
export async function classroom(service: AttendanceTestService, size: number): Promise<Classroom> {
  const teacher = await service.core.teacher();
  const course = await service.core.course({ teachers: [teacher] });
  const students: UserProfile[] = [];
  for (let index = 0; index < size; index += 1) {
    const student = await service.core.student();
    await service.core.enrollment(student, course);
    students.push(student);
  }
  await waitFor(async () => {
    const rows = await service.dataSource.query<{ count: number; teachers: number }[]>(
      `SELECT (SELECT count(*)::int FROM "attendance"."enrollments" WHERE course_id = $1 AND active) AS count,
              (SELECT count(*)::int FROM "attendance"."course_teachers" WHERE course_id = $1) AS teachers`,
      [course.id],
    );
    return rows[0]!.count === size && rows[0]!.teachers === 1;
  }, 30_000);
  return { teacher, course, students };
}

export async function outboxSubjects(service: AttendanceTestService): Promise<string[]> {
  const rows = await service.dataSource.query<{ subject: string }[]>(`SELECT subject FROM "attendance"."outbox" ORDER BY created_at, id`);
  return rows.map((row) => row.subject);
}

/** Events enqueued with this subject (the relay marks outbox rows published, it does not delete them). */
export async function eventCount(service: AttendanceTestService, subject: string, sessionId?: string): Promise<number> {
  const rows = await service.dataSource.query<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM "attendance"."outbox" WHERE subject = $1 AND ($2::text IS NULL OR payload->'session'->>'id' = $2)`,
    [subject, sessionId ?? null],
  );
  return rows[0]!.count;
}
