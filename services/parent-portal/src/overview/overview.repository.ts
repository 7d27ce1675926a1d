import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type ChildOverview, type ChildSummary } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { ADULT_SQL } from '../read-model/read-model.repository';
import { ALERT_SELECT } from '../alerts/alerts.repository';

const T = '"parent_portal"';
const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COURSE = (alias: string) => `json_build_object('id', ${alias}.id, 'code', ${alias}.code, 'title', ${alias}.title)`;

/**
 * The child page in ONE statement: every widget is a JSON sub-select over the read model, keyed by ($1 parent,
 * $2 child), so the page costs one round trip however many courses the child has. The caller has already checked
 * the active link; the parent id is still in every alert sub-select, so no other parent's alerts can leak.
 */
const OVERVIEW_SQL = `
WITH child AS (SELECT u.*, ${ADULT_SQL} AS adult FROM ${T}."users" u WHERE u.id = $2),
     courses AS (
       SELECT c.id, c.code, c.title, c.level FROM ${T}."enrollments" e JOIN ${T}."courses" c ON c.id = e.course_id
        WHERE e.student_id = $2 AND e.active)
SELECT
  (SELECT json_build_object('id', id, 'firstName', first_name, 'lastName', last_name, 'email', email, 'adult', adult) FROM child) AS child,
  COALESCE((SELECT json_agg(json_build_object(
      'course', json_build_object('id', c.id, 'code', c.code, 'title', c.title, 'level', c.level),
      'teachers', COALESCE((SELECT json_agg(json_build_object('id', tu.id, 'firstName', tu.first_name, 'lastName', tu.last_name, 'email', tu.email) ORDER BY tu.last_name, tu.first_name)
                   FROM ${T}."course_teachers" t JOIN ${T}."users" tu ON tu.id = t.teacher_id WHERE t.course_id = c.id AND tu.active), '[]'::json),
      'attendance', (SELECT json_build_object('present', count(*) FILTER (WHERE r.status = 'present'), 'late', count(*) FILTER (WHERE r.status = 'late'),
                       'absent', count(*) FILTER (WHERE r.status = 'absent'), 'excused', count(*) FILTER (WHERE r.status = 'excused'))
                     FROM ${T}."attendance_records" r WHERE r.student_id = $2 AND r.course_id = c.id),
      'grades', (SELECT json_build_object('average', round(avg(g.percentage), 1)::float8, 'graded', count(*)) FROM ${T}."grades" g WHERE g.student_id = $2 AND g.course_id = c.id),
      'missingAssignments', (SELECT count(*) FROM ${T}."missing_work" m WHERE m.student_id = $2 AND m.course_id = c.id AND m.resolved_at IS NULL)
    ) ORDER BY c.title) FROM courses c), '[]'::json) AS courses,
  COALESCE((SELECT json_agg(json_build_object('course', x.course, 'session', x.session, 'status', x.status) ORDER BY x."startsAt" DESC, x.sid) FROM (
      SELECT ${COURSE('c')} AS course, json_build_object('id', s.id, 'startsAt', ${ISO('s.starts_at')}, 'endsAt', ${ISO('s.ends_at')}, 'topic', s.topic) AS session,
             r.status, s.starts_at AS "startsAt", s.id AS sid
        FROM ${T}."attendance_records" r JOIN ${T}."sessions" s ON s.id = r.session_id JOIN ${T}."courses" c ON c.id = r.course_id
       WHERE r.student_id = $2 AND r.status IN ('absent', 'late', 'excused') ORDER BY r.session_starts_at DESC, r.session_id LIMIT 10) x), '[]'::json) AS "recentAbsences",
  COALESCE((SELECT json_agg(x ORDER BY x."gradedAt" DESC, x.assignment->>'id') FROM (
      SELECT ${COURSE('c')} AS course, json_build_object('id', a.id, 'title', a.title, 'dueAt', ${ISO('a.due_at')}) AS assignment,
             g.score::float8 AS score, g.max_score::float8 AS "maxScore", g.percentage::float8 AS percentage, ${ISO('g.graded_at')} AS "gradedAt"
        FROM ${T}."grades" g JOIN ${T}."assignments" a ON a.id = g.assignment_id JOIN ${T}."courses" c ON c.id = g.course_id
       WHERE g.student_id = $2 ORDER BY g.graded_at DESC, g.assignment_id LIMIT 10) x), '[]'::json) AS "recentGrades",
  COALESCE((SELECT json_agg(x ORDER BY x."detectedAt" DESC, x.assignment->>'id') FROM (
      SELECT ${COURSE('c')} AS course, json_build_object('id', a.id, 'title', a.title, 'dueAt', ${ISO('a.due_at')}) AS assignment, ${ISO('m.detected_at')} AS "detectedAt"
        FROM ${T}."missing_work" m JOIN ${T}."assignments" a ON a.id = m.assignment_id JOIN ${T}."courses" c ON c.id = m.course_id
       WHERE m.student_id = $2 AND m.resolved_at IS NULL ORDER BY m.detected_at DESC, m.assignment_id LIMIT 20) x), '[]'::json) AS "missingAssignments",
  COALESCE((SELECT json_agg(x ORDER BY x."startsAt", x.id) FROM (
      SELECT ${COURSE('c')} AS course, s.id, ${ISO('s.starts_at')} AS "startsAt", ${ISO('s.ends_at')} AS "endsAt", s.topic
        FROM ${T}."sessions" s JOIN courses c ON c.id = s.course_id
       WHERE s.starts_at > now() AND NOT s.cancelled ORDER BY s.starts_at, s.id LIMIT 10) x), '[]'::json) AS "upcomingSessions",
  COALESCE((SELECT json_agg(x ORDER BY x."startsAt", x.id) FROM (
      SELECT ${COURSE('c')} AS course, lc.id::text AS id, lc.name AS title, ${ISO('lc.starts_at')} AS "startsAt", ${ISO('lc.ends_at')} AS "endsAt"
        FROM ${T}."live_classes" lc JOIN courses c ON c.id = lc.course_id
       WHERE lc.ends_at > now() AND lc.status NOT IN ('cancelled', 'completed', 'ended') ORDER BY lc.starts_at, lc.id LIMIT 10) x), '[]'::json) AS "upcomingLiveClasses",
  COALESCE((SELECT json_agg(x ORDER BY x."startsAt" DESC, x.id) FROM (
      SELECT ${COURSE('c')} AS course, lc.id::text AS id, lc.name AS title, ${ISO('lc.starts_at')} AS "startsAt",
             la.minutes_attended > 0 AS attended, la.minutes_attended::float8 AS "minutesAttended", la.attended_ratio::float8 AS "attendedRatio"
        FROM ${T}."live_attendance" la JOIN ${T}."live_classes" lc ON lc.id = la.class_id JOIN ${T}."courses" c ON c.id = la.course_id
       WHERE la.student_id = $2 ORDER BY lc.starts_at DESC, lc.id LIMIT 10) x), '[]'::json) AS "pastLiveClasses",
  COALESCE((SELECT json_agg(x) FROM (${ALERT_SELECT} WHERE a.parent_id = $1 AND a.student_id = $2 ORDER BY a.created_at DESC, a.id DESC LIMIT 10) x), '[]'::json) AS "recentAlerts",
  (SELECT count(*)::int FROM ${T}."alerts" a WHERE a.parent_id = $1 AND a.student_id = $2 AND a.read_at IS NULL) AS "unreadAlerts"`;

type OverviewRow = Omit<ChildOverview, 'linkId' | 'relationship' | 'generatedAt' | 'courses'> & {
  courses: (Omit<ChildOverview['courses'][number], 'attendance'> & { attendance: ChildOverview['courses'][number]['attendance']['counts'] })[];
};

/** Reads for the parent's pages; the caller checked the active link first. */
@Injectable()
export class OverviewRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async overview(parentId: string, studentId: string): Promise<OverviewRow> {
    const rows = await this.dataSource.query<OverviewRow[]>(OVERVIEW_SQL, [parentId, studentId]);
    return rows[0]!;
  }

  /** One card per active child, in one statement. */
  async children(parentId: string): Promise<(Omit<ChildSummary, 'attendancePercentage'> & { counts: { present: number; late: number; absent: number; excused: number } })[]> {
    return this.dataSource.query(
      `SELECT l.id AS "linkId", l.relationship,
         json_build_object('id', u.id, 'firstName', u.first_name, 'lastName', u.last_name, 'email', u.email, 'adult', ${ADULT_SQL}) AS child,
         (SELECT json_build_object('present', count(*) FILTER (WHERE r.status = 'present'), 'late', count(*) FILTER (WHERE r.status = 'late'),
                 'absent', count(*) FILTER (WHERE r.status = 'absent'), 'excused', count(*) FILTER (WHERE r.status = 'excused'))
            FROM ${T}."attendance_records" r JOIN ${T}."enrollments" e ON e.course_id = r.course_id AND e.student_id = r.student_id AND e.active
           WHERE r.student_id = u.id) AS counts,
         (SELECT round(avg(ca.average), 1)::float8 FROM (SELECT avg(g.percentage) AS average FROM ${T}."grades" g
            JOIN ${T}."enrollments" e ON e.course_id = g.course_id AND e.student_id = g.student_id AND e.active
           WHERE g.student_id = u.id GROUP BY g.course_id) ca) AS "gradeAverage",
         (SELECT count(*)::int FROM ${T}."missing_work" m WHERE m.student_id = u.id AND m.resolved_at IS NULL) AS "missingAssignments",
         (SELECT count(*)::int FROM ${T}."alerts" a WHERE a.parent_id = l.parent_id AND a.student_id = u.id AND a.read_at IS NULL) AS "unreadAlerts",
         (SELECT json_build_object('kind', n.kind, 'id', n.id, 'title', n.title, 'course', json_build_object('id', n.cid, 'code', n.code, 'title', n.ctitle), 'startsAt', ${ISO('n.starts_at')}) FROM (
             SELECT 'session' AS kind, s.id::text AS id, COALESCE(s.topic, c.title) AS title, c.id AS cid, c.code, c.title AS ctitle, s.starts_at
               FROM ${T}."sessions" s JOIN ${T}."enrollments" e ON e.course_id = s.course_id AND e.student_id = u.id AND e.active JOIN ${T}."courses" c ON c.id = s.course_id
              WHERE s.starts_at > now() AND NOT s.cancelled
             UNION ALL
             SELECT 'live_class', lc.id::text, lc.name, c.id, c.code, c.title, lc.starts_at
               FROM ${T}."live_classes" lc JOIN ${T}."enrollments" e ON e.course_id = lc.course_id AND e.student_id = u.id AND e.active JOIN ${T}."courses" c ON c.id = lc.course_id
              WHERE lc.starts_at > now() AND lc.status NOT IN ('cancelled', 'completed', 'ended')
             ORDER BY starts_at, id LIMIT 1) n) AS "nextClass"
        FROM ${T}."links" l JOIN ${T}."users" u ON u.id = l.student_id
       WHERE l.parent_id = $1 AND l.active ORDER BY u.first_name, u.last_name, u.id`,
      [parentId],
    );
  }

  async logAccess(entry: { studentId: string; viewerId: string; viewerRole: string; resource: string }): Promise<void> {
    await this.dataSource.query(`INSERT INTO ${T}."access_log" (student_id, viewer_id, viewer_role, resource) VALUES ($1, $2, $3, $4)`, [
      entry.studentId,
      entry.viewerId,
      entry.viewerRole,
      entry.resource,
    ]);
  }

  async logAccessMany(studentIds: string[], entry: { viewerId: string; viewerRole: string; resource: string }): Promise<void> {
    if (studentIds.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO ${T}."access_log" (student_id, viewer_id, viewer_role, resource) SELECT id, $2, $3, $4 FROM unnest($1::uuid[]) AS ids(id)`,
      [studentIds, entry.viewerId, entry.viewerRole, entry.resource],
    );
  }

  async accessLog(studentId: string, limit: number, before: string | null) {
    return this.dataSource.query(
      `SELECT a.id, a.student_id AS "studentId", a.resource, ${ISO('a.at')} AS at,
         json_build_object('id', a.viewer_id, 'firstName', COALESCE(u.first_name, ''), 'lastName', COALESCE(u.last_name, ''),
           'email', COALESCE(u.email, ''), 'role', a.viewer_role) AS viewer
        FROM ${T}."access_log" a LEFT JOIN ${T}."users" u ON u.id = a.viewer_id
       WHERE a.student_id = $1 AND ($2::timestamptz IS NULL OR a.at < $2) ORDER BY a.at DESC, a.id DESC LIMIT $3`,
      [studentId, before, limit],
    );
  }
}
