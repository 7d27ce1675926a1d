import { randomUUID } from 'node:crypto';
import { DEFAULT_ALERT_SETTINGS, parentPortalRpc, type AuthContext } from '@tec/shared';
import { activeLink, as, bootPortal, codeOf, count, family, mark, requestLink, session, waitFor, type Family, type PortalTestService } from './parent-portal-test-kit';

const RPC = parentPortalRpc;

/** Every parent endpoint that names a child. Each must answer NOT_FOUND unless the link is active. */
function childEndpoints(service: PortalTestService, auth: AuthContext, studentId: string): Record<string, () => Promise<unknown>> {
  return {
    childOverview: () => service.rpc.call(RPC.childOverview, { studentId }, auth),
    alertsList: () => service.rpc.call(RPC.alertsList, { studentId }, auth),
    alertsMarkReadForChild: () => service.rpc.call(RPC.alertsMarkRead, { all: true, studentId }, auth),
    alertSettingsGet: () => service.rpc.call(RPC.alertSettingsGet, { studentId }, auth),
    alertSettingsUpdate: () => service.rpc.call(RPC.alertSettingsUpdate, { studentId, settings: DEFAULT_ALERT_SETTINGS }, auth),
  };
}

async function expectShutOut(service: PortalTestService, people: Family, label: string): Promise<void> {
  const results: Record<string, string> = {};
  for (const [name, call] of Object.entries(childEndpoints(service, as(people.parent), people.student.id))) results[name] = await codeOf(call());
  expect({ label, results }).toEqual({ label, results: Object.fromEntries(Object.keys(results).map((name) => [name, 'NOT_FOUND'])) });
  const children = await service.rpc.call(RPC.childrenList, {}, as(people.parent));
  expect(children.items.map((item) => item.child.id)).not.toContain(people.student.id);
}

async function expectAllowed(service: PortalTestService, people: Family): Promise<void> {
  for (const [name, call] of Object.entries(childEndpoints(service, as(people.parent), people.student.id))) {
    expect({ name, result: await codeOf(call()) }).toEqual({ name, result: 'ok' });
  }
}

describe('parent portal: a parent sees only actively linked children (IDOR matrix)', () => {
  let service: PortalTestService;

  beforeAll(async () => {
    service = await bootPortal();
  });
  afterAll(async () => {
    await service.close();
  });

  it('not linked at all', async () => {
    await expectShutOut(service, await family(service), 'unlinked');
  });

  it('a child id that does not exist', async () => {
    const people = await family(service);
    await expectShutOut(service, { ...people, student: { ...people.student, id: randomUUID() } }, 'unknown child');
  });

  it('linked to a sibling but not to this child', async () => {
    const people = await family(service);
    await activeLink(service, people);
    const stranger = await family(service);
    await expectShutOut(service, { ...people, student: stranger.student }, 'other child');
  });

  it('pending approval', async () => {
    const people = await family(service);
    await requestLink(service, people);
    await expectShutOut(service, people, 'pending');
  });

  it('rejected', async () => {
    const people = await family(service);
    const link = await requestLink(service, people);
    await service.rpc.call(RPC.linkReject, { linkId: link.id }, as(people.admin));
    await expectShutOut(service, people, 'rejected');
  });

  it('revoked, from the next request on', async () => {
    const people = await family(service);
    const link = await activeLink(service, people);
    await expectAllowed(service, people);
    await service.rpc.call(RPC.linkRevoke, { linkId: link.id }, as(people.admin));
    await expectShutOut(service, people, 'revoked');
  });

  it('an adult child who has not consented, then consents, then withdraws: access follows at once', async () => {
    const people = await family(service, { studentDateOfBirth: '1999-01-01' });
    const link = await activeLink(service, people);
    await expectShutOut(service, people, 'adult without consent');
    await service.rpc.call(RPC.linkConsent, { linkId: link.id, consent: 'give' }, as(people.student));
    await expectAllowed(service, people);
    await service.rpc.call(RPC.linkConsent, { linkId: link.id, consent: 'withdraw' }, as(people.student));
    await expectShutOut(service, people, 'consent withdrawn');
  });

  it('other roles cannot use parent endpoints even for a real child', async () => {
    const people = await family(service);
    await activeLink(service, people);
    for (const auth of [as(people.teacher), as(people.student), as(people.admin)] as AuthContext[]) {
      for (const [name, call] of Object.entries(childEndpoints(service, auth, people.student.id))) {
        expect({ name, role: (auth as { role: string }).role, result: await codeOf(call()) }).toEqual({ name, role: (auth as { role: string }).role, result: 'FORBIDDEN' });
      }
    }
    expect(await codeOf(service.rpc.call(RPC.childOverview, { studentId: people.student.id }, { kind: 'anonymous' }))).toBe('UNAUTHENTICATED');
  });

  it("alerts of a revoked link disappear from the parent's feed and cannot be marked by id", async () => {
    const people = await family(service);
    const link = await activeLink(service, people);
    await mark(service, people, 'absent', session());
    const alerts = await waitFor(async () => {
      const page = await service.rpc.call(RPC.alertsList, {}, as(people.parent));
      return page.items.length > 0 && page;
    });
    await service.rpc.call(RPC.linkRevoke, { linkId: link.id }, as(people.parent));
    expect((await service.rpc.call(RPC.alertsList, {}, as(people.parent))).items).toEqual([]);
    expect(await service.rpc.call(RPC.alertsMarkRead, { alertIds: alerts.items.map((item) => item.id) }, as(people.parent))).toEqual({ updated: 0 });
  });

  it('another parent cannot mark my alerts read by id', async () => {
    const people = await family(service);
    await activeLink(service, people);
    await mark(service, people, 'absent', session());
    const page = await waitFor(async () => {
      const result = await service.rpc.call(RPC.alertsList, {}, as(people.parent));
      return result.items.length > 0 && result;
    });
    const other = await family(service);
    await activeLink(service, other);
    expect(await service.rpc.call(RPC.alertsMarkRead, { alertIds: page.items.map((item) => item.id) }, as(other.parent))).toEqual({ updated: 0 });
    expect(await service.rpc.call(RPC.alertsMarkRead, { alertIds: page.items.map((item) => item.id) }, as(people.parent))).toEqual({ updated: page.items.length });
    expect((await service.rpc.call(RPC.alertsList, { unreadOnly: true }, as(people.parent))).unread).toBe(0);
  });
});

describe('parent portal: access log ("who accessed my data")', () => {
  let service: PortalTestService;

  beforeAll(async () => {
    service = await bootPortal();
  });
  afterAll(async () => {
    await service.close();
  });

  it('writes one entry per access, which the student sees and nobody else but an admin', async () => {
    const people = await family(service);
    await activeLink(service, people);
    await service.rpc.call(RPC.childOverview, { studentId: people.student.id }, as(people.parent));
    await service.rpc.call(RPC.childOverview, { studentId: people.student.id }, as(people.parent));
    await service.rpc.call(RPC.alertsList, { studentId: people.student.id }, as(people.parent));
    await service.rpc.call(RPC.childrenList, {}, as(people.parent));
    await service.rpc.call(RPC.alertSettingsGet, { studentId: people.student.id }, as(people.parent));
    const log = await service.rpc.call(RPC.accessLogList, {}, as(people.student));
    expect(log.items.map((item) => item.resource)).toEqual(['alert_settings', 'dashboard', 'alerts', 'overview', 'overview']);
    expect(log.items[0]!.viewer).toMatchObject({ id: people.parent.id, firstName: people.parent.firstName, role: 'parent' });
    expect((await service.rpc.call(RPC.accessLogList, { studentId: people.student.id }, as(people.admin))).items).toHaveLength(5);
    expect(await codeOf(service.rpc.call(RPC.accessLogList, { studentId: people.student.id }, as(people.parent)))).toBe('FORBIDDEN');
    expect(await codeOf(service.rpc.call(RPC.accessLogList, { studentId: people.student.id }, as(people.teacher)))).toBe('FORBIDDEN');
    const other = await family(service);
    expect(await codeOf(service.rpc.call(RPC.accessLogList, { studentId: people.student.id }, as(other.student)))).toBe('FORBIDDEN');
  });

  it('writes nothing for a refused access', async () => {
    const people = await family(service);
    await requestLink(service, people);
    expect(await codeOf(service.rpc.call(RPC.childOverview, { studentId: people.student.id }, as(people.parent)))).toBe('NOT_FOUND');
    expect(await count(service, `SELECT count(*) FROM "parent_portal"."access_log" WHERE student_id = $1`, [people.student.id])).toBe(0);
  });
});
