import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, DEFAULT_ALERT_SETTINGS, type AlertSettings, type AlertType, type ParentAlert } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

const T = '"parent_portal"';

export interface NewAlert {
  id: string;
  parentId: string;
  studentId: string;
  type: AlertType;
  courseId: string | null;
  title: string;
  message: string;
  value: number | null;
  threshold: number | null;
  subject: ParentAlert['subject'];
}

export const ALERT_SELECT = `SELECT a.id,
    json_build_object('id', s.id, 'firstName', s.first_name, 'lastName', s.last_name, 'email', s.email) AS child,
    a.type,
    CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('id', c.id, 'code', c.code, 'title', c.title) END AS course,
    a.title, a.message, a.value::float8 AS value, a.threshold::float8 AS threshold, a.subject,
    to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
    to_char(a.read_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "readAt"
  FROM ${T}."alerts" a JOIN ${T}."users" s ON s.id = a.student_id LEFT JOIN ${T}."courses" c ON c.id = a.course_id`;

/** Alerts, their per-parent-per-child settings, and the crossing memory (`alert_state`). Every call names the parent. */
@Injectable()
export class AlertsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Settings of each of these parents about one child (defaults where none were saved). */
  async settingsFor(parentIds: string[], studentId: string, db: EntityManager): Promise<Map<string, AlertSettings>> {
    const rows = await db.query<{ parent_id: string; settings: AlertSettings }[]>(
      `SELECT parent_id, settings FROM ${T}."alert_settings" WHERE student_id = $1 AND parent_id = ANY($2::uuid[])`,
      [studentId, parentIds],
    );
    const saved = new Map(rows.map((row) => [row.parent_id, row.settings]));
    return new Map(parentIds.map((id) => [id, saved.get(id) ?? DEFAULT_ALERT_SETTINGS]));
  }

  async getSettings(parentId: string, studentId: string): Promise<{ settings: AlertSettings; isDefault: boolean }> {
    const rows = await this.dataSource.query<{ settings: AlertSettings }[]>(
      `SELECT settings FROM ${T}."alert_settings" WHERE parent_id = $1 AND student_id = $2`,
      [parentId, studentId],
    );
    return rows[0] ? { settings: rows[0].settings, isDefault: false } : { settings: DEFAULT_ALERT_SETTINGS, isDefault: true };
  }

  async saveSettings(parentId: string, studentId: string, settings: AlertSettings): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${T}."alert_settings" (parent_id, student_id, settings) VALUES ($1, $2, $3)
       ON CONFLICT (parent_id, student_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now()`,
      [parentId, studentId, JSON.stringify(settings)],
    );
  }

  /**
   * Records whether a watched condition holds now and answers whether it just started to hold (a crossing).
   * The row is created first and then locked, so two consumers evaluating one condition at once serialise.
   */
  async cross(parentId: string, studentId: string, condition: string, crossed: boolean, value: number | null, db: EntityManager): Promise<boolean> {
    await db.query(`INSERT INTO ${T}."alert_state" (parent_id, student_id, condition) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [parentId, studentId, condition]);
    const rows = await db.query<{ crossed: boolean }[]>(
      `SELECT crossed FROM ${T}."alert_state" WHERE parent_id = $1 AND student_id = $2 AND condition = $3 FOR UPDATE`,
      [parentId, studentId, condition],
    );
    const before = rows[0]?.crossed ?? false;
    if (before !== crossed || value !== null) {
      await db.query(`UPDATE ${T}."alert_state" SET crossed = $4, value = $5, updated_at = now() WHERE parent_id = $1 AND student_id = $2 AND condition = $3`, [
        parentId,
        studentId,
        condition,
        crossed,
        value,
      ]);
    }
    return crossed && !before;
  }

  async insert(alert: NewAlert, db: EntityManager): Promise<void> {
    await db.query(
      `INSERT INTO ${T}."alerts" (id, parent_id, student_id, type, course_id, title, message, value, threshold, subject)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [alert.id, alert.parentId, alert.studentId, alert.type, alert.courseId, alert.title, alert.message, alert.value, alert.threshold, alert.subject ? JSON.stringify(alert.subject) : null],
    );
  }

  /** A parent's alerts about their active children only (a revoked link hides its alerts too). */
  async list(
    parentId: string,
    filter: { studentId?: string; type?: AlertType; unreadOnly: boolean; limit: number; before?: string },
  ): Promise<ParentAlert[]> {
    return this.dataSource.query<ParentAlert[]>(
      `${ALERT_SELECT}
        WHERE a.parent_id = $1
          AND EXISTS (SELECT 1 FROM ${T}."links" l WHERE l.parent_id = a.parent_id AND l.student_id = a.student_id AND l.active)
          AND ($2::uuid IS NULL OR a.student_id = $2) AND ($3::text IS NULL OR a.type = $3)
          AND (NOT $4 OR a.read_at IS NULL) AND ($5::timestamptz IS NULL OR a.created_at < $5)
        ORDER BY a.created_at DESC, a.id DESC LIMIT $6`,
      [parentId, filter.studentId ?? null, filter.type ?? null, filter.unreadOnly, filter.before ?? null, filter.limit],
    );
  }

  async unreadCount(parentId: string, studentId: string | null): Promise<number> {
    const rows = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM ${T}."alerts" a
        WHERE a.parent_id = $1 AND a.read_at IS NULL AND ($2::uuid IS NULL OR a.student_id = $2)
          AND EXISTS (SELECT 1 FROM ${T}."links" l WHERE l.parent_id = a.parent_id AND l.student_id = a.student_id AND l.active)`,
      [parentId, studentId],
    );
    return rows[0]?.count ?? 0;
  }

  async markRead(parentId: string, target: { alertIds: string[] } | { studentId: string | null }): Promise<number> {
    const active = `EXISTS (SELECT 1 FROM ${T}."links" l WHERE l.parent_id = a.parent_id AND l.student_id = a.student_id AND l.active)`;
    const result =
      'alertIds' in target
        ? await this.dataSource.query(
            `UPDATE ${T}."alerts" a SET read_at = now() WHERE a.parent_id = $1 AND a.id = ANY($2::uuid[]) AND a.read_at IS NULL AND ${active} RETURNING a.id`,
            [parentId, target.alertIds],
          )
        : await this.dataSource.query(
            `UPDATE ${T}."alerts" a SET read_at = now() WHERE a.parent_id = $1 AND ($2::uuid IS NULL OR a.student_id = $2) AND a.read_at IS NULL AND ${active} RETURNING a.id`,
            [parentId, target.studentId],
          );
    return (Array.isArray(result[0]) ? result[0] : result).length;
  }
}
