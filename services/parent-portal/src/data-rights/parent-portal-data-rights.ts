import { Injectable } from '@nestjs/common';
import { affected, type UserDataRights } from '@tec/shared';
import type { EntityManager } from 'typeorm';

const S = '"parent_portal"';

/**
 * The parent portal's part. Links of the user (as parent or as child) are ended and their notes removed; the link
 * audit trail (who gave whom access to a child's records, when) and the access log stay under pseudonymous ids:
 * they are the school's accountability record for access to children's data (GDPR Art. 5(2), 17(3)(e)). Alerts,
 * alert and digest settings, digests, pairing codes, throttles and this service's copies of the child's grades,
 * attendance and missing work are deleted (their sources keep the school records); the roster copy is
 * de-identified. Chat and attendance drop their own link copies when they handle the same erasure event.
 */
@Injectable()
export class ParentPortalDataRights implements UserDataRights {
  readonly exportQueries = {
    profile: `SELECT id, email, first_name AS "firstName", last_name AS "lastName", role, active FROM ${S}."users" WHERE id = $1`,
    links: `SELECT id, parent_id AS "parentId", student_id AS "studentId", relationship, origin, approval, consent, active, requested_at AS "requestedAt",
        decided_at AS "decidedAt", decision_note AS "decisionNote", revoked_at AS "revokedAt"
      FROM ${S}."links" WHERE parent_id = $1 OR student_id = $1 ORDER BY requested_at`,
    linkHistory: `SELECT link_id AS "linkId", action, actor_role AS "actorRole", note, at FROM ${S}."link_audit" WHERE student_id = $1 OR actor_id = $1 ORDER BY at`,
    accessLog: `SELECT student_id AS "studentId", viewer_id AS "viewerId", viewer_role AS "viewerRole", resource, at FROM ${S}."access_log" WHERE student_id = $1 OR viewer_id = $1 ORDER BY at`,
    alerts: `SELECT id, student_id AS "studentId", type, title, message, created_at AS "createdAt", read_at AS "readAt" FROM ${S}."alerts" WHERE parent_id = $1 OR student_id = $1 ORDER BY created_at`,
    alertSettings: `SELECT student_id AS "studentId", settings, updated_at AS "updatedAt" FROM ${S}."alert_settings" WHERE parent_id = $1`,
    digestSettings: `SELECT weekly, daily, updated_at AS "updatedAt" FROM ${S}."digest_settings" WHERE parent_id = $1`,
    digests: `SELECT period, period_key AS "periodKey", outcome, created_at AS "createdAt" FROM ${S}."digests" WHERE parent_id = $1 ORDER BY created_at`,
    pairingCodes: `SELECT id, hint, created_at AS "createdAt", expires_at AS "expiresAt", used_at AS "usedAt", revoked_at AS "revokedAt" FROM ${S}."pairing_codes" WHERE student_id = $1 OR used_by = $1`,
  };

  async erase(userId: string, db: EntityManager): Promise<Record<string, number>> {
    const del = (table: string, where: string) => affected(db, `DELETE FROM ${S}."${table}" WHERE ${where} RETURNING 1`, [userId]);
    return {
      linksEnded: await affected(
        db,
        `UPDATE ${S}."links" SET active = false, revoked_at = COALESCE(revoked_at, now()), decision_note = NULL, updated_at = now()
          WHERE (parent_id = $1 OR student_id = $1) AND (active OR decision_note IS NOT NULL) RETURNING 1`,
        [userId],
      ),
      linkNotesRemoved: await affected(db, `UPDATE ${S}."link_audit" SET note = NULL WHERE (student_id = $1 OR actor_id = $1) AND note IS NOT NULL RETURNING 1`, [userId]),
      alertsDeleted: await del('alerts', 'parent_id = $1 OR student_id = $1'),
      settingsDeleted:
        (await del('alert_settings', 'parent_id = $1 OR student_id = $1')) +
        (await del('alert_state', 'parent_id = $1 OR student_id = $1')) +
        (await del('digest_settings', 'parent_id = $1')),
      digestsDeleted: await del('digests', 'parent_id = $1'),
      pairingCodesDeleted: await del('pairing_codes', 'student_id = $1 OR used_by = $1'),
      throttlesDeleted: await del('redeem_throttle', 'parent_id = $1'),
      recordCopiesDeleted:
        (await del('grades', 'student_id = $1')) +
        (await del('attendance_records', 'student_id = $1')) +
        (await del('live_attendance', 'student_id = $1')) +
        (await del('missing_work', 'student_id = $1')),
      profilesDeidentified: await affected(
        db,
        `UPDATE ${S}."users" SET email = 'erased-' || id || '@erased.invalid', first_name = 'Deleted', last_name = 'user', date_of_birth = NULL, active = false, updated_at = now()
          WHERE id = $1 AND email <> 'erased-' || id || '@erased.invalid' RETURNING 1`,
        [userId],
      ),
    };
  }
}
