import { coreEvents, PAIRING_CODE_ALPHABET, parentPortalRpc } from '@tec/shared';
import { activeLink, as, bootPortal, codeOf, count, eventCount, family, outboxPayloads, requestLink, waitFor, type PortalTestService } from './parent-portal-test-kit';

const RPC = parentPortalRpc;
const ADULT_DOB = '1990-05-01';

describe('parent portal: pairing codes and links', () => {
  let service: PortalTestService;

  beforeAll(async () => {
    service = await bootPortal({ PARENT_PORTAL_REDEEM_MAX_FAILURES: '5', PARENT_PORTAL_REDEEM_WINDOW_MINUTES: '15' });
  });
  afterAll(async () => {
    await service.close();
  });

  it('makes 6-character codes from the unambiguous alphabet, stores only a keyed hash, expiring in 7 days', async () => {
    const { student } = await family(service);
    const created = await service.rpc.call(RPC.pairingCodeCreate, {}, as(student));
    expect(created.code).toMatch(new RegExp(`^[${PAIRING_CODE_ALPHABET}]{6}$`));
    expect(created.code).not.toMatch(/[01OIL]/);
    const days = (Date.parse(created.expiresAt) - Date.parse(created.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);
    const stored = await service.dataSource.query<{ code_hash: Buffer; hint: string }[]>(`SELECT code_hash, hint FROM "parent_portal"."pairing_codes" WHERE id = $1`, [created.id]);
    expect(stored[0]!.code_hash.length).toBe(32);
    expect(stored[0]!.code_hash.toString('utf8')).not.toContain(created.code);
    expect(stored[0]!.hint).toBe(created.code.slice(-2));
    const listed = await service.rpc.call(RPC.pairingCodesList, {}, as(student));
    expect(listed.items.map((item) => item.id)).toEqual([created.id]);
    expect(JSON.stringify(listed)).not.toContain(created.code);
  });

  it('allows at most 5 active codes per student; revoking one frees a slot; only students and admins make codes', async () => {
    const { student, parent, teacher, admin } = await family(service);
    const codes = [];
    for (let index = 0; index < 5; index += 1) codes.push(await service.rpc.call(RPC.pairingCodeCreate, {}, as(student)));
    expect(await codeOf(service.rpc.call(RPC.pairingCodeCreate, {}, as(student)))).toBe('PAIRING_CODE_LIMIT');
    expect(await codeOf(service.rpc.call(RPC.pairingCodeCreate, { studentId: student.id }, as(admin)))).toBe('PAIRING_CODE_LIMIT');
    await service.rpc.call(RPC.pairingCodeRevoke, { codeId: codes[0]!.id }, as(student));
    expect(await codeOf(service.rpc.call(RPC.pairingCodeCreate, { studentId: student.id }, as(admin)))).toBe('ok');
    expect(await codeOf(service.rpc.call(RPC.pairingCodeCreate, {}, as(parent)))).toBe('FORBIDDEN');
    expect(await codeOf(service.rpc.call(RPC.pairingCodeCreate, {}, as(teacher)))).toBe('FORBIDDEN');
    const other = await service.core.student();
    await waitFor(() => count(service, `SELECT count(*) FROM "parent_portal"."users" WHERE id = $1`, [other.id]));
    expect(await codeOf(service.rpc.call(RPC.pairingCodeCreate, { studentId: student.id }, as(other)))).toBe('FORBIDDEN');
    expect(await codeOf(service.rpc.call(RPC.pairingCodeRevoke, { codeId: codes[1]!.id }, as(other)))).toBe('NOT_FOUND');
  });

  it('accepts concurrent code requests up to the limit only', async () => {
    const { student } = await family(service);
    const results = await Promise.all(Array.from({ length: 8 }, () => codeOf(service.rpc.call(RPC.pairingCodeCreate, {}, as(student)))));
    expect(results.filter((result) => result === 'ok')).toHaveLength(5);
    expect(results.filter((result) => result === 'PAIRING_CODE_LIMIT')).toHaveLength(3);
  });

  it('a code is single use, even when two parents redeem it at once, and normalises what the parent types', async () => {
    const { student, parent } = await family(service);
    const second = await service.core.parent();
    await waitFor(() => count(service, `SELECT count(*) FROM "parent_portal"."users" WHERE id = $1`, [second.id]));
    const { code } = await service.rpc.call(RPC.pairingCodeCreate, {}, as(student));
    const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`;
    const results = await Promise.all([
      codeOf(service.rpc.call(RPC.linkRedeem, { code: typed, relationship: 'parent' }, as(parent))),
      codeOf(service.rpc.call(RPC.linkRedeem, { code, relationship: 'guardian' }, as(second))),
    ]);
    expect(results.sort()).toEqual(['PAIRING_CODE_INVALID', 'ok']);
    expect(await count(service, `SELECT count(*) FROM "parent_portal"."links" WHERE student_id = $1`, [student.id])).toBe(1);
  });

  it('rejects an expired code with the same answer as a wrong one', async () => {
    const { student, parent } = await family(service);
    const created = await service.rpc.call(RPC.pairingCodeCreate, {}, as(student));
    await service.dataSource.query(`UPDATE "parent_portal"."pairing_codes" SET expires_at = now() - interval '1 second' WHERE id = $1`, [created.id]);
    expect(await codeOf(service.rpc.call(RPC.linkRedeem, { code: created.code, relationship: 'parent' }, as(parent)))).toBe('PAIRING_CODE_INVALID');
    expect((await service.rpc.call(RPC.pairingCodesList, {}, as(student))).items).toHaveLength(0);
  });

  it('locks a parent account out after 5 wrong codes (persisted, whatever the IP), even for a right code', async () => {
    const { student, parent } = await family(service);
    const { code } = await service.rpc.call(RPC.pairingCodeCreate, {}, as(student));
    const wrong = code === 'ABCDEF' ? 'ABCDEG' : 'ABCDEF';
    const answers = [];
    for (let index = 0; index < 5; index += 1) answers.push(await codeOf(service.rpc.call(RPC.linkRedeem, { code: wrong, relationship: 'parent' }, as(parent))));
    expect(answers).toEqual(['PAIRING_CODE_INVALID', 'PAIRING_CODE_INVALID', 'PAIRING_CODE_INVALID', 'PAIRING_CODE_INVALID', 'RATE_LIMITED']);
    expect(await codeOf(service.rpc.call(RPC.linkRedeem, { code, relationship: 'parent' }, as(parent)))).toBe('RATE_LIMITED');
    const rows = await service.dataSource.query<{ locked_until: Date }[]>(`SELECT locked_until FROM "parent_portal"."redeem_throttle" WHERE parent_id = $1`, [parent.id]);
    expect(rows[0]!.locked_until.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    // The code was not used up by the locked-out attempt.
    expect((await service.rpc.call(RPC.pairingCodesList, {}, as(student))).items).toHaveLength(1);
    // Malformed input counts too (no free probing).
    const other = await service.core.parent();
    await waitFor(() => count(service, `SELECT count(*) FROM "parent_portal"."users" WHERE id = $1`, [other.id]));
    expect(await codeOf(service.rpc.call(RPC.linkRedeem, { code: '!!', relationship: 'parent' }, as(other)))).toBe('PAIRING_CODE_INVALID');
    expect(await count(service, `SELECT failures FROM "parent_portal"."redeem_throttle" WHERE parent_id = $1`, [other.id])).toBe(1);
  });

  it('only parents redeem codes', async () => {
    const { student, teacher } = await family(service);
    const { code } = await service.rpc.call(RPC.pairingCodeCreate, {}, as(student));
    expect(await codeOf(service.rpc.call(RPC.linkRedeem, { code, relationship: 'parent' }, as(teacher)))).toBe('FORBIDDEN');
    expect(await codeOf(service.rpc.call(RPC.linkRedeem, { code, relationship: 'parent' }, { kind: 'anonymous' }))).toBe('UNAUTHENTICATED');
  });

  it('a redeemed code makes a pending link, announced to the approvers; an admin approves it and it becomes active', async () => {
    const people = await family(service);
    const link = await requestLink(service, people);
    expect(link).toMatchObject({ status: 'pending_approval', consent: 'not_required', origin: 'pairing_code', relationship: 'parent' });
    const requested = (await outboxPayloads<{ linkId: string; approvers: { id: string }[]; consentRequired: boolean }>(service, 'parent_portal.v1.link_requested')).find(
      (payload) => payload.linkId === link.id,
    )!;
    expect(requested.approvers.map((approver) => approver.id)).toContain(people.admin.id);
    expect(requested.consentRequired).toBe(false);
    // Teachers do not approve while the school says admins do.
    expect(await codeOf(service.rpc.call(RPC.linkApprove, { linkId: link.id }, as(people.teacher)))).toBe('NOT_FOUND');
    expect(await codeOf(service.rpc.call(RPC.linksList, { status: 'pending_approval' }, as(people.teacher)))).toBe('FORBIDDEN');
    const queue = await service.rpc.call(RPC.linksList, { status: 'pending_approval' }, as(people.admin));
    expect(queue.items.map((item) => item.id)).toContain(link.id);
    const approved = await service.rpc.call(RPC.linkApprove, { linkId: link.id, note: 'checked ID' }, as(people.admin));
    expect(approved).toMatchObject({ status: 'active', decidedBy: people.admin.id, decisionNote: 'checked ID' });
    expect(await eventCount(service, 'parent_portal.v1.link_activated', { key: 'linkId', value: link.id })).toBe(1);
    expect(await codeOf(service.rpc.call(RPC.linkApprove, { linkId: link.id }, as(people.admin)))).toBe('CONFLICT');
    // A second code for the same pair is refused while the link is open, and the code stays usable.
    expect(await codeOf(requestLink(service, people))).toBe('ALREADY_EXISTS');
    const history = await service.rpc.call(RPC.linkHistory, { linkId: link.id }, as(people.student));
    expect(history.items.map((item) => item.action)).toEqual(['requested', 'approved', 'activated']);
  });

  it('lets a course teacher of the child approve when the school chooses so, but not a teacher of another course', async () => {
    const people = await family(service);
    const stranger = await service.core.teacher();
    await service.core.course({ teachers: [stranger] });
    await waitFor(() => count(service, `SELECT count(*) FROM "parent_portal"."course_teachers" WHERE teacher_id = $1`, [stranger.id]));
    expect(await codeOf(service.rpc.call(RPC.settingsUpdate, { linkApprover: 'course_teacher' }, as(people.teacher)))).toBe('FORBIDDEN');
    await service.rpc.call(RPC.settingsUpdate, { linkApprover: 'course_teacher' }, as(people.admin));
    try {
      const link = await requestLink(service, people);
      const requested = (await outboxPayloads<{ linkId: string; approvers: { id: string }[] }>(service, 'parent_portal.v1.link_requested')).find((payload) => payload.linkId === link.id)!;
      expect(requested.approvers.map((approver) => approver.id)).toEqual(expect.arrayContaining([people.admin.id, people.teacher.id]));
      expect(requested.approvers.map((approver) => approver.id)).not.toContain(stranger.id);
      expect((await service.rpc.call(RPC.linksList, { status: 'pending_approval' }, as(stranger))).items.map((item) => item.id)).not.toContain(link.id);
      expect(await codeOf(service.rpc.call(RPC.linkApprove, { linkId: link.id }, as(stranger)))).toBe('NOT_FOUND');
      expect((await service.rpc.call(RPC.linksList, { status: 'pending_approval' }, as(people.teacher))).items.map((item) => item.id)).toContain(link.id);
      expect((await service.rpc.call(RPC.linkApprove, { linkId: link.id }, as(people.teacher))).status).toBe('active');
    } finally {
      await service.rpc.call(RPC.settingsUpdate, { linkApprover: 'admin' }, as(people.admin));
    }
  });

  it('a rejected link never becomes active, and a new code may start over', async () => {
    const people = await family(service);
    const link = await requestLink(service, people);
    const rejected = await service.rpc.call(RPC.linkReject, { linkId: link.id, note: 'unknown adult' }, as(people.admin));
    expect(rejected.status).toBe('rejected');
    expect(await eventCount(service, 'parent_portal.v1.link_activated', { key: 'linkId', value: link.id })).toBe(0);
    expect((await requestLink(service, people)).status).toBe('pending_approval');
  });

  it('an admin links directly; the parent or an admin can revoke, which deactivates and is announced', async () => {
    const people = await family(service);
    expect(await codeOf(service.rpc.call(RPC.linkCreate, { parentId: people.parent.id, studentId: people.student.id, relationship: 'guardian' }, as(people.teacher)))).toBe('FORBIDDEN');
    expect(await codeOf(service.rpc.call(RPC.linkCreate, { parentId: people.student.id, studentId: people.student.id, relationship: 'guardian' }, as(people.admin)))).toBe('VALIDATION_FAILED');
    const link = await service.rpc.call(RPC.linkCreate, { parentId: people.parent.id, studentId: people.student.id, relationship: 'guardian' }, as(people.admin));
    expect(link).toMatchObject({ status: 'active', origin: 'admin', relationship: 'guardian' });
    // A minor cannot cut their parent off; another parent cannot either.
    expect(await codeOf(service.rpc.call(RPC.linkRevoke, { linkId: link.id }, as(people.student)))).toBe('NOT_FOUND');
    const other = await service.core.parent();
    await waitFor(() => count(service, `SELECT count(*) FROM "parent_portal"."users" WHERE id = $1`, [other.id]));
    expect(await codeOf(service.rpc.call(RPC.linkRevoke, { linkId: link.id }, as(other)))).toBe('NOT_FOUND');
    expect(await codeOf(service.rpc.call(RPC.linkHistory, { linkId: link.id }, as(other)))).toBe('NOT_FOUND');
    const revoked = await service.rpc.call(RPC.linkRevoke, { linkId: link.id }, as(people.parent));
    expect(revoked.status).toBe('revoked');
    const deactivated = await outboxPayloads<{ linkId: string; reason: string }>(service, 'parent_portal.v1.link_deactivated');
    expect(deactivated.filter((payload) => payload.linkId === link.id)).toEqual([expect.objectContaining({ reason: 'revoked_by_parent' })]);
    expect(await codeOf(service.rpc.call(RPC.linkRevoke, { linkId: link.id }, as(people.admin)))).toBe('CONFLICT');
  });

  it('an adult student must consent; withdrawing consent deactivates at once; giving it again reactivates', async () => {
    const people = await family(service, { studentDateOfBirth: ADULT_DOB });
    const link = await activeLink(service, people);
    expect(link).toMatchObject({ status: 'pending_consent', consent: 'pending' });
    expect(link.student.adult).toBe(true);
    expect(await codeOf(service.rpc.call(RPC.linkConsent, { linkId: link.id, consent: 'give' }, as(people.parent)))).toBe('FORBIDDEN');
    const given = await service.rpc.call(RPC.linkConsent, { linkId: link.id, consent: 'give' }, as(people.student));
    expect(given.status).toBe('active');
    const withdrawn = await service.rpc.call(RPC.linkConsent, { linkId: link.id, consent: 'withdraw' }, as(people.student));
    expect(withdrawn).toMatchObject({ status: 'consent_withdrawn', consent: 'withdrawn' });
    expect(await count(service, `SELECT count(*) FROM "parent_portal"."links" WHERE id = $1 AND active`, [link.id])).toBe(0);
    const reasons = (await outboxPayloads<{ linkId: string; reason: string }>(service, 'parent_portal.v1.link_deactivated')).filter((payload) => payload.linkId === link.id);
    expect(reasons.map((payload) => payload.reason)).toEqual(['consent_withdrawn']);
    expect((await service.rpc.call(RPC.linkConsent, { linkId: link.id, consent: 'give' }, as(people.student))).status).toBe('active');
    expect(await eventCount(service, 'parent_portal.v1.link_activated', { key: 'linkId', value: link.id })).toBe(2);
  });

  it('a minor cannot consent; a bachelor enrollment makes a student an adult who must consent', async () => {
    const minor = await family(service);
    const minorLink = await activeLink(service, minor);
    expect(await codeOf(service.rpc.call(RPC.linkConsent, { linkId: minorLink.id, consent: 'withdraw' }, as(minor.student)))).toBe('FORBIDDEN');

    const bachelor = await family(service, { level: 'bachelor' });
    const link = await activeLink(service, bachelor);
    expect(link).toMatchObject({ status: 'pending_consent' });
    const requested = (await outboxPayloads<{ linkId: string; consentRequired: boolean }>(service, 'parent_portal.v1.link_requested')).find((payload) => payload.linkId === link.id)!;
    expect(requested.consentRequired).toBe(true);
  });

  it('an 18th birthday (a corrected date of birth) cuts an unconsented link, and the daily pass catches birthdays', async () => {
    const people = await family(service);
    const link = await activeLink(service, people);
    expect(link.status).toBe('active');
    await service.publish(coreEvents.userUpdated, { user: { ...people.student, dateOfBirth: ADULT_DOB }, active: true, changed: ['dateOfBirth'] });
    await waitFor(async () => (await count(service, `SELECT count(*) FROM "parent_portal"."links" WHERE id = $1 AND NOT active`, [link.id])) === 1);
    const reasons = (await outboxPayloads<{ linkId: string; reason: string }>(service, 'parent_portal.v1.link_deactivated')).filter((payload) => payload.linkId === link.id);
    expect(reasons.map((payload) => payload.reason)).toEqual(['consent_required']);

    // A birthday passes without any event: the scheduled pass re-checks.
    const other = await family(service);
    const otherLink = await activeLink(service, other);
    await service.dataSource.query(`UPDATE "parent_portal"."users" SET date_of_birth = current_date - interval '18 years' WHERE id = $1`, [other.student.id]);
    const result = await service.digest.runOnce();
    expect(result.linksRechecked).toBeGreaterThanOrEqual(1);
    expect((await service.rpc.call(RPC.linksList, {}, as(other.parent))).items.find((item) => item.id === otherLink.id)!.status).toBe('pending_consent');
  });

  it('lists links per role: a parent sees only their own, a student only theirs', async () => {
    const a = await family(service);
    const b = await family(service);
    const linkA = await requestLink(service, a);
    const linkB = await requestLink(service, b);
    const parentView = await service.rpc.call(RPC.linksList, {}, as(a.parent));
    expect(parentView.items.map((item) => item.id)).toEqual([linkA.id]);
    const studentView = await service.rpc.call(RPC.linksList, {}, as(b.student));
    expect(studentView.items.map((item) => item.id)).toEqual([linkB.id]);
    expect((await service.rpc.call(RPC.linksList, { studentId: b.student.id }, as(a.parent))).items).toEqual([]);
  });
});
