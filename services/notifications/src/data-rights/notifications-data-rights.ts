import { Injectable } from '@nestjs/common';
import { affected, type UserDataRights } from '@tec/shared';
import type { EntityManager } from 'typeorm';

/** The form an erased address keeps in the suppression list: enough to keep refusing it, not enough to read it. */
export const SUPPRESSION_HASH_SQL = (param: string) => `'sha256:' || encode(sha256(convert_to(lower(${param}), 'UTF8')), 'hex')`;

/**
 * Notifications' part. Erasure: in-app notifications, digest items, preferences and quiet hours are deleted;
 * emails not yet sent are cancelled (deleted); the email log of sent mail is kept for delivery statistics but
 * de-identified (address, name, template data, subject and provider detail removed); a suppression of the
 * address is kept only as a SHA-256 hash, so an address that bounced or unsubscribed is still never mailed
 * (honouring the objection needs that much, GDPR Art. 21 and the ePrivacy rules) while the address itself is gone.
 * The user's read-model row is de-identified and deactivated, so nothing more is sent to them.
 */
@Injectable()
export class NotificationsDataRights implements UserDataRights {
  readonly exportQueries = {
    profile: `SELECT id, email, first_name AS "firstName", last_name AS "lastName", role, timezone, locale, active FROM "notifications"."users" WHERE id = $1`,
    preferences: `SELECT category, channel, mode, updated_at AS "updatedAt" FROM "notifications"."preferences" WHERE user_id = $1 ORDER BY category, channel`,
    quietHours: `SELECT quiet_enabled AS "enabled", quiet_start AS "start", quiet_end AS "end", updated_at AS "updatedAt" FROM "notifications"."user_settings" WHERE user_id = $1`,
    notifications: `SELECT id, category, title, body, link, read_at AS "readAt", created_at AS "createdAt" FROM "notifications"."notifications" WHERE user_id = $1 ORDER BY created_at`,
    digestItems: `SELECT id, channel, period, category, title, body, link, created_at AS "createdAt" FROM "notifications"."digest_items" WHERE user_id = $1 ORDER BY created_at`,
    emailDeliveries: `SELECT id, recipient_email AS "to", template_name AS "template", subject, status, attempts, sent_at AS "sentAt", delivered_at AS "deliveredAt",
        opened_at AS "openedAt", clicked_at AS "clickedAt", error_code AS "errorCode", created_at AS "createdAt"
      FROM "notifications"."email_deliveries" WHERE user_id = $1 ORDER BY created_at`,
    deliveryEvents: `SELECT e.delivery_id AS "deliveryId", e.type, e.at FROM "notifications"."delivery_events" e
      JOIN "notifications"."email_deliveries" d ON d.id = e.delivery_id WHERE d.user_id = $1 ORDER BY e.at, e.id`,
    suppressions: `SELECT s.reason, s.created_at AS "createdAt" FROM "notifications"."suppressions" s
      JOIN "notifications"."users" u ON s.email = lower(u.email) WHERE u.id = $1`,
  };

  async erase(userId: string, db: EntityManager): Promise<Record<string, number>> {
    const suppressionsHashed = await affected(
      db,
      `UPDATE "notifications"."suppressions" s SET email = ${SUPPRESSION_HASH_SQL('s.email')}, detail = NULL
        FROM "notifications"."users" u WHERE u.id = $1 AND s.email = lower(u.email)
          AND NOT EXISTS (SELECT 1 FROM "notifications"."suppressions" h WHERE h.email = ${SUPPRESSION_HASH_SQL('s.email')})
        RETURNING 1`,
      [userId],
    );
    await db.query(`DELETE FROM "notifications"."suppressions" s USING "notifications"."users" u WHERE u.id = $1 AND s.email = lower(u.email)`, [userId]);
    return {
      suppressionsHashed,
      notificationsDeleted: await affected(db, `DELETE FROM "notifications"."notifications" WHERE user_id = $1 RETURNING 1`, [userId]),
      digestItemsDeleted: await affected(db, `DELETE FROM "notifications"."digest_items" WHERE user_id = $1 RETURNING 1`, [userId]),
      preferencesDeleted:
        (await affected(db, `DELETE FROM "notifications"."preferences" WHERE user_id = $1 RETURNING 1`, [userId])) +
        (await affected(db, `DELETE FROM "notifications"."user_settings" WHERE user_id = $1 RETURNING 1`, [userId])),
      pendingEmailsCancelled: await affected(db, `DELETE FROM "notifications"."email_deliveries" WHERE user_id = $1 AND status = 'pending' RETURNING 1`, [userId]),
      emailLogsDeidentified: await affected(
        db,
        `UPDATE "notifications"."email_deliveries" SET recipient_email = 'erased@erased.invalid', recipient_name = '', template_data = '{}', subject = '',
                error_message = NULL, updated_at = now()
          WHERE user_id = $1 AND recipient_email <> 'erased@erased.invalid' RETURNING 1`,
        [userId],
      ),
      deliveryEventsDeidentified: await affected(
        db,
        `UPDATE "notifications"."delivery_events" e SET detail = NULL FROM "notifications"."email_deliveries" d
          WHERE d.id = e.delivery_id AND d.user_id = $1 AND e.detail IS NOT NULL RETURNING 1`,
        [userId],
      ),
      profilesDeidentified: await affected(
        db,
        `UPDATE "notifications"."users" SET email = 'erased-' || id || '@erased.invalid', first_name = 'Deleted', last_name = 'user', date_of_birth = NULL, active = false, updated_at = now()
          WHERE id = $1 AND email <> 'erased-' || id || '@erased.invalid' RETURNING 1`,
        [userId],
      ),
    };
  }
}
