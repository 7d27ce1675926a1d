import { randomUUID } from 'node:crypto';
import {
  attendanceEvents,
  coreEvents,
  DATA_SOURCE,
  ensureEventStream,
  parentPortalRpc,
  type EventContract,
  type ParentLink,
  type UserProfile,
} from '@tec/shared';
import { bootTestService, coreEventFactory, publishTestEvent, type CoreEventFactory, type TestNats, type TestService } from '@tec/shared/testing';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { buildServiceModule } from '../src/app.module';
import { parentPortalConfigShape, type ParentPortalConfig } from '../src/config';
import { DigestJob } from '../src/digest/digest.job';
import { parentPortalEntities } from '../src/entities';
import { parentPortalMigrations } from '../src/migrations';

import { asUser as as, codeOf, waitFor } from '@tec/shared/testing';

// The platform's test assertions, under the names this service's tests use.
export { as, codeOf, waitFor };

export type PortalTestService = TestService<ParentPortalConfig> & {
  core: CoreEventFactory;
  dataSource: DataSource;
  digest: DigestJob;
  /** Publishes any event as its producer would (envelope, Nats-Msg-Id); pass `id` to simulate a redelivery. */
  publish<E extends EventContract>(event: E, payload: z.input<E['schema']>, id?: string): Promise<string>;
};

/**
 * Boots the whole parent portal (RPC over the real NATS, a fresh clone of the migrated database, relay and consumers
 * on). Its read model is filled the production way, from published core/attendance/live-classes events. The digest
 * timer is off so tests drive the pass.
 */
export async function bootPortal(env: Record<string, string> = {}, nats?: TestNats): Promise<PortalTestService> {
  const service = await bootTestService({
    schema: 'parent_portal',
    entities: parentPortalEntities,
    migrations: parentPortalMigrations,
    configShape: parentPortalConfigShape,
    buildModule: (config) => buildServiceModule(config, { events: { relayPollIntervalMs: 100, retryBaseMs: 100 } }),
    nats,
    env: { PARENT_PORTAL_JOB_INTERVAL_SECONDS: '0', PARENT_PORTAL_CHAT_TIMEOUT_MS: '200', RPC_TIMEOUT_MS: '20000', DATABASE_POOL_SIZE: '10', ...env },
  });
  const core = coreEventFactory(service.nats, service.prefix);
  const stream = ensureEventStream(service.nats, service.prefix);
  return Object.assign(service, {
    core,
    dataSource: service.app.get<DataSource>(DATA_SOURCE),
    digest: service.app.get(DigestJob),
    async publish<E extends EventContract>(event: E, payload: z.input<E['schema']>, id?: string) {
      await stream;
      return publishTestEvent(service.nats, service.prefix, event, payload, { id });
    },
  });
}

export async function count(service: PortalTestService, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await service.dataSource.query<{ count: number }[]>(`SELECT (${sql})::int AS count`, params);
  return rows[0]!.count;
}

export async function eventCount(service: PortalTestService, subject: string, filter?: { key: string; value: string }): Promise<number> {
  return count(
    service,
    `SELECT count(*) FROM "parent_portal"."outbox" WHERE subject = $1 AND ($2::text IS NULL OR payload #>> string_to_array($2, '.') = $3)`,
    [subject, filter?.key ?? null, filter?.value ?? null],
  );
}

export async function outboxPayloads<T>(service: PortalTestService, subject: string): Promise<T[]> {
  const rows = await service.dataSource.query<{ payload: T }[]>(`SELECT payload FROM "parent_portal"."outbox" WHERE subject = $1 ORDER BY created_at, id`, [subject]);
  return rows.map((row) => row.payload);
}

export interface Family {
  admin: UserProfile;
  teacher: UserProfile;
  parent: UserProfile;
  student: UserProfile;
  course: { id: string; code: string; title: string };
}

/** An admin, a teacher, a parent and a student enrolled in the teacher's course, all in the read model. */
export async function family(service: PortalTestService, options: { studentDateOfBirth?: string | null; level?: 'grade12' | 'bachelor' } = {}): Promise<Family> {
  const admin = await service.core.admin();
  const teacher = await service.core.teacher();
  const parent = await service.core.parent();
  const student = await service.core.student(options.studentDateOfBirth === undefined ? {} : { dateOfBirth: options.studentDateOfBirth });
  let course: Family['course'];
  if (options.level === 'bachelor') {
    course = { id: randomUUID(), code: `BA-${randomUUID().slice(0, 4)}`, title: 'Bachelor seminar' };
    await service.publish(coreEvents.courseCreated, { course: { ...course, description: '', level: 'bachelor' } });
    await service.publish(coreEvents.courseTeacherAssigned, { course, teacher, assignedAt: new Date().toISOString() });
  } else {
    course = await service.core.course({ teachers: [teacher] });
  }
  await service.core.enrollment(student, course);
  await waitFor(async () => {
    const ready = await count(
      service,
      `SELECT (SELECT count(*) FROM "parent_portal"."users" WHERE id = ANY($1::uuid[]))
            + (SELECT count(*) FROM "parent_portal"."enrollments" WHERE course_id = $2 AND student_id = $3 AND active)
            + (SELECT count(*) FROM "parent_portal"."course_teachers" WHERE course_id = $2)`,
      [[admin.id, teacher.id, parent.id, student.id], course.id, student.id],
    );
    return ready === 6;
  });
  return { admin, teacher, parent, student, course };
}

/** Student makes a code, parent redeems it: a pending link. */
export async function requestLink(service: PortalTestService, people: Pick<Family, 'parent' | 'student'>): Promise<ParentLink> {
  const { code } = await service.rpc.call(parentPortalRpc.pairingCodeCreate, {}, as(people.student));
  return service.rpc.call(parentPortalRpc.linkRedeem, { code, relationship: 'parent' }, as(people.parent));
}

/** Code, redeem, admin approval: an active link (for a minor). */
export async function activeLink(service: PortalTestService, people: Family): Promise<ParentLink> {
  const link = await requestLink(service, people);
  return service.rpc.call(parentPortalRpc.linkApprove, { linkId: link.id }, as(people.admin));
}

export function session(startsAt = new Date()): { id: string; startsAt: string; endsAt: string; topic: string | null } {
  return { id: randomUUID(), startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), topic: null };
}

/** Publishes attendance.v1.marked (and student_absent for an absence) as the attendance service does. */
export async function mark(
  service: PortalTestService,
  people: Pick<Family, 'student' | 'course'>,
  status: 'present' | 'late' | 'absent' | 'excused',
  at: { id: string; startsAt: string; endsAt: string; topic: string | null } = session(),
): Promise<void> {
  const record = { id: randomUUID(), status, method: 'manual' as const, markedBy: null, markedAt: new Date().toISOString(), note: null };
  await service.publish(attendanceEvents.marked, { course: people.course, session: at, student: people.student, record });
  if (status === 'absent') {
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: people.student.timezone }).format(new Date(at.startsAt));
    await service.publish(attendanceEvents.studentAbsent, { course: people.course, session: at, student: people.student, date, method: 'manual' });
  }
}

export async function recordCount(service: PortalTestService, studentId: string): Promise<number> {
  return count(service, `SELECT count(*) FROM "parent_portal"."attendance_records" WHERE student_id = $1`, [studentId]);
}
