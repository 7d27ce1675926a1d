import { z } from 'zod';

/**
 * A domain event contract. Subjects are `<domain>.v1.<event>` and are persisted contracts: never rename one
 * in place or change its payload incompatibly. Add `<domain>.v2.<event>`, publish both, then retire v1.
 */
export interface EventContract<S extends string = string, P extends z.ZodType = z.ZodType> {
  readonly subject: S;
  readonly schema: P;
  readonly description: string;
}

export type EventPayload<E extends EventContract> = z.output<E['schema']>;

/**
 * The domains that publish events: the first token of every subject. The events stream takes
 * `<domain>.v1.>` and `<domain>.v2.>` for each, listed by name rather than `*.v1.>`, so that an unprefixed stack
 * and prefixed test runs (`t123.core.v1.…`) can share one NATS server without their streams overlapping.
 * A new service adds its domain here.
 */
export const EVENT_DOMAINS = ['core', 'notifications', 'attendance', 'chat', 'live_classes', 'parent_portal'] as const;
export type EventDomain = (typeof EVENT_DOMAINS)[number];

const SUBJECT = /^[a-z][a-z_-]*\.v[0-9]+\.[a-z][a-z0-9_]*$/;

export function defineEvent<S extends string, P extends z.ZodType>(
  subject: S,
  schema: P,
  description: string,
): EventContract<S, P> {
  if (!SUBJECT.test(subject)) throw new Error(`Event subject "${subject}" is not <domain>.v<N>.<event>`);
  return { subject, schema, description };
}

/** What travels on JetStream: the payload plus the metadata every consumer needs. */
export const EventEnvelope = z.object({
  id: z.uuid(),
  subject: z.string(),
  occurredAt: z.iso.datetime(),
  producer: z.string(),
  correlationId: z.string(),
  payload: z.unknown(),
});
export type EventEnvelope<P = unknown> = Omit<z.infer<typeof EventEnvelope>, 'payload'> & { payload: P };
