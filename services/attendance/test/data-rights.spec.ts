import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { dataRightsRpc } from '@tec/shared';
import { asUser, codeOf, requestTestErasure } from '@tec/shared/testing';
import { EVIDENCE_STORAGE, type EvidenceStorage } from '../src/exemptions/evidence-storage';
import { bootAttendance, classroom, type AttendanceTestService, type Classroom } from './attendance-test-kit';

describe('attendance data rights', () => {
  let service: AttendanceTestService;
  let room: Classroom;
  let sessionId: string;
  const q = (sql: string, params: unknown[] = []) => service.dataSource.query(sql, params);

  beforeAll(async () => {
    service = await bootAttendance();
    room = await classroom(service, 2);
    sessionId = randomUUID();
    await q(
      `INSERT INTO "attendance"."sessions" (id, course_id, starts_at, ends_at, checkin_opens_at, late_after, checkin_closes_at, qr_secret, topic)
       VALUES ($1, $2, now() - interval '1 hour', now(), now() - interval '70 minutes', now() - interval '50 minutes', now(), $3, 'Erasure')`,
      [sessionId, room.course.id, randomBytes(32)],
    );
    for (const student of room.students) {
      await q(
        `INSERT INTO "attendance"."records" (id, session_id, course_id, student_id, session_starts_at, status, method, checked_in_at, latitude, longitude, device_hash, client_hash, note)
         VALUES ($1, $2, $3, $4, now() - interval '1 hour', 'present', 'qr_code', now(), 40.4, -3.7, 'device', 'client', 'was on time')`,
        [randomUUID(), sessionId, room.course.id, student.id],
      );
    }
    const [erased, other] = room.students as [typeof room.students[0], typeof room.students[0]];
    await q(`INSERT INTO "attendance"."device_claims" (session_id, device_hash, student_id) VALUES ($1, 'device', $2)`, [sessionId, erased.id]);
    await q(`INSERT INTO "attendance"."flags" (id, session_id, student_id, reason, other_student_id, details) VALUES ($1, $2, $3, 'shared_device', $4, '{"ip":"10.0.0.1"}')`, [randomUUID(), sessionId, other.id, erased.id]);
    await q(`INSERT INTO "attendance"."alerts" (kind, course_id, student_id, key) VALUES ('low_attendance', $1, $2, 'k')`, [room.course.id, erased.id]);
    const evidenceKey = `${erased.id}/${randomUUID()}`;
    await service.app.get<EvidenceStorage>(EVIDENCE_STORAGE).put(evidenceKey, Buffer.from('%PDF-1.4 doctor note'));
    await q(
      `INSERT INTO "attendance"."exemptions" (id, student_id, course_id, session_id, reason, status, evidence_key, evidence_name, evidence_mime, evidence_size, requested_by, decision_note)
       VALUES ($1, $2, $3, $4, 'Hospital appointment', 'approved', $5, 'note.pdf', 'application/pdf', 20, $2, 'fine')`,
      [randomUUID(), erased.id, room.course.id, sessionId, evidenceKey],
    );
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  });

  it('exports the student\'s records, exemptions and flags to admins only', async () => {
    const admin = await service.core.admin();
    const exported = await service.rpc.call(dataRightsRpc('attendance'), { userId: room.students[0]!.id }, asUser(admin));
    expect(exported.sections.records).toEqual([expect.objectContaining({ status: 'present', latitude: 40.4, courseCode: room.course.code })]);
    expect(exported.sections.exemptions).toEqual([expect.objectContaining({ reason: 'Hospital appointment', evidenceName: 'note.pdf' })]);
    expect(await codeOf(service.rpc.call(dataRightsRpc('attendance'), { userId: room.students[0]!.id }, asUser(room.teacher)))).toBe('FORBIDDEN');
  });

  it('erasure keeps the register de-identified and deletes location, devices, flags, alerts, reasons and evidence; idempotent', async () => {
    const [erased, other] = room.students as [typeof room.students[0], typeof room.students[0]];
    const [exemption] = await q(`SELECT evidence_key FROM "attendance"."exemptions" WHERE student_id = $1`, [erased.id]);
    const file = path.join(service.config.ATTENDANCE_EVIDENCE_DIR, exemption.evidence_key);
    expect(existsSync(file)).toBe(true);
    const first = await requestTestErasure(service, 'attendance', erased.id);
    expect(first.summary).toMatchObject({ recordsDeidentified: 1, deviceClaimsDeleted: 1, flagsDeleted: 1, alertsDeleted: 1, exemptionsDeidentified: 1, evidenceFilesDeleted: 1, profilesDeidentified: 1 });
    expect(existsSync(file)).toBe(false);
    expect(await q(`SELECT status, latitude, longitude, device_hash, client_hash, note FROM "attendance"."records" WHERE student_id = $1`, [erased.id])).toEqual([
      { status: 'present', latitude: null, longitude: null, device_hash: null, client_hash: null, note: null },
    ]);
    expect(await q(`SELECT reason, status, evidence_key, decision_note FROM "attendance"."exemptions" WHERE student_id = $1`, [erased.id])).toEqual([
      { reason: '[erased]', status: 'approved', evidence_key: null, decision_note: null },
    ]);
    expect(await q(`SELECT other_student_id, details FROM "attendance"."flags" WHERE student_id = $1`, [other.id])).toEqual([{ other_student_id: null, details: {} }]);
    expect(await q(`SELECT latitude FROM "attendance"."records" WHERE student_id = $1`, [other.id])).toEqual([{ latitude: 40.4 }]);
    const again = await requestTestErasure(service, 'attendance', erased.id);
    expect(Object.values(again.summary).every((count) => count === 0)).toBe(true);
  }, 40_000);
});
