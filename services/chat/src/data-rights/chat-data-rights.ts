import { Inject, Injectable } from '@nestjs/common';
import { affected, queryRows, type UserDataRights } from '@tec/shared';
import type { EntityManager } from 'typeorm';
import { ATTACHMENT_STORAGE, type AttachmentStorage } from '../attachments/attachment-storage';

/** A message is a safeguarding copy while it is deleted within the retention window, or reported and not yet reviewed. */
const UNDER_REVIEW = `EXISTS (SELECT 1 FROM "chat"."reports" r WHERE r.message_id = m.id AND r.status = 'open')`;

/**
 * Chat's part. The user's messages stay in place as "Deleted user" entries (so other people's conversations keep
 * their shape) with the text, mentions and attachments removed. Safeguarding copies are the exception: a message
 * that was already deleted (kept for the admins' review) or has an open report keeps its text until the
 * safeguarding retention purges it (CHAT_SAFEGUARDING_RETENTION_DAYS after deletion): protecting children is a
 * legal duty of the school (GDPR Art. 17(3)(b) and (e)), and the window is short and configured. Reactions,
 * presence, reminders and parent links are deleted; memberships are ended; the roster copy is de-identified.
 */
@Injectable()
export class ChatDataRights implements UserDataRights {
  constructor(@Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage) {}

  readonly exportQueries = {
    profile: `SELECT id, email, first_name AS "firstName", last_name AS "lastName", role, active FROM "chat"."users" WHERE id = $1`,
    conversations: `SELECT c.id, c.kind, c.title, p.role, p.joined_at AS "joinedAt", p.left_at AS "leftAt", p.muted, p.archived
      FROM "chat"."participants" p JOIN "chat"."conversations" c ON c.id = p.conversation_id WHERE p.user_id = $1 ORDER BY p.joined_at`,
    messages: `SELECT id, conversation_id AS "conversationId", body, created_at AS "createdAt", edited_at AS "editedAt", deleted_at AS "deletedAt"
      FROM "chat"."messages" WHERE sender_id = $1 ORDER BY created_at, id`,
    attachments: `SELECT id, conversation_id AS "conversationId", file_name AS "fileName", mime_type AS "mimeType", size_bytes AS "sizeBytes", created_at AS "createdAt"
      FROM "chat"."attachments" WHERE uploader_id = $1 ORDER BY created_at`,
    reactions: `SELECT message_id AS "messageId", emoji, created_at AS "createdAt" FROM "chat"."reactions" WHERE user_id = $1 ORDER BY created_at`,
    reportsMade: `SELECT id, message_id AS "messageId", reason, status, created_at AS "createdAt" FROM "chat"."reports" WHERE reporter_id = $1 ORDER BY created_at`,
    presence: `SELECT status, changed_at AS "changedAt" FROM "chat"."user_presence" WHERE user_id = $1`,
  };

  async erase(userId: string, db: EntityManager): Promise<Record<string, number>> {
    const files = await queryRows<{ id: string; key: string; thumbnailKey: string | null }>(
      db,
      `SELECT a.id, a.stored_name AS key, a.thumbnail_stored_name AS "thumbnailKey" FROM "chat"."attachments" a
        LEFT JOIN "chat"."messages" m ON m.id = a.message_id
        WHERE a.uploader_id = $1 AND (m.id IS NULL OR NOT (m.deleted_at IS NOT NULL OR ${UNDER_REVIEW}))`,
      [userId],
    );
    const messagesRedacted = await affected(
      db,
      `UPDATE "chat"."messages" m SET body = '', mentions = '{}', attachment_id = NULL, deleted_at = now(), delete_reason = 'user_erased'
        WHERE m.sender_id = $1 AND m.deleted_at IS NULL AND NOT ${UNDER_REVIEW} RETURNING 1`,
      [userId],
    );
    // What is left undeleted is under review: it is hidden now and its retention window starts.
    const safeguardingCopiesKept = await affected(
      db,
      `UPDATE "chat"."messages" m SET deleted_at = now(), delete_reason = 'user_erased'
        WHERE m.sender_id = $1 AND m.deleted_at IS NULL RETURNING 1`,
      [userId],
    );
    for (const file of files) {
      await this.storage.remove(file.key);
      if (file.thumbnailKey) await this.storage.remove(file.thumbnailKey);
    }
    if (files.length) await db.query(`DELETE FROM "chat"."attachments" WHERE id = ANY($1::uuid[])`, [files.map((file) => file.id)]);
    return {
      messagesRedacted,
      safeguardingCopiesKept,
      attachmentsDeleted: files.length,
      reactionsDeleted: await affected(db, `DELETE FROM "chat"."reactions" WHERE user_id = $1 RETURNING 1`, [userId]),
      membershipsEnded: await affected(db, `UPDATE "chat"."participants" SET left_at = now() WHERE user_id = $1 AND left_at IS NULL RETURNING 1`, [userId]),
      presenceDeleted:
        (await affected(db, `DELETE FROM "chat"."presence_connections" WHERE user_id = $1 RETURNING 1`, [userId])) +
        (await affected(db, `DELETE FROM "chat"."user_presence" WHERE user_id = $1 RETURNING 1`, [userId])) +
        (await affected(db, `DELETE FROM "chat"."unread_reminders" WHERE user_id = $1 RETURNING 1`, [userId])) +
        (await affected(db, `DELETE FROM "chat"."flood_log" WHERE user_id = $1 RETURNING 1`, [userId])),
      parentLinksDeleted: await affected(db, `DELETE FROM "chat"."parent_links" WHERE parent_id = $1 OR student_id = $1 RETURNING 1`, [userId]),
      profilesDeidentified: await affected(
        db,
        `UPDATE "chat"."users" SET email = 'erased-' || id || '@erased.invalid', first_name = 'Deleted', last_name = 'user', date_of_birth = NULL, active = false, updated_at = now()
          WHERE id = $1 AND email <> 'erased-' || id || '@erased.invalid' RETURNING 1`,
        [userId],
      ),
    };
  }
}
