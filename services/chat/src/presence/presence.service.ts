import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, DATA_SOURCE, DomainError, IntervalJob, LOGGER, type AuthContext, type chatRpc, type Logger, type PresenceStatus, type RpcParsedRequest } from '@tec/shared';
import type { DataSource } from 'typeorm';
import type { ChatConfig } from '../config';
import { requireUser } from '../conversations/conversation-access';
import { ConversationsRepository } from '../conversations/conversations.repository';
import { ChatPush } from '../realtime/chat-push';

type Req<K extends keyof typeof chatRpc> = RpcParsedRequest<(typeof chatRpc)[K]>;

/** Presence goes to at most this many of a person's most active conversations. */
const PRESENCE_ROOMS = 50;

/**
 * Presence across tabs, devices and gateway instances. Each gateway reports its socket connections
 * (`presenceReport`: connected, idle, active again, gone) and sends a heartbeat with the ids it still holds.
 * A person is online when any connection is online, idle when all are idle, offline when none is left. A gateway
 * that dies stops heartbeating; the sweep removes its connections after CHAT_PRESENCE_STALE_SECONDS. Only a change
 * of a person's status is pushed (`user_online`), to the rooms of their conversations.
 */
@Injectable()
export class PresenceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweepJob: IntervalJob<number>;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: ChatConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly conversations: ConversationsRepository,
    private readonly push: ChatPush,
  ) {
    this.sweepJob = new IntervalJob('chat-presence-sweep', () => this.sweep(), this.logger);
  }

  onApplicationBootstrap(): void {
    this.sweepJob.start(this.config.CHAT_JOB_INTERVAL_SECONDS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.sweepJob.stop();
  }

  async report(auth: AuthContext, request: Req<'presenceReport'>): Promise<{ ok: true }> {
    this.requireGateway(auth);
    // Set-based: a reconnect storm of a thousand sockets is two statements, not two thousand.
    const gone = request.changes.filter((change) => change.status === 'offline');
    const live = request.changes.filter((change) => change.status !== 'offline');
    if (gone.length > 0) {
      await this.dataSource.query(`DELETE FROM "chat"."presence_connections" WHERE connection_id = ANY($1::text[])`, [gone.map((change) => change.connectionId)]);
    }
    if (live.length > 0) {
      await this.dataSource.query(
        `INSERT INTO "chat"."presence_connections" (connection_id, gateway_id, user_id, status, last_seen_at)
         SELECT c.connection_id, $1, c.user_id, c.status, now() FROM unnest($2::text[], $3::uuid[], $4::text[]) AS c(connection_id, user_id, status)
         ON CONFLICT (connection_id) DO UPDATE SET status = EXCLUDED.status, last_seen_at = now()`,
        [request.gatewayId, live.map((change) => change.connectionId), live.map((change) => change.userId), live.map((change) => change.status)],
      );
    }
    await this.recompute([...new Set(request.changes.map((change) => change.userId))]);
    return { ok: true };
  }

  /** Returns the ids this service did not know (the gateway re-reports them, e.g. after they were swept). */
  async heartbeat(auth: AuthContext, request: Req<'presenceHeartbeat'>): Promise<{ unknown: string[] }> {
    this.requireGateway(auth);
    if (request.connectionIds.length === 0) return { unknown: [] };
    const rows = await this.dataSource.query<[{ connection_id: string }[], number]>(
      `UPDATE "chat"."presence_connections" SET last_seen_at = now() WHERE connection_id = ANY($1::text[]) RETURNING connection_id`,
      [request.connectionIds],
    );
    const known = new Set(rows[0].map((row) => row.connection_id));
    return { unknown: request.connectionIds.filter((id) => !known.has(id)) };
  }

  /** People who share a conversation with the caller (presence is not shown to strangers). */
  async get(auth: AuthContext, request: Req<'presenceGet'>) {
    const user = requireUser(auth);
    const rows = await this.dataSource.query<{ userId: string; status: PresenceStatus; lastSeenAt: string | null }[]>(
      `SELECT t.id AS "userId", COALESCE(up.status, 'offline') AS status,
         to_char(up.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastSeenAt"
       FROM unnest($2::uuid[]) AS t(id) LEFT JOIN "chat"."user_presence" up ON up.user_id = t.id
       WHERE t.id = $1 OR EXISTS (SELECT 1 FROM "chat"."participants" a JOIN "chat"."participants" b ON b.conversation_id = a.conversation_id AND b.left_at IS NULL
                                  WHERE a.user_id = $1 AND a.left_at IS NULL AND b.user_id = t.id)`,
      [user.userId, request.userIds],
    );
    return { items: rows };
  }

  /** Removes connections no gateway vouched for recently; returns how many people changed status. */
  async sweep(): Promise<number> {
    const rows = await this.dataSource.query<[{ user_id: string }[], number]>(
      `DELETE FROM "chat"."presence_connections" WHERE last_seen_at < now() - make_interval(secs => $1) RETURNING user_id`,
      [this.config.CHAT_PRESENCE_STALE_SECONDS],
    );
    return this.recompute([...new Set(rows[0].map((row) => row.user_id))]);
  }

  async isOnline(userId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM "chat"."presence_connections" WHERE user_id = $1 LIMIT 1`, [userId]);
    return rows.length > 0;
  }

  /** Recomputes each person's status from their connections in one statement; pushes only real changes. */
  private async recompute(userIds: string[]): Promise<number> {
    if (userIds.length === 0) return 0;
    const changed = await this.dataSource.query<{ userId: string; status: PresenceStatus }[]>(
      `WITH computed AS (
         SELECT t.id AS user_id,
           CASE WHEN bool_or(pc.status = 'online') THEN 'online' WHEN count(pc.connection_id) > 0 THEN 'idle' ELSE 'offline' END AS status
         FROM unnest($1::uuid[]) AS t(id) LEFT JOIN "chat"."presence_connections" pc ON pc.user_id = t.id GROUP BY t.id
       ), previous AS (
         SELECT c.user_id, COALESCE(up.status, 'offline') AS status FROM computed c LEFT JOIN "chat"."user_presence" up ON up.user_id = c.user_id
       ), upserted AS (
         INSERT INTO "chat"."user_presence" (user_id, status, changed_at) SELECT c.user_id, c.status, now() FROM computed c
         JOIN previous p ON p.user_id = c.user_id WHERE p.status <> c.status
         ON CONFLICT (user_id) DO UPDATE SET status = EXCLUDED.status, changed_at = now()
         RETURNING user_id, status
       )
       SELECT user_id AS "userId", status FROM upserted`,
      [userIds],
    );
    if (changed.length === 0) return 0;
    const rooms = await this.conversations.conversationIdsOfMany(changed.map((row) => row.userId), PRESENCE_ROOMS);
    for (const { userId, status } of changed) {
      for (const conversationId of rooms.get(userId) ?? []) this.push.toConversation(conversationId, 'user_online', { userId, status });
      this.push.toUser(userId, 'user_online', { userId, status });
    }
    return changed.length;
  }

  private requireGateway(auth: AuthContext): void {
    if (auth.kind !== 'service' || auth.service !== 'gateway') throw DomainError.forbidden('For the gateway only');
  }
}
