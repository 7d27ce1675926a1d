import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type DigestSettings } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

const T = '"parent_portal"';
const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COURSE = `json_build_object('id', c.id, 'code', c.code, 'title', c.title)`;

export interface DigestCandidate {
  parent_id: string;
  timezone: string;
  weekly: boolean;
  daily: boolean;
}

export interface DigestChildRow {
  student: { id: string; firstName: string; lastName: string };
  attendance: { sessions: number; absences: number; present: number; late: number; excused: number };
  newGrades: { course: { id: string; code: string; title: string }; assignmentTitle: string; percentage: number; gradedAt: string }[];
  missingAssignments: { course: { id: string; code: string; title: string }; assignmentTitle: string; dueAt: string | null; new: boolean }[];
  upcomingClasses: { course: { id: string; code: string; title: string }; title: string; startsAt: string; kind: 'session' | 'live_class' }[];
  alerts: number;
}

/** Digest settings, the per-period ledger (`digests`, unique per parent and period key) and the digest's content. */
@Injectable()
export class DigestRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async getSettings(parentId: string): Promise<DigestSettings> {
    const rows = await this.dataSource.query<DigestSettings[]>(`SELECT weekly, daily FROM ${T}."digest_settings" WHERE parent_id = $1`, [parentId]);
    return rows[0] ?? { weekly: true, daily: false };
  }

  async saveSettings(parentId: string, settings: DigestSettings): Promise<DigestSettings> {
    await this.dataSource.query(
      `INSERT INTO ${T}."digest_settings" (parent_id, weekly, daily) VALUES ($1, $2, $3)
       ON CONFLICT (parent_id) DO UPDATE SET weekly = $2, daily = $3, updated_at = now()`,
      [parentId, settings.weekly, settings.daily],
    );
    return settings;
  }

  /** Parents with at least one active link, their zone and digest settings (defaults: weekly on, daily off). */
  async candidates(): Promise<DigestCandidate[]> {
    return this.dataSource.query<DigestCandidate[]>(
      `SELECT p.id AS parent_id, p.timezone, COALESCE(d.weekly, true) AS weekly, COALESCE(d.daily, false) AS daily
         FROM ${T}."users" p LEFT JOIN ${T}."digest_settings" d ON d.parent_id = p.id
        WHERE p.active AND EXISTS (SELECT 1 FROM ${T}."links" l WHERE l.parent_id = p.id AND l.active)
          AND (d.parent_id IS NULL OR d.weekly OR d.daily)`,
    );
  }

  async recentKeys(parentIds: string[]): Promise<Set<string>> {
    if (parentIds.length === 0) return new Set();
    const rows = await this.dataSource.query<{ key: string }[]>(
      `SELECT parent_id || '|' || period || '|' || period_key AS key FROM ${T}."digests" WHERE parent_id = ANY($1::uuid[]) AND created_at > now() - interval '9 days'`,
      [parentIds],
    );
    return new Set(rows.map((row) => row.key));
  }

  /** Claims the period for this parent; false when another pass (or instance) already did. */
  async claim(id: string, parentId: string, period: string, periodKey: string, db: EntityManager): Promise<boolean> {
    const rows = await db.query(
      `INSERT INTO ${T}."digests" (id, parent_id, period, period_key, outcome) VALUES ($1, $2, $3, $4, 'sent') ON CONFLICT DO NOTHING RETURNING id`,
      [id, parentId, period, periodKey],
    );
    return rows.length > 0;
  }

  async markSkipped(id: string, db: EntityManager): Promise<void> {
    await db.query(`UPDATE ${T}."digests" SET outcome = 'skipped' WHERE id = $1`, [id]);
  }

  /** Every active child of the parent with what happened in [start, end) and what comes in the next 7 days. */
  async content(parentId: string, start: Date, end: Date, db: EntityManager): Promise<DigestChildRow[]> {
    return db.query<DigestChildRow[]>(
      `SELECT json_build_object('id', u.id, 'firstName', u.first_name, 'lastName', u.last_name) AS student,
         (SELECT json_build_object('sessions', count(*), 'absences', count(*) FILTER (WHERE r.status = 'absent'),
                 'present', count(*) FILTER (WHERE r.status = 'present'), 'late', count(*) FILTER (WHERE r.status = 'late'),
                 'excused', count(*) FILTER (WHERE r.status = 'excused'))
            FROM ${T}."attendance_records" r WHERE r.student_id = u.id AND r.session_starts_at >= $2 AND r.session_starts_at < $3) AS attendance,
         COALESCE((SELECT json_agg(x ORDER BY x."gradedAt") FROM (
            SELECT ${COURSE} AS course, a.title AS "assignmentTitle", g.percentage::float8 AS percentage, ${ISO('g.graded_at')} AS "gradedAt"
              FROM ${T}."grades" g JOIN ${T}."assignments" a ON a.id = g.assignment_id JOIN ${T}."courses" c ON c.id = g.course_id
             WHERE g.student_id = u.id AND g.graded_at >= $2 AND g.graded_at < $3 ORDER BY g.graded_at LIMIT 20) x), '[]'::json) AS "newGrades",
         COALESCE((SELECT json_agg(x) FROM (
            SELECT ${COURSE} AS course, a.title AS "assignmentTitle", ${ISO('a.due_at')} AS "dueAt", m.detected_at >= $2 AS new
              FROM ${T}."missing_work" m JOIN ${T}."assignments" a ON a.id = m.assignment_id JOIN ${T}."courses" c ON c.id = m.course_id
             WHERE m.student_id = u.id AND m.resolved_at IS NULL ORDER BY a.due_at LIMIT 20) x), '[]'::json) AS "missingAssignments",
         COALESCE((SELECT json_agg(x ORDER BY x."startsAt") FROM (
            (SELECT ${COURSE} AS course, COALESCE(s.topic, c.title) AS title, ${ISO('s.starts_at')} AS "startsAt", 'session' AS kind
               FROM ${T}."sessions" s JOIN ${T}."enrollments" e ON e.course_id = s.course_id AND e.student_id = u.id AND e.active
               JOIN ${T}."courses" c ON c.id = s.course_id
              WHERE s.starts_at >= $3 AND s.starts_at < $3::timestamptz + interval '7 days' AND NOT s.cancelled ORDER BY s.starts_at LIMIT 10)
            UNION ALL
            (SELECT ${COURSE}, lc.name, ${ISO('lc.starts_at')}, 'live_class'
               FROM ${T}."live_classes" lc JOIN ${T}."enrollments" e ON e.course_id = lc.course_id AND e.student_id = u.id AND e.active
               JOIN ${T}."courses" c ON c.id = lc.course_id
              WHERE lc.starts_at >= $3 AND lc.starts_at < $3::timestamptz + interval '7 days' AND lc.status <> 'cancelled' ORDER BY lc.starts_at LIMIT 10)) x), '[]'::json) AS "upcomingClasses",
         (SELECT count(*)::int FROM ${T}."alerts" a WHERE a.parent_id = l.parent_id AND a.student_id = u.id AND a.created_at >= $2 AND a.created_at < $3) AS alerts
        FROM ${T}."links" l JOIN ${T}."users" u ON u.id = l.student_id
       WHERE l.parent_id = $1 AND l.active ORDER BY u.first_name, u.id`,
      [parentId, start, end],
    );
  }
}
