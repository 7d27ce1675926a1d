import { Injectable } from '@nestjs/common';
import type { Socket } from 'socket.io';
import {
  currentCorrelationId,
  DomainError,
  ERROR_HTTP_STATUS,
  isDomainError,
  parseOrThrow,
  ROOM_OWNERS,
  roomAccessRpc,
  RoomRef,
  RpcClient,
  runWithContext,
  newCorrelationId,
  type ErrorBody,
  type UserAuthContext,
} from '@tec/shared';

export type RoomAck = { ok: true; room: string } | { ok: false; error: ErrorBody };

/** A socket may follow at most this many object rooms at once (a teacher's projector, a chat list, a class). */
const MAX_ROOMS_PER_SOCKET = 50;

/**
 * Joins sockets to object rooms (`course:<id>`, `session:<id>`, `conversation:<id>`, `class:<id>`) only after the
 * service that owns the object says the caller may see it. The gateway decides nothing about the object itself.
 */
@Injectable()
export class RoomAuthorizer {
  constructor(private readonly rpc: RpcClient) {}

  join(socket: Socket, auth: UserAuthContext, body: unknown): Promise<RoomAck> {
    return this.acknowledge(async () => {
      const room = parseOrThrow(RoomRef, body, 'room');
      const name = `${room.kind}:${room.id}`;
      if (socket.rooms.has(name)) return name;
      if (socket.rooms.size > MAX_ROOMS_PER_SOCKET) throw new DomainError('CONFLICT', 'Too many rooms on this connection');
      const { allowed } = await this.rpc.call(roomAccessRpc(ROOM_OWNERS[room.kind]), room, auth);
      if (!allowed) throw DomainError.forbidden('You cannot follow this');
      await socket.join(name);
      return name;
    });
  }

  leave(socket: Socket, body: unknown): Promise<RoomAck> {
    return this.acknowledge(async () => {
      const room = parseOrThrow(RoomRef, body, 'room');
      const name = `${room.kind}:${room.id}`;
      await socket.leave(name);
      return name;
    });
  }

  private acknowledge(work: () => Promise<string>): Promise<RoomAck> {
    return runWithContext({ correlationId: newCorrelationId() }, async () => {
      try {
        return { ok: true as const, room: await work() };
      } catch (error) {
        const domain = isDomainError(error) ? error : new DomainError('INTERNAL', 'Something went wrong on our side');
        return {
          ok: false as const,
          error: { statusCode: ERROR_HTTP_STATUS[domain.code], code: domain.code, message: domain.message, details: domain.details, correlationId: currentCorrelationId() },
        };
      }
    });
  }
}
