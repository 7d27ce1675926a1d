import { Inject, Injectable } from '@nestjs/common';
import { affected, queryRows, type UserDataRights } from '@tec/shared';
import type { EntityManager } from 'typeorm';
import { EVIDENCE_STORAGE, type EvidenceStorage } from '../exemptions/evidence-storage';

/**
 * Attendance's part. The attendance register is a school record the school must keep (GDPR Art. 17(3)(b): a legal
 * obligation; Art. 89 for the statistics), so records, their change trail and the per-course statistics stay,
 * under the pseudonymous id: the name and email go from this service's roster copy. What the register does not
 * need goes: check-in location, device and client fingerprints, device claims, notes, integrity flags, alerts,
 * exemption reasons and evidence files (often health data; the decision itself — excused — stays), parent links.
 */
@Injectable()
export class AttendanceDataRights implements UserDataRights {
  constructor(@Inject(EVIDENCE_STORAGE) private readonly evidence: EvidenceStorage) {}

  readonly exportQueries = {
    profile: `SELECT id, email, first_name AS "firstName", last_name AS "lastName", role, active FROM "attendance"."users" WHERE id = $1`,
    records: `SELECT r.id, c.code AS "courseCode", r.session_starts_at AS "sessionStartsAt", r.status, r.method, r.marked_at AS "markedAt",
        r.checked_in_at AS "checkedInAt", r.latitude, r.longitude, r.note
      FROM "attendance"."records" r LEFT JOIN "attendance"."courses" c ON c.id = r.course_id WHERE r.student_id = $1 ORDER BY r.session_starts_at`,
    changes: `SELECT record_id AS "recordId", from_status AS "from", to_status AS "to", method, note, at FROM "attendance"."audit" WHERE student_id = $1 ORDER BY at, id`,
    statistics: `SELECT c.code AS "courseCode", s.present, s.late, s.absent, s.excused, s.below_threshold AS "belowThreshold", s.updated_at AS "updatedAt"
      FROM "attendance"."stats" s LEFT JOIN "attendance"."courses" c ON c.id = s.course_id WHERE s.student_id = $1`,
    exemptions: `SELECT id, session_id AS "sessionId", reason, status, evidence_name AS "evidenceName", requested_at AS "requestedAt", decided_at AS "decidedAt", decision_note AS "decisionNote"
      FROM "attendance"."exemptions" WHERE student_id = $1 OR requested_by = $1 ORDER BY requested_at`,
    flags: `SELECT id, session_id AS "sessionId", reason, created_at AS "createdAt" FROM "attendance"."flags" WHERE student_id = $1 ORDER BY created_at`,
    sessionsMarkedAsTeacher: `SELECT count(*)::int AS "records" FROM "attendance"."records" WHERE marked_by = $1`,
  };

  async erase(userId: string, db: EntityManager): Promise<Record<string, number>> {
    const files = await queryRows<{ key: string }>(db, `SELECT evidence_key AS key FROM "attendance"."exemptions" WHERE student_id = $1 AND evidence_key IS NOT NULL`, [userId]);
    for (const file of files) await this.evidence.remove(file.key);
    return {
      recordsDeidentified: await affected(
        db,
        `UPDATE "attendance"."records" SET latitude = NULL, longitude = NULL, device_hash = NULL, client_hash = NULL, note = NULL
          WHERE student_id = $1 AND (latitude IS NOT NULL OR longitude IS NOT NULL OR device_hash IS NOT NULL OR client_hash IS NOT NULL OR note IS NOT NULL) RETURNING 1`,
        [userId],
      ),
      changeNotesRemoved: await affected(db, `UPDATE "attendance"."audit" SET note = NULL WHERE student_id = $1 AND note IS NOT NULL RETURNING 1`, [userId]),
      deviceClaimsDeleted: await affected(db, `DELETE FROM "attendance"."device_claims" WHERE student_id = $1 RETURNING 1`, [userId]),
      flagsDeleted:
        (await affected(db, `DELETE FROM "attendance"."flags" WHERE student_id = $1 RETURNING 1`, [userId])) +
        (await affected(db, `UPDATE "attendance"."flags" SET other_student_id = NULL, details = '{}' WHERE other_student_id = $1 RETURNING 1`, [userId])),
      alertsDeleted: await affected(db, `DELETE FROM "attendance"."alerts" WHERE student_id = $1 RETURNING 1`, [userId]),
      exemptionsDeidentified: await affected(
        db,
        `UPDATE "attendance"."exemptions" SET reason = '[erased]', evidence_key = NULL, evidence_name = NULL, evidence_mime = NULL, evidence_size = NULL, decision_note = NULL
          WHERE student_id = $1 AND reason <> '[erased]' RETURNING 1`,
        [userId],
      ),
      evidenceFilesDeleted: files.length,
      parentLinksDeleted: await affected(db, `DELETE FROM "attendance"."parent_links" WHERE parent_id = $1 OR student_id = $1 RETURNING 1`, [userId]),
      profilesDeidentified: await affected(
        db,
        `UPDATE "attendance"."users" SET email = 'erased-' || id || '@erased.invalid', first_name = 'Deleted', last_name = 'user', date_of_birth = NULL, active = false, updated_at = now()
          WHERE id = $1 AND email <> 'erased-' || id || '@erased.invalid' RETURNING 1`,
        [userId],
      ),
    };
  }
}
