import { randomUUID } from 'node:crypto';
import type { NatsConnection } from 'nats';
import type { z } from 'zod';
import { coreEvents, type EventCourse } from '../contracts/core/events.contracts';
import type { UserProfile } from '../contracts/core/common.dto';
import type { EventContract } from '../contracts/event-contract';
import type { Role } from '../contracts/roles';
import { newCorrelationId } from '../context/request-context';
import { ensureEventStream } from '../events/event-stream';
import { correlationHeaders, withPrefix } from '../nats/nats-connection';

type Course = z.infer<typeof EventCourse>;

/**
 * Publishes one event exactly as a service's relay would (envelope, `Nats-Msg-Id`, correlation header), after
 * validating it against its contract. For tests of consumers.
 */
export async function publishTestEvent<E extends EventContract>(
  nats: NatsConnection,
  prefix: string,
  event: E,
  payload: z.input<E['schema']>,
  options: { id?: string; producer?: string } = {},
): Promise<string> {
  const parsed = event.schema.parse(payload);
  const id = options.id ?? randomUUID();
  const correlationId = newCorrelationId();
  const envelope = { id, subject: event.subject, occurredAt: new Date().toISOString(), producer: options.producer ?? 'test', correlationId, payload: parsed };
  await nats.jetstream().publish(withPrefix(prefix, event.subject), JSON.stringify(envelope), { msgID: id, headers: correlationHeaders(correlationId) });
  return id;
}

let sequence = 0;

/** A valid profile with readable, unique defaults. A student is 17 unless `dateOfBirth` says otherwise. */
export function buildUser(role: Role, overrides: Partial<UserProfile> = {}): UserProfile {
  sequence += 1;
  const minorBirthDate = new Date(Date.now() - 17 * 365.25 * 86_400_000).toISOString().slice(0, 10);
  return {
    id: randomUUID(),
    email: `${role}${sequence}.${randomUUID().slice(0, 6)}@test.example`,
    firstName: `${role[0]!.toUpperCase()}${role.slice(1)}`,
    lastName: `Number${sequence}`,
    role,
    timezone: 'Europe/Madrid',
    locale: 'en',
    dateOfBirth: role === 'student' ? minorBirthDate : null,
    ...overrides,
  };
}

/**
 * Factories for the core data every other service learns from events: users, courses, course teachers and
 * enrollments. Each call publishes the `core.v1.*` events core would publish and returns what it described,
 * so a service under test builds its read model the way it does in production.
 */
export function coreEventFactory(nats: NatsConnection, prefix: string) {
  let streamReady: Promise<string> | undefined;
  const publish = async <E extends EventContract>(event: E, payload: z.input<E['schema']>) => {
    streamReady ??= ensureEventStream(nats, prefix);
    await streamReady;
    return publishTestEvent(nats, prefix, event, payload, { producer: 'core' });
  };
  const user = async (role: Role, overrides: Partial<UserProfile> = {}) => {
    const profile = buildUser(role, overrides);
    await publish(coreEvents.userCreated, { user: profile, active: true });
    return profile;
  };
  return {
    user,
    student: (overrides?: Partial<UserProfile>) => user('student', overrides),
    teacher: (overrides?: Partial<UserProfile>) => user('teacher', overrides),
    parent: (overrides?: Partial<UserProfile>) => user('parent', overrides),
    admin: (overrides?: Partial<UserProfile>) => user('admin', overrides),
    /** A course, with its teachers assigned. */
    async course(options: { teachers?: UserProfile[]; code?: string; title?: string } = {}): Promise<Course> {
      sequence += 1;
      const course = { id: randomUUID(), code: options.code ?? `TEST-${sequence}`, title: options.title ?? `Test course ${sequence}` };
      await publish(coreEvents.courseCreated, { course: { ...course, description: '', level: 'grade12' } });
      for (const teacher of options.teachers ?? []) {
        await publish(coreEvents.courseTeacherAssigned, { course, teacher, assignedAt: new Date().toISOString() });
      }
      return course;
    },
    async enrollment(student: UserProfile, course: Course): Promise<{ enrollmentId: string }> {
      const enrollmentId = randomUUID();
      await publish(coreEvents.enrollmentCreated, { enrollmentId, course, student, enrolledAt: new Date().toISOString(), reactivated: false });
      return { enrollmentId };
    },
    async drop(student: UserProfile, course: Course, enrollmentId: string): Promise<void> {
      await publish(coreEvents.enrollmentDropped, { enrollmentId, course, student, droppedAt: new Date().toISOString() });
    },
  };
}

export type CoreEventFactory = ReturnType<typeof coreEventFactory>;
