import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

export type FlagReason = 'device_reused' | 'outside_geofence' | 'network_not_allowed';

export interface FlagRow {
  id: string;
  session_id: string;
  student_id: string;
  reason: FlagReason;
  other_student_id: string | null;
  details: Record<string, unknown>;
  created_at: Date;
}

/** Device claims (one device, one student per session) and flagged attempts, always per session. */
@Injectable()
export class CheckInRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** The student the device is claimed by in this session: the caller when the claim is new or theirs. */
  async claimDevice(sessionId: string, deviceHash: string, studentId: string, db: EntityManager): Promise<string> {
    const inserted = await db.query<{ student_id: string }[]>(
      `INSERT INTO "attendance"."device_claims" (session_id, device_hash, student_id) VALUES ($1, $2, $3)
       ON CONFLICT (session_id, device_hash) DO NOTHING RETURNING student_id`,
      [sessionId, deviceHash, studentId],
    );
    if (inserted[0]) return inserted[0].student_id;
    const owner = await db.query<{ student_id: string }[]>(
      `SELECT student_id FROM "attendance"."device_claims" WHERE session_id = $1 AND device_hash = $2`,
      [sessionId, deviceHash],
    );
    return owner[0]!.student_id;
  }

  async flag(
    flag: { sessionId: string; studentId: string; reason: FlagReason; otherStudentId?: string | null; details?: Record<string, unknown> },
    db: EntityManager = this.dataSource.manager,
  ): Promise<FlagRow> {
    const rows = await db.query<FlagRow[]>(
      `INSERT INTO "attendance"."flags" (id, session_id, student_id, reason, other_student_id, details) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING *`,
      [randomUUID(), flag.sessionId, flag.studentId, flag.reason, flag.otherStudentId ?? null, JSON.stringify(flag.details ?? {})],
    );
    return rows[0]!;
  }

  async flagsForSession(sessionId: string): Promise<FlagRow[]> {
    return this.dataSource.query<FlagRow[]>(`SELECT * FROM "attendance"."flags" WHERE session_id = $1 ORDER BY created_at DESC`, [sessionId]);
  }

  async flagCountsBySession(sessionId: string): Promise<Map<string, number>> {
    const rows = await this.dataSource.query<{ student_id: string; count: number }[]>(
      `SELECT student_id, count(*)::int AS count FROM "attendance"."flags" WHERE session_id = $1 GROUP BY student_id`,
      [sessionId],
    );
    return new Map(rows.map((row) => [row.student_id, row.count]));
  }
}
