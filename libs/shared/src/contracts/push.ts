import { z } from 'zod';

/**
 * Server → client real-time events. Services publish them on core NATS subjects `push.<room-kind>.<id>`;
 * every gateway instance subscribes and emits to its own sockets in the room `<room-kind>:<id>`.
 * Push is best effort: a client that reconnects refetches what changed after the last id it saw.
 */
export const PUSH_ROOM_KINDS = ['user', 'conversation', 'class', 'session', 'course'] as const;
export type PushRoomKind = (typeof PUSH_ROOM_KINDS)[number];

export const PushMessage = z.object({
  room: z.object({ kind: z.enum(PUSH_ROOM_KINDS), id: z.string().min(1).max(100) }),
  event: z.string().regex(/^[a-z][a-z_]*$/),
  data: z.unknown(),
});
export type PushMessage = z.infer<typeof PushMessage>;

/** Typed map of every server → client socket event and its payload. Features add theirs here. */
export interface ClientEventMap {
  /** Sent on connect and on request so a client can check its session is still known. */
  session_ready: { userId: string; serverTime: string };
  user_online: { userId: string; status: 'online' | 'idle' | 'offline' };
  notification: { id: string; title: string; body: string; createdAt: string };
}

/** The NATS subject of a room's pushes (before the deployment's subject prefix). */
export function pushSubject(kind: PushRoomKind, id: string): string {
  return `push.${kind}.${id}`;
}
