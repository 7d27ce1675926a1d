import { randomUUID } from 'node:crypto';
import { attendanceRpc, parentPortalEvents, type UserProfile } from '@tec/shared';
import { publishTestEvent } from '@tec/shared/testing';
import { as, bootAttendance, classroom, codeOf, waitFor, type AttendanceTestService, type Classroom } from './attendance-test-kit';

let service: AttendanceTestService;
let room: Classroom;
let parent: UserProfile;
let stranger: UserProfile;
let sessionId: string;
const MINUTE = 60_000;

async function linkEvent(active: boolean, linkId: string, student: UserProfile, at: Date) {
  if (active) {
    await publishTestEvent(service.nats, service.prefix, parentPortalEvents.linkActivated, {
      linkId, parent, student, relationship: 'parent', activatedAt: at.toISOString(),
    }, { producer: 'parent-portal' });
  } else {
    await publishTestEvent(service.nats, service.prefix, parentPortalEvents.linkDeactivated, {
      linkId, parentId: parent.id, studentId: student.id, reason: 'revoked_by_admin', deactivatedAt: at.toISOString(),
    }, { producer: 'parent-portal' });
  }
}

async function linkState(linkId: string): Promise<boolean | null> {
  const rows = await service.dataSource.query<{ active: boolean }[]>(`SELECT active FROM "attendance"."parent_links" WHERE link_id = $1`, [linkId]);
  return rows[0]?.active ?? null;
}

beforeAll(async () => {
  service = await bootAttendance();
  room = await classroom(service, 3);
  parent = await service.core.parent();
  stranger = await service.core.parent();
  const startsAt = new Date(Date.now() + 24 * 60 * MINUTE);
  const created = await service.rpc.call(
    attendanceRpc.sessionsCreate,
    { courseId: room.course.id, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 50 * MINUTE).toISOString() },
    as(room.teacher),
  );
  sessionId = created.items[0]!.id;
}, 90_000);

afterAll(async () => {
  await service?.close();
});

describe('exemptions requested by linked parents', () => {
  it('a parent with an active link asks for their child, sees the request and its evidence; nobody else does', async () => {
    const child = room.students[0]!;
    const linkId = randomUUID();
    // Before the link exists the parent learns nothing about the child.
    expect(await codeOf(service.rpc.call(attendanceRpc.exemptionsCreate, { sessionId, studentId: child.id, reason: 'Flu' }, as(parent)))).toBe('NOT_FOUND');
    await linkEvent(true, linkId, child, new Date());
    await waitFor(async () => (await linkState(linkId)) === true);

    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(32, 0x20)]);
    const request = await service.rpc.call(
      attendanceRpc.exemptionsCreate,
      { sessionId, studentId: child.id, reason: 'Flu, doctor note attached', evidence: { fileName: 'note.pdf', contentBase64: pdf.toString('base64') } },
      as(parent),
    );
    expect(request).toMatchObject({ status: 'pending', student: { id: child.id }, requestedBy: parent.id, evidence: { mimeType: 'application/pdf' } });
    // The child cannot be asked for twice, by the parent or by the child.
    expect(await codeOf(service.rpc.call(attendanceRpc.exemptionsCreate, { sessionId, reason: 'Flu again' }, as(child)))).toBe('ALREADY_EXISTS');
    // A parent must name the child; a student cannot name someone else.
    expect(await codeOf(service.rpc.call(attendanceRpc.exemptionsCreate, { sessionId, reason: 'No child named' }, as(parent)))).toBe('VALIDATION_FAILED');
    expect(await codeOf(service.rpc.call(attendanceRpc.exemptionsCreate, { sessionId, studentId: room.students[2]!.id, reason: 'For a friend' }, as(room.students[1]!)))).toBe('FORBIDDEN');
    // Another parent, and the same parent for a child who is not theirs, get NOT_FOUND.
    expect(await codeOf(service.rpc.call(attendanceRpc.exemptionsCreate, { sessionId, studentId: room.students[1]!.id, reason: 'Not mine' }, as(parent)))).toBe('NOT_FOUND');
    expect(await codeOf(service.rpc.call(attendanceRpc.exemptionsCreate, { sessionId, studentId: child.id, reason: 'Not mine' }, as(stranger)))).toBe('NOT_FOUND');
    expect(await codeOf(service.rpc.call(attendanceRpc.exemptionEvidence, { exemptionId: request.id }, as(stranger)))).toBe('NOT_FOUND');

    const file = await service.rpc.call(attendanceRpc.exemptionEvidence, { exemptionId: request.id }, as(parent));
    expect(Buffer.from(file.contentBase64!, 'base64').equals(pdf)).toBe(true);
    expect((await service.rpc.call(attendanceRpc.exemptionsList, {}, as(parent))).items.map((item) => item.id)).toEqual([request.id]);
    expect((await service.rpc.call(attendanceRpc.exemptionsList, {}, as(stranger))).items).toEqual([]);
    expect((await service.rpc.call(attendanceRpc.exemptionsList, { status: 'pending' }, as(room.teacher))).items.map((item) => item.id)).toContain(request.id);

    // The decision's event names the parent who asked, so they hear of it (notifications) as the child does.
    await service.rpc.call(attendanceRpc.exemptionsDecide, { exemptionId: request.id, decision: 'approve' }, as(room.teacher));
    const [decided] = await service.dataSource.query<{ payload: { student: { id: string }; requestedBy: { id: string; role: string } | null } }[]>(
      `SELECT payload FROM "attendance"."outbox" WHERE subject = 'attendance.v1.exemption_decided' AND payload->>'exemptionId' = $1`,
      [request.id],
    );
    expect(decided!.payload).toMatchObject({ student: { id: child.id }, requestedBy: { id: parent.id, role: 'parent' } });
  });

  it('a revoked link cuts the parent off at once, and an older event redelivered late does not bring it back', async () => {
    const child = room.students[1]!;
    const linkId = randomUUID();
    const activatedAt = new Date(Date.now() - 60_000);
    await linkEvent(true, linkId, child, activatedAt);
    await waitFor(async () => (await linkState(linkId)) === true);
    await linkEvent(false, linkId, child, new Date());
    await waitFor(async () => (await linkState(linkId)) === false);
    // The activation is delivered again (a replay, or an out-of-order redelivery): the revocation stands.
    await linkEvent(true, linkId, child, activatedAt);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await linkState(linkId)).toBe(false);
    expect(await codeOf(service.rpc.call(attendanceRpc.exemptionsCreate, { sessionId, studentId: child.id, reason: 'Sick' }, as(parent)))).toBe('NOT_FOUND');
    expect((await service.rpc.call(attendanceRpc.exemptionsList, {}, as(parent))).items.every((item) => item.student.id !== child.id)).toBe(true);
  });
});
