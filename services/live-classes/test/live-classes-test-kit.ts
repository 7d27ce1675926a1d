import { DATA_SOURCE, type UserProfile } from '@tec/shared';
import { bootTestService, coreEventFactory, type CoreEventFactory, type TestNats, type TestService } from '@tec/shared/testing';
import type { DataSource } from 'typeorm';
import { buildServiceModule } from '../src/app.module';
import { liveClassesConfigShape, type LiveClassesConfig } from '../src/config';
import { liveClassesEntities } from '../src/entities';
import { ClassLifecycleJob } from '../src/jobs/class-lifecycle.job';
import { liveClassesMigrations } from '../src/migrations';
import { WebhookProcessor } from '../src/webhooks/webhook-processor.service';

import { asUser as as, codeOf, waitFor } from '@tec/shared/testing';

// The platform's test assertions, under the names this service's tests use.
export { as, codeOf, waitFor };

export type LiveClassesTestService = TestService<LiveClassesConfig> & {
  core: CoreEventFactory;
  dataSource: DataSource;
  job: ClassLifecycleJob;
  webhooks: WebhookProcessor;
};

/**
 * Boots the whole live-classes service (RPC over the real NATS, a fresh clone of the migrated database, relay and
 * consumers on). Its read model is filled the production way, from `core.v1.*` events. The lifecycle timer is off
 * so tests drive the job.
 */
export async function bootLiveClasses(env: Record<string, string> = {}, nats?: TestNats): Promise<LiveClassesTestService> {
  const service = await bootTestService({
    schema: 'live_classes',
    entities: liveClassesEntities,
    migrations: liveClassesMigrations,
    configShape: liveClassesConfigShape,
    buildModule: (config) => buildServiceModule(config, { events: { relayPollIntervalMs: 100, retryBaseMs: 100 } }),
    nats,
    env: {
      LIVE_CLASSES_JOB_INTERVAL_SECONDS: '0',
      LIVE_CLASSES_ATTENDANCE_SETTLE_SECONDS: '0',
      ZOOM_RETRY_BASE_MS: '20',
      ZOOM_HTTP_TIMEOUT_MS: '1000',
      RPC_TIMEOUT_MS: '20000',
      ...env,
    },
  });
  return Object.assign(service, {
    core: coreEventFactory(service.nats, service.prefix),
    dataSource: service.app.get<DataSource>(DATA_SOURCE),
    job: service.app.get(ClassLifecycleJob),
    webhooks: service.app.get(WebhookProcessor),
  });
}

export interface Classroom {
  teacher: UserProfile;
  course: { id: string; code: string; title: string };
  students: UserProfile[];
}

/** A course with a teacher and `size` enrolled students, published as core would, and waited for in the read model. */
export async function classroom(service: LiveClassesTestService, size: number): Promise<Classroom> {
  const teacher = await service.core.teacher();
  const course = await service.core.course({ teachers: [teacher] });
  const students: UserProfile[] = [];
  for (let index = 0; index < size; index += 1) {
    const student = await service.core.student();
    await service.core.enrollment(student, course);
    students.push(student);
  }
  await waitFor(async () => {
    const rows = await service.dataSource.query<{ count: number; teachers: number; users: number }[]>(
      `SELECT (SELECT count(*)::int FROM "live_classes"."enrollments" WHERE course_id = $1 AND active) AS count,
              (SELECT count(*)::int FROM "live_classes"."course_teachers" WHERE course_id = $1) AS teachers,
              (SELECT count(*)::int FROM "live_classes"."users" WHERE id = $2) AS users`,
      [course.id, teacher.id],
    );
    return rows[0]!.count === size && rows[0]!.teachers === 1 && rows[0]!.users === 1;
  }, 30_000);
  return { teacher, course, students };
}

/** Payloads enqueued with this subject (the relay marks outbox rows published, it does not delete them). */
export async function outboxPayloads<T = Record<string, unknown>>(service: LiveClassesTestService, subject: string): Promise<T[]> {
  const rows = await service.dataSource.query<{ payload: T }[]>(`SELECT payload FROM "live_classes"."outbox" WHERE subject = $1 ORDER BY created_at, id`, [subject]);
  return rows.map((row) => row.payload);
}

export const MINUTE = 60_000;

export function slot(startOffsetMinutes: number, durationMinutes = 60): { startsAt: string; endsAt: string } {
  const start = new Date(Math.floor(Date.now() / 1000) * 1000 + startOffsetMinutes * MINUTE);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + durationMinutes * MINUTE).toISOString() };
}
