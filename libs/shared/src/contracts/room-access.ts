import { z } from 'zod';
import type { PushRoomKind } from './push';
import { defineRpc, type ServiceName } from './rpc-contract';

/**
 * Which service decides who may join a socket room of each kind. A client asks the gateway with
 * `join_room {kind, id}`; the gateway asks the owner's `rpc.<owner>.roomAccess` with the socket's AuthContext and
 * joins the socket only when allowed. `user` rooms are never joined on request: each socket is in its own.
 */
export const ROOM_OWNERS: Record<Exclude<PushRoomKind, 'user'>, ServiceName> = {
  course: 'core',
  session: 'attendance',
  conversation: 'chat',
  class: 'live-classes',
};

export const RoomRef = z.object({
  kind: z.enum(['course', 'session', 'conversation', 'class']),
  id: z.string().min(1).max(100),
});
export type RoomRef = z.infer<typeof RoomRef>;

export const RoomAccess = z.object({ allowed: z.boolean() });

/** Served by each owner service: may the caller see live updates of this room? */
export function roomAccessRpc(service: ServiceName) {
  return defineRpc(service, 'roomAccess', RoomRef, RoomAccess);
}
