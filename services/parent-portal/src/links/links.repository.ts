import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type LinkStatus, type ParentLink, type Relationship } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { ADULT_SQL } from '../read-model/read-model.repository';

const T = '"parent_portal"';

export interface LinkRow {
  id: string;
  parent_id: string;
  student_id: string;
  relationship: Relationship;
  origin: 'pairing_code' | 'admin';
  approval: 'pending' | 'approved' | 'rejected';
  consent: 'pending' | 'given' | 'withdrawn';
  active: boolean;
  revoked_at: Date | null;
  adult: boolean;
}

/** The derived display status; the same rule as `shouldBeActive` below, in SQL. */
const STATUS_SQL = `CASE
  WHEN l.revoked_at IS NOT NULL THEN 'revoked'
  WHEN l.approval = 'rejected' THEN 'rejected'
  WHEN l.approval = 'pending' THEN 'pending_approval'
  WHEN ${ADULT_SQL} AND l.consent = 'withdrawn' THEN 'consent_withdrawn'
  WHEN ${ADULT_SQL} AND l.consent <> 'given' THEN 'pending_consent'
  ELSE 'active' END`;

const LINK_SELECT = `SELECT l.id, l.relationship, l.origin,
    json_build_object('id', p.id, 'firstName', p.first_name, 'lastName', p.last_name, 'email', p.email) AS parent,
    json_build_object('id', u.id, 'firstName', u.first_name, 'lastName', u.last_name, 'email', u.email, 'adult', ${ADULT_SQL}) AS student,
    ${STATUS_SQL} AS status,
    CASE WHEN ${ADULT_SQL} THEN l.consent ELSE 'not_required' END AS consent,
    to_char(l.requested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "requestedAt",
    to_char(l.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "decidedAt",
    l.decided_by AS "decidedBy", l.decision_note AS "decisionNote",
    to_char(l.consent_changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "consentChangedAt",
    to_char(COALESCE(l.revoked_at, CASE WHEN l.approval = 'rejected' THEN l.decided_at END) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "endedAt"
  FROM ${T}."links" l JOIN ${T}."users" p ON p.id = l.parent_id JOIN ${T}."users" u ON u.id = l.student_id`;

export type LinkScope =
  | { kind: 'parent'; parentId: string }
  | { kind: 'student'; studentId: string }
  | { kind: 'admin' }
  | { kind: 'teacher'; teacherId: string };

/** Parent–child links. Every read names its scope (the parent, the student, the approver) or the link and its owner. */
@Injectable()
export class LinksRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async insert(
    link: { id: string; parentId: string; studentId: string; relationship: Relationship; origin: 'pairing_code' | 'admin'; approved: boolean; decidedBy: string | null; note: string | null },
    db: EntityManager,
  ): Promise<boolean> {
    const rows = await db.query(
      `INSERT INTO ${T}."links" (id, parent_id, student_id, relationship, origin, approval, decided_at, decided_by, decision_note)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN 'approved' ELSE 'pending' END, CASE WHEN $6 THEN now() END, $7, $8)
       ON CONFLICT DO NOTHING RETURNING id`,
      [link.id, link.parentId, link.studentId, link.relationship, link.origin, link.approved, link.decidedBy, link.note],
    );
    return rows.length > 0;
  }

  /** Locks the link row for a state change. */
  async lock(linkId: string, db: EntityManager): Promise<LinkRow | null> {
    const rows = await db.query<LinkRow[]>(
      `SELECT l.id, l.parent_id, l.student_id, l.relationship, l.origin, l.approval, l.consent, l.active, l.revoked_at, ${ADULT_SQL} AS adult
         FROM ${T}."links" l JOIN ${T}."users" u ON u.id = l.student_id WHERE l.id = $1 FOR UPDATE OF l`,
      [linkId],
    );
    return rows[0] ?? null;
  }

  /** Locks every not-ended link of a student (consent and age changes move them all). */
  async lockOpenOfStudent(studentId: string, db: EntityManager): Promise<LinkRow[]> {
    return db.query<LinkRow[]>(
      `SELECT l.id, l.parent_id, l.student_id, l.relationship, l.origin, l.approval, l.consent, l.active, l.revoked_at, ${ADULT_SQL} AS adult
         FROM ${T}."links" l JOIN ${T}."users" u ON u.id = l.student_id
        WHERE l.student_id = $1 AND l.revoked_at IS NULL AND l.approval <> 'rejected' ORDER BY l.id FOR UPDATE OF l`,
      [studentId],
    );
  }

  async openLinkExists(parentId: string, studentId: string, db: EntityManager): Promise<boolean> {
    const rows = await db.query(
      `SELECT 1 FROM ${T}."links" WHERE parent_id = $1 AND student_id = $2 AND approval <> 'rejected' AND revoked_at IS NULL`,
      [parentId, studentId],
    );
    return rows.length > 0;
  }

  async setApproval(linkId: string, approval: 'approved' | 'rejected', by: string, note: string | null, db: EntityManager): Promise<void> {
    await db.query(`UPDATE ${T}."links" SET approval = $2, decided_at = now(), decided_by = $3, decision_note = $4, updated_at = now() WHERE id = $1`, [
      linkId,
      approval,
      by,
      note,
    ]);
  }

  async setConsent(linkId: string, consent: 'given' | 'withdrawn', db: EntityManager): Promise<void> {
    await db.query(`UPDATE ${T}."links" SET consent = $2, consent_changed_at = now(), updated_at = now() WHERE id = $1`, [linkId, consent]);
  }

  async revoke(linkId: string, by: string, note: string | null, db: EntityManager): Promise<void> {
    await db.query(
      `UPDATE ${T}."links" SET revoked_at = now(), revoked_by = $2, decision_note = COALESCE($3, decision_note), updated_at = now() WHERE id = $1`,
      [linkId, by, note],
    );
  }

  async setActive(linkId: string, active: boolean, db: EntityManager): Promise<void> {
    await db.query(`UPDATE ${T}."links" SET active = $2, updated_at = now() WHERE id = $1`, [linkId, active]);
  }

  async view(linkId: string, db: EntityManager = this.dataSource.manager): Promise<ParentLink | null> {
    const rows = await db.query<ParentLink[]>(`${LINK_SELECT} WHERE l.id = $1`, [linkId]);
    return rows[0] ?? null;
  }

  async list(scope: LinkScope, filter: { status?: LinkStatus; studentId?: string; limit: number }): Promise<ParentLink[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (scope.kind === 'parent') add('l.parent_id = ?', scope.parentId);
    if (scope.kind === 'student') add('l.student_id = ?', scope.studentId);
    if (scope.kind === 'teacher') {
      add(
        `EXISTS (SELECT 1 FROM ${T}."enrollments" e JOIN ${T}."course_teachers" t ON t.course_id = e.course_id
                  WHERE e.student_id = l.student_id AND e.active AND t.teacher_id = ?)`,
        scope.teacherId,
      );
    }
    if (filter.studentId) add('l.student_id = ?', filter.studentId);
    params.push(filter.limit);
    const sql = `SELECT * FROM (${LINK_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}) x
      ${filter.status ? `WHERE x.status = $${params.length + 1}` : ''} ORDER BY x."requestedAt" DESC, x.id LIMIT $${params.length}`;
    if (filter.status) params.push(filter.status);
    return this.dataSource.query<ParentLink[]>(sql, params);
  }

  /** The active link between this parent and this child, or null: the one gate of every parent read. */
  async activeLink(parentId: string, studentId: string, db: EntityManager = this.dataSource.manager): Promise<{ id: string; relationship: Relationship } | null> {
    const rows = await db.query<{ id: string; relationship: Relationship }[]>(
      `SELECT id, relationship FROM ${T}."links" WHERE parent_id = $1 AND student_id = $2 AND active`,
      [parentId, studentId],
    );
    return rows[0] ?? null;
  }

  async activeChildIds(parentId: string, db: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await db.query<{ student_id: string }[]>(`SELECT student_id FROM ${T}."links" WHERE parent_id = $1 AND active`, [parentId]);
    return rows.map((row) => row.student_id);
  }

  /** Parents with an active link to the student (the alerts fan out to them). */
  async activeParentIds(studentId: string, db: EntityManager): Promise<string[]> {
    const rows = await db.query<{ parent_id: string }[]>(`SELECT parent_id FROM ${T}."links" WHERE student_id = $1 AND active ORDER BY parent_id`, [studentId]);
    return rows.map((row) => row.parent_id);
  }

  /** Students whose active links no longer hold (an 18th birthday without consent): for the daily pass. */
  async studentsNeedingRecheck(db: EntityManager): Promise<string[]> {
    const rows = await db.query<{ student_id: string }[]>(
      `SELECT DISTINCT l.student_id FROM ${T}."links" l JOIN ${T}."users" u ON u.id = l.student_id
        WHERE l.active AND l.consent <> 'given' AND ${ADULT_SQL} LIMIT 500`,
    );
    return rows.map((row) => row.student_id);
  }

  async audit(
    entry: { linkId: string; studentId: string; action: string; actorId: string | null; actorRole: string | null; note: string | null },
    db: EntityManager,
  ): Promise<void> {
    await db.query(`INSERT INTO ${T}."link_audit" (link_id, student_id, action, actor_id, actor_role, note) VALUES ($1, $2, $3, $4, $5, $6)`, [
      entry.linkId,
      entry.studentId,
      entry.action,
      entry.actorId,
      entry.actorRole,
      entry.note,
    ]);
  }

  async history(linkId: string) {
    return this.dataSource.query(
      `SELECT a.id, a.link_id AS "linkId", a.action,
         CASE WHEN a.actor_id IS NULL THEN NULL ELSE json_build_object('id', a.actor_id, 'firstName', COALESCE(u.first_name, ''),
           'lastName', COALESCE(u.last_name, ''), 'email', COALESCE(u.email, ''), 'role', COALESCE(a.actor_role, u.role, '')) END AS actor,
         a.note, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
        FROM ${T}."link_audit" a LEFT JOIN ${T}."users" u ON u.id = a.actor_id WHERE a.link_id = $1 ORDER BY a.at, a.id`,
      [linkId],
    );
  }

  async findOwners(linkId: string): Promise<{ parent_id: string; student_id: string } | null> {
    const rows = await this.dataSource.query<{ parent_id: string; student_id: string }[]>(`SELECT parent_id, student_id FROM ${T}."links" WHERE id = $1`, [linkId]);
    return rows[0] ?? null;
  }
}
