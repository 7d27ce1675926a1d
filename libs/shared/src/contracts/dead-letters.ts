import { z } from 'zod';
import { defineRpc, type ServiceName } from './rpc-contract';

/** An event a consumer gave up on, as admins see it. */
export const DeadLetterView = z.object({
  id: z.uuid(),
  consumer: z.string(),
  eventId: z.string().nullable(),
  subject: z.string(),
  reason: z.string(),
  deliveries: z.number().int(),
  createdAt: z.iso.datetime(),
  /** The message as it arrived (envelope and payload), for diagnosis. */
  envelope: z.unknown(),
});
export type DeadLetterView = z.infer<typeof DeadLetterView>;

export const DeadLettersListRequest = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  /** The previous page's `nextCursor`. */
  before: z.uuid().optional(),
});

export const DeadLetterPageView = z.object({ items: z.array(DeadLetterView), nextCursor: z.uuid().nullable() });

export const DeadLetterReplayed = z.object({ deadLetterId: z.uuid(), eventId: z.string(), replayedAt: z.iso.datetime() });

/** Every service answers these (the platform kit registers them); admins only. */
export function deadLettersListRpc(service: ServiceName) {
  return defineRpc(service, 'deadLettersList', DeadLettersListRequest, DeadLetterPageView);
}

/**
 * Publishes the event again for the consumers that have not handled it, then removes the letter. Safe for every
 * other consumer of the subject: their inbox already holds the event id, so they skip it.
 */
export function deadLettersReplayRpc(service: ServiceName) {
  return defineRpc(service, 'deadLettersReplay', z.object({ deadLetterId: z.uuid() }), DeadLetterReplayed);
}
