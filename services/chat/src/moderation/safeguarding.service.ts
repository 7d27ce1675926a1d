import { Injectable } from '@nestjs/common';
import { decodeCursor, DomainError, encodeCursor, type AuthContext, type chatRpc, type Role, type RpcParsedRequest, type SafeguardingMessage } from '@tec/shared';
import { requireUser } from '../conversations/conversation-access';
import { toSafeguardingMessage } from '../messages/message.mapper';
import { RosterRepository } from '../roster/roster.repository';
import { SafeguardingRepository } from './safeguarding.repository';

type Request = RpcParsedRequest<(typeof chatRpc)['safeguardingMessages']>;

// What this endpoint itself puts in a cursor: UTC to the microsecond, and a UUID. Anything else was not made here.
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The position a cursor stands for; VALIDATION_FAILED for a cursor that this endpoint did not make. */
export function readSafeguardingCursor(cursor: string | undefined): { at: string; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const position = decodeCursor(cursor);
  if (!position || !CURSOR_AT.test(position.at) || !CURSOR_ID.test(position.id)) {
    throw DomainError.validation([{ path: 'cursor', message: 'not a cursor from this list: start again from the first page' }]);
  }
  return position;
}

/**
 * The admins' safeguarding review: every message with its text, deleted ones too (who deleted them and why), and
 * the conversation it was sent in. Teachers moderate through the report queue and never see this.
 */
@Injectable()
export class SafeguardingService {
  constructor(
    private readonly review: SafeguardingRepository,
    private readonly roster: RosterRepository,
  ) {}

  async list(auth: AuthContext, request: Request): Promise<{ items: SafeguardingMessage[]; nextCursor: string | null; hasMore: boolean }> {
    const user = requireUser(auth);
    if (user.role !== 'admin') throw DomainError.forbidden('The safeguarding review is for admins');
    const page = await this.review.page(user.userId, {
      conversationId: request.conversationId,
      senderId: request.senderId,
      courseId: request.courseId,
      from: request.from,
      to: request.to,
      onlyDeleted: request.onlyDeleted,
      after: readSafeguardingCursor(request.cursor),
      limit: request.limit,
    });
    const deleterIds = [...new Set(page.rows.map((row) => row.deletedBy).filter((id): id is string => id !== null))];
    const deleters = new Map((await this.roster.findUsers(deleterIds)).map((person) => [person.id, { id: person.id, firstName: person.firstName, lastName: person.lastName, role: person.role as Role }]));
    const last = page.rows[page.rows.length - 1];
    const nextCursor = page.hasMore && last ? encodeCursor(last.cursorAt, last.id) : null;
    return {
      items: page.rows.map((row) =>
        toSafeguardingMessage(row, deleters, { id: row.conversationId, kind: row.conversationKind, title: row.conversationTitle, course: row.course, viewerIsMember: row.viewerIsMember }),
      ),
      nextCursor,
      hasMore: nextCursor !== null,
    };
  }
}
