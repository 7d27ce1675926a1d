import { dataRightsRpc } from '@tec/shared';
import { asUser, codeOf, requestTestErasure, waitFor } from '@tec/shared/testing';
import { activeLink, bootPortal, count, family, mark, type PortalTestService } from './parent-portal-test-kit';

describe('parent portal data rights', () => {
  let service: PortalTestService;

  beforeAll(async () => {
    service = await bootPortal();
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  });

  it('exports a parent\'s links and alerts; erasure ends links, keeps the audit trail, deletes the rest; admins only; idempotent', async () => {
    const people = await family(service);
    const link = await activeLink(service, people);
    await mark(service, people, 'absent');
    await waitFor(async () => (await count(service, `SELECT count(*) FROM "parent_portal"."attendance_records" WHERE student_id = $1`, [people.student.id])) === 1, 20_000, 'attendance copy');

    const exported = await service.rpc.call(dataRightsRpc('parent-portal'), { userId: people.parent.id }, asUser(people.admin));
    expect(exported.sections.links).toEqual([expect.objectContaining({ id: link.id, active: true, studentId: people.student.id })]);
    expect(exported.sections.profile).toEqual([expect.objectContaining({ id: people.parent.id })]);
    const child = await service.rpc.call(dataRightsRpc('parent-portal'), { userId: people.student.id }, { kind: 'service', service: 'gateway' });
    expect(child.sections.pairingCodes).toHaveLength(1);
    expect(JSON.stringify(child.sections.pairingCodes)).not.toContain('code_hash');
    expect(await codeOf(service.rpc.call(dataRightsRpc('parent-portal'), { userId: people.parent.id }, asUser(people.parent)))).toBe('FORBIDDEN');

    const auditBefore = await count(service, `SELECT count(*) FROM "parent_portal"."link_audit" WHERE link_id = $1`, [link.id]);
    expect(auditBefore).toBeGreaterThan(0);
    const first = await requestTestErasure(service, 'parent_portal', people.student.id);
    expect(first.summary).toMatchObject({ linksEnded: 1, pairingCodesDeleted: 1, recordCopiesDeleted: 1, profilesDeidentified: 1 });
    expect(await service.dataSource.query(`SELECT active FROM "parent_portal"."links" WHERE id = $1`, [link.id])).toEqual([{ active: false }]);
    expect(await count(service, `SELECT count(*) FROM "parent_portal"."link_audit" WHERE link_id = $1`, [link.id])).toBe(auditBefore);
    expect(await count(service, `SELECT count(*) FROM "parent_portal"."attendance_records" WHERE student_id = $1`, [people.student.id])).toBe(0);
    // The parent is not erased: their profile stays.
    expect(await service.dataSource.query(`SELECT email FROM "parent_portal"."users" WHERE id = $1`, [people.parent.id])).toEqual([{ email: people.parent.email }]);
    const again = await requestTestErasure(service, 'parent_portal', people.student.id);
    expect(Object.values(again.summary).every((value) => value === 0)).toBe(true);
  }, 60_000);
});
