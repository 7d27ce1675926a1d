import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { AuthSessionEntity } from './auth-session.entity';
import { RefreshTokenEntity } from './refresh-token.entity';

export interface PresentedRefreshToken {
  tokenId: string;
  sessionId: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
  sessionRevokedAt: Date | null;
}

export type RevokeReason = 'logout' | 'reuse' | 'account_changed' | 'inactive';

@Injectable()
export class AuthSessionsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async createForUser(
    userId: string,
    session: { id: string; userAgent: string | null; ip: string | null },
    db: EntityManager,
  ): Promise<void> {
    await db.insert(AuthSessionEntity, { ...session, userId, lastUsedAt: new Date() });
  }

  async addRefreshToken(
    sessionId: string,
    token: { id: string; tokenHash: Buffer; expiresAt: Date },
    db: EntityManager,
  ): Promise<void> {
    await db.insert(RefreshTokenEntity, { ...token, sessionId });
  }

  /**
   * Finds a presented token by its hash and locks it: two concurrent refreshes with the same token serialise
   * here, and the second one sees `used_at` set (reuse).
   */
  async findByHashForUpdate(tokenHash: Buffer, db: EntityManager): Promise<PresentedRefreshToken | null> {
    const rows = await db.query<PresentedRefreshToken[]>(
      `SELECT t.id AS "tokenId", t.session_id AS "sessionId", s.user_id AS "userId", t.expires_at AS "expiresAt",
              t.used_at AS "usedAt", s.revoked_at AS "sessionRevokedAt"
         FROM "core"."refresh_tokens" t
         JOIN "core"."auth_sessions" s ON s.id = t.session_id
        WHERE t.token_hash = $1
        FOR UPDATE OF t`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async markUsed(sessionId: string, tokenId: string, db: EntityManager): Promise<void> {
    await db.update(RefreshTokenEntity, { id: tokenId, sessionId }, { usedAt: new Date() });
  }

  async touch(sessionId: string, client: { userAgent: string | null; ip: string | null }, db: EntityManager): Promise<void> {
    await db.update(AuthSessionEntity, { id: sessionId }, { lastUsedAt: new Date(), ...client });
  }

  async revoke(sessionId: string, reason: RevokeReason, db: EntityManager = this.dataSource.manager): Promise<void> {
    await db.query(
      `UPDATE "core"."auth_sessions" SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    );
  }

  async revokeAllForUser(userId: string, reason: RevokeReason, db: EntityManager = this.dataSource.manager): Promise<void> {
    await db.query(
      `UPDATE "core"."auth_sessions" SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, reason],
    );
  }

  async isActiveForUser(userId: string, sessionId: string, db: EntityManager = this.dataSource.manager): Promise<boolean> {
    const session = await db.findOneBy(AuthSessionEntity, { id: sessionId, userId });
    return session !== null && session.revokedAt === null;
  }
}
