import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type AttendanceStatus, type MarkingMethod, type StudentRef } from '@tec/shared';
import type { DataSource } from 'typeorm';

export interface AuditRow {
  id: string;
  session_id: string;
  session_starts_at: Date;
  course_id: string;
  student: StudentRef;
  from_status: AttendanceStatus | null;
  to_status: AttendanceStatus;
  method: MarkingMethod;
  actor_id: string | null;
  actor_name: string | null;
  note: string | null;
  at: Date;
}

/** The audit trail, newest first, always within one session or one course. */
@Injectable()
export class TrailRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async list(scope: { sessionId?: string; courseId: string; studentId?: string }, before: string | undefined, limit: number): Promise<AuditRow[]> {
    return this.dataSource.query<AuditRow[]>(
      `SELECT a.id::text AS id, a.session_id, s.starts_at AS session_starts_at, a.course_id,
              json_build_object('id', u.id, 'firstName', u.first_name, 'lastName', u.last_name, 'email', u.email) AS student,
              a.from_status, a.to_status, a.method, a.actor_id, NULLIF(concat_ws(' ', actor.first_name, actor.last_name), '') AS actor_name,
              a.note, a.at
         FROM "attendance"."audit" a
         JOIN "attendance"."sessions" s ON s.id = a.session_id
         JOIN "attendance"."users" u ON u.id = a.student_id
         LEFT JOIN "attendance"."users" actor ON actor.id = a.actor_id
        WHERE a.course_id = $1 AND ($2::uuid IS NULL OR a.session_id = $2) AND ($3::uuid IS NULL OR a.student_id = $3)
          AND ($4::bigint IS NULL OR a.id < $4)
        ORDER BY a.id DESC LIMIT $5`,
      [scope.courseId, scope.sessionId ?? null, scope.studentId ?? null, before ?? null, limit],
    );
  }
}
