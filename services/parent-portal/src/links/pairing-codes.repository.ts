import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type PairingCodeInfo } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

const T = '"parent_portal"';

const INFO_SELECT = `SELECT id, student_id AS "studentId", created_by AS "createdBy",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "expiresAt", hint
  FROM ${T}."pairing_codes"`;

/** Pairing codes (stored only as keyed hashes) and the per-parent redemption throttle. */
@Injectable()
export class PairingCodesRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Serialises code creation per student, so the active limit holds under concurrent requests. */
  async lockStudent(studentId: string, db: EntityManager): Promise<void> {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('parent_portal.codes'), hashtext($1))`, [studentId]);
  }

  async countActive(studentId: string, now: Date, db: EntityManager): Promise<number> {
    const rows = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM ${T}."pairing_codes" WHERE student_id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2`,
      [studentId, now],
    );
    return rows[0]?.count ?? 0;
  }

  /** False when the hash collides with an existing code (the caller draws another). */
  async insert(code: { id: string; studentId: string; hash: Buffer; hint: string; createdBy: string; expiresAt: Date }, db: EntityManager): Promise<boolean> {
    const rows = await db.query(
      `INSERT INTO ${T}."pairing_codes" (id, student_id, code_hash, hint, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (code_hash) DO NOTHING RETURNING id`,
      [code.id, code.studentId, code.hash, code.hint, code.createdBy, code.expiresAt],
    );
    return rows.length > 0;
  }

  async info(codeId: string, db: EntityManager): Promise<PairingCodeInfo> {
    const rows = await db.query<PairingCodeInfo[]>(`${INFO_SELECT} WHERE id = $1`, [codeId]);
    return rows[0]!;
  }

  async listActive(studentId: string, now: Date): Promise<PairingCodeInfo[]> {
    return this.dataSource.query<PairingCodeInfo[]>(
      `${INFO_SELECT} WHERE student_id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at DESC`,
      [studentId, now],
    );
  }

  /** Revokes an unused code of this student (the owner is in the WHERE). */
  async revoke(codeId: string, studentId: string | null): Promise<boolean> {
    const result = await this.dataSource.query(
      `UPDATE ${T}."pairing_codes" SET revoked_at = now() WHERE id = $1 AND ($2::uuid IS NULL OR student_id = $2) AND used_at IS NULL AND revoked_at IS NULL RETURNING id`,
      [codeId, studentId],
    );
    return (Array.isArray(result[0]) ? result[0] : result).length > 0;
  }

  async studentOf(codeId: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ student_id: string }[]>(`SELECT student_id FROM ${T}."pairing_codes" WHERE id = $1`, [codeId]);
    return rows[0]?.student_id ?? null;
  }

  /** Uses the code if it is valid now: single use even under concurrent redemptions (one UPDATE wins). */
  async consume(hash: Buffer, parentId: string, now: Date, db: EntityManager): Promise<{ id: string; student_id: string } | null> {
    const result = await db.query(
      `UPDATE ${T}."pairing_codes" SET used_at = $3, used_by = $2
        WHERE code_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $3 RETURNING id, student_id`,
      [hash, parentId, now],
    );
    const rows = (Array.isArray(result[0]) ? result[0] : result) as { id: string; student_id: string }[];
    return rows[0] ?? null;
  }

  /** Locked until, when this parent is locked out now. */
  async lockedUntil(parentId: string, now: Date): Promise<Date | null> {
    const rows = await this.dataSource.query<{ locked_until: Date | null }[]>(
      `SELECT locked_until FROM ${T}."redeem_throttle" WHERE parent_id = $1 AND locked_until > $2`,
      [parentId, now],
    );
    return rows[0]?.locked_until ?? null;
  }

  /**
   * Counts a failed redemption in its own committed statement (the request then fails, so it must not roll back).
   * A fresh window starts when the last one is over; reaching `maxFailures` locks the account until the window ends.
   */
  async recordFailure(parentId: string, now: Date, windowMinutes: number, maxFailures: number): Promise<{ failures: number; lockedUntil: Date | null }> {
    const rows = await this.dataSource.query<{ failures: number; locked_until: Date | null }[]>(
      `INSERT INTO ${T}."redeem_throttle" AS r (parent_id, failures, window_started_at) VALUES ($1, 1, $2)
       ON CONFLICT (parent_id) DO UPDATE SET
         failures = CASE WHEN r.window_started_at + make_interval(mins => $3) <= $2 THEN 1 ELSE r.failures + 1 END,
         window_started_at = CASE WHEN r.window_started_at + make_interval(mins => $3) <= $2 THEN $2 ELSE r.window_started_at END
       RETURNING failures, locked_until`,
      [parentId, now, windowMinutes],
    );
    const row = rows[0]!;
    if (row.failures >= maxFailures) {
      const until = new Date(now.getTime() + windowMinutes * 60_000);
      await this.dataSource.query(`UPDATE ${T}."redeem_throttle" SET locked_until = $2, failures = 0, window_started_at = $2 WHERE parent_id = $1`, [
        parentId,
        until,
      ]);
      return { failures: row.failures, lockedUntil: until };
    }
    return { failures: row.failures, lockedUntil: null };
  }
}
