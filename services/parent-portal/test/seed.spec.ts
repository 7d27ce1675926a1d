import { parentPortalRpc } from '@tec/shared';
import { seedLinks } from '../src/seed/seed-links';
import { as, bootPortal, count, eventCount, waitFor, type PortalTestService } from './parent-portal-test-kit';

describe('parent portal: demo seed', () => {
  let service: PortalTestService;

  beforeAll(async () => {
    service = await bootPortal();
  });
  afterAll(async () => {
    await service.close();
  });

  it('links parent@ to student@ (approved, active, announced), once however often it runs', async () => {
    const parent = await service.core.parent({ email: 'parent@tec.example' });
    const student = await service.core.student({ email: 'student@tec.example' });
    await waitFor(async () => (await count(service, `SELECT count(*) FROM "parent_portal"."users" WHERE id = ANY($1::uuid[])`, [[parent.id, student.id]])) === 2);
    expect(await seedLinks(service.dataSource)).toEqual({ created: 1 });
    expect(await seedLinks(service.dataSource)).toEqual({ created: 0 });
    const links = await service.rpc.call(parentPortalRpc.linksList, {}, as(parent));
    expect(links.items).toEqual([expect.objectContaining({ status: 'active', origin: 'admin', relationship: 'parent' })]);
    expect(await eventCount(service, 'parent_portal.v1.link_activated', { key: 'student.id', value: student.id })).toBe(1);
    expect((await service.rpc.call(parentPortalRpc.childOverview, { studentId: student.id }, as(parent))).child.id).toBe(student.id);
  });
});
