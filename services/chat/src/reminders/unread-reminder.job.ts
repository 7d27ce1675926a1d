import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { chatEvents, CONFIG, DATA_SOURCE, enqueueEvent, inTransaction, IntervalJob, LOGGER, ROSTER_PROFILE_SELECT, type ConversationKind, type Logger, type UserProfile } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { unreadCount } from '../common/sql';
import type { ChatConfig } from '../config';
import { PolicyService } from '../policy/policy.service';

const BATCH = 100;

interface DueRow extends UserProfile {
  totalUnread: number;
}

interface UnreadConversationRow {
  userId: string;
  id: string;
  kind: ConversationKind;
  title: string;
  unread: number;
  lastMessageAt: string;
  preview: string;
  sender: { id: string; firstName: string; lastName: string; role: string };
}

/**
 * `chat.v1.unread_reminder` for people who have unread messages in conversations they did not mute, have had no
 * connection at all for the school's delay, and got no reminder since those messages arrived (and none within the
 * delay). Notifications turns it into the `message_digest` email, by the recipient's preferences. All state is in
 * the database; a pass holds a transaction-level advisory lock, so two instances never remind twice.
 */
@Injectable()
export class UnreadReminderJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: IntervalJob<number>;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: ChatConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly policy: PolicyService,
  ) {
    this.job = new IntervalJob('chat-unread-reminders', () => this.runOnce(), this.logger, (count) => {
      if (count > 0) this.logger.info({ count }, 'chat unread reminders queued');
    });
  }

  onApplicationBootstrap(): void {
    this.job.start(this.config.CHAT_JOB_INTERVAL_SECONDS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  async runOnce(now: Date = new Date()): Promise<number> {
    const { unreadReminderMinutes } = await this.policy.current();
    return inTransaction(this.dataSource, async (db) => {
      const [lock] = await db.query<{ ok: boolean }[]>(`SELECT pg_try_advisory_xact_lock(hashtext('chat-unread-reminders')) AS ok`);
      if (!lock?.ok) return 0;
      const params = [now.toISOString(), unreadReminderMinutes, BATCH];
      const due = await db.query<DueRow[]>(
        `SELECT ${ROSTER_PROFILE_SELECT}, sum(${unreadCount('p', 'c')})::int AS "totalUnread"
         FROM "chat"."participants" p
         JOIN "chat"."conversations" c ON c.id = p.conversation_id
         JOIN "chat"."users" u ON u.id = p.user_id AND u.active
         LEFT JOIN "chat"."unread_reminders" r ON r.user_id = p.user_id
         WHERE p.left_at IS NULL AND NOT p.muted AND ${unreadCount('p', 'c')} > 0
           AND c.activity_at < $1::timestamptz - make_interval(mins => $2)
           AND (r.reminded_at IS NULL OR (r.reminded_at < c.activity_at AND r.reminded_at < $1::timestamptz - make_interval(mins => $2)))
           AND NOT EXISTS (SELECT 1 FROM "chat"."presence_connections" pc WHERE pc.user_id = p.user_id)
           AND NOT EXISTS (SELECT 1 FROM "chat"."user_presence" up WHERE up.user_id = p.user_id AND up.changed_at > $1::timestamptz - make_interval(mins => $2))
         GROUP BY u.id
         LIMIT $3`,
        params,
      );
      if (due.length === 0) return 0;
      const conversations = await db.query<UnreadConversationRow[]>(
        `SELECT p.user_id AS "userId", c.id, c.kind, c.title, ${unreadCount('p', 'c')} AS unread,
           to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastMessageAt",
           left(m.body, 140) AS preview,
           json_build_object('id', su.id, 'firstName', su.first_name, 'lastName', su.last_name, 'role', su.role) AS sender
         FROM "chat"."participants" p
         JOIN "chat"."conversations" c ON c.id = p.conversation_id
         JOIN LATERAL (SELECT * FROM "chat"."messages" lm WHERE lm.conversation_id = c.id AND lm.deleted_at IS NULL AND lm.sender_id <> p.user_id
                       ORDER BY lm.seq DESC LIMIT 1) m ON true
         JOIN "chat"."users" su ON su.id = m.sender_id
         WHERE p.user_id = ANY($1::uuid[]) AND p.left_at IS NULL AND NOT p.muted AND ${unreadCount('p', 'c')} > 0
         ORDER BY c.activity_at DESC`,
        [due.map((row) => row.id)],
      );
      for (const { totalUnread, ...recipient } of due) {
        const mine = conversations.filter((row) => row.userId === recipient.id).slice(0, 10);
        if (mine.length === 0) continue;
        await enqueueEvent(db, chatEvents.unreadReminder, {
          recipient,
          totalUnread,
          conversations: mine.map((row) => ({
            id: row.id,
            kind: row.kind,
            title: row.kind === 'direct' ? `${row.sender.firstName} ${row.sender.lastName}` : row.title,
            unread: row.unread,
            lastSender: row.sender,
            preview: row.preview,
            lastMessageAt: row.lastMessageAt,
          })),
          link: '/messages',
          remindedAt: now.toISOString(),
        });
        await db.query(
          `INSERT INTO "chat"."unread_reminders" (user_id, reminded_at) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET reminded_at = $2`,
          [recipient.id, now.toISOString()],
        );
      }
      return due.length;
    });
  }
}
