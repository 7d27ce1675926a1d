import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type Exemption, type StudentRef, iso, isoOrNull } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

export interface ExemptionRow {
  id: string;
  student_id: string;
  student: StudentRef;
  course_id: string;
  course_title: string;
  session_id: string;
  session_starts_at: Date;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  evidence_key: string | null;
  evidence_name: string | null;
  evidence_mime: string | null;
  evidence_size: number | null;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
}

const SELECT = `SELECT x.*, c.title AS course_title, s.starts_at AS session_starts_at,
    json_build_object('id', u.id, 'firstName', u.first_name, 'lastName', u.last_name, 'email', u.email) AS student
  FROM "attendance"."exemptions" x JOIN "attendance"."courses" c ON c.id = x.course_id
  JOIN "attendance"."sessions" s ON s.id = x.session_id JOIN "attendance"."users" u ON u.id = x.student_id`;

export function toExemption(row: ExemptionRow): Exemption {
  return {
    id: row.id,
    student: row.student,
    courseId: row.course_id,
    courseTitle: row.course_title,
    sessionId: row.session_id,
    sessionStartsAt: iso(row.session_starts_at),
    reason: row.reason,
    status: row.status,
    evidence: row.evidence_key ? { fileName: row.evidence_name!, mimeType: row.evidence_mime!, sizeBytes: row.evidence_size! } : null,
    requestedBy: row.requested_by,
    requestedAt: iso(row.requested_at),
    decidedBy: row.decided_by,
    decidedAt: isoOrNull(row.decided_at),
    decisionNote: row.decision_note,
  };
}

@Injectable()
export class ExemptionsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** False when the student already has an open or approved request for the session. */
  async insert(
    row: { id: string; studentId: string; courseId: string; sessionId: string; reason: string; requestedBy: string; evidence: { key: string; name: string; mime: string; size: number } | null },
    db: EntityManager,
  ): Promise<boolean> {
    const inserted = await db.query(
      `INSERT INTO "attendance"."exemptions" (id, student_id, course_id, session_id, reason, requested_by, evidence_key, evidence_name, evidence_mime, evidence_size)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id`,
      [row.id, row.studentId, row.courseId, row.sessionId, row.reason, row.requestedBy, row.evidence?.key ?? null, row.evidence?.name ?? null,
        row.evidence?.mime ?? null, row.evidence?.size ?? null],
    );
    return inserted.length > 0;
  }

  async findById(id: string, db: EntityManager = this.dataSource.manager, lock = false): Promise<ExemptionRow | null> {
    const rows = await db.query<ExemptionRow[]>(`${SELECT} WHERE x.id = $1${lock ? ' FOR UPDATE OF x' : ''}`, [id]);
    return rows[0] ?? null;
  }

  /** Scoped: some students (a student's own, a parent's children), some courses, or everything (both null: admins). */
  async list(scope: { studentIds: string[] | null; courseIds: string[] | null }, status: string | undefined, limit: number): Promise<ExemptionRow[]> {
    return this.dataSource.query<ExemptionRow[]>(
      `${SELECT} WHERE ($1::uuid[] IS NULL OR x.student_id = ANY($1::uuid[])) AND ($2::uuid[] IS NULL OR x.course_id = ANY($2::uuid[]))
         AND ($3::text IS NULL OR x.status = $3) ORDER BY x.requested_at DESC LIMIT $4`,
      [scope.studentIds, scope.courseIds, status ?? null, limit],
    );
  }

  async decide(id: string, decision: 'approved' | 'rejected', decidedBy: string | null, note: string | null, db: EntityManager): Promise<void> {
    await db.query(
      `UPDATE "attendance"."exemptions" SET status = $2, decided_by = $3, decided_at = now(), decision_note = $4 WHERE id = $1`,
      [id, decision, decidedBy, note],
    );
  }
}
