import { randomUUID } from 'node:crypto';
import { chatRpc, coreEvents, parentPortalRpc, withPrefix } from '@tec/shared';
import { localMoment } from '../src/digest/period';
import { activeLink, as, bootPortal, count, family, mark, outboxPayloads, recordCount, session, waitFor, type PortalTestService } from './parent-portal-test-kit';

const RPC = parentPortalRpc;

interface DigestPayload {
  digestId: string;
  parent: { id: string };
  period: string;
  periodKey: string;
  unreadTeacherMessages?: number;
  children: { student: { id: string }; attendance: { sessions: number; absences: number; percentage: number | null }; newGrades: { percentage: number }[]; missingAssignments: unknown[]; upcomingClasses: unknown[]; alerts: number }[];
}

/** The first hour from now that is a Tuesday–Friday morning in Madrid (the test users' zone): weekly and daily both due. */
function nextWeekdayMorning(): Date {
  let at = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  for (;;) {
    const local = localMoment(at, 'Europe/Madrid');
    if (local.weekday >= 2 && local.weekday <= 5 && local.hour >= 8) return at;
    at = new Date(at.getTime() + 3_600_000);
  }
}
const RUN_AT = nextWeekdayMorning();

describe('parent portal: guardian digest', () => {
  let service: PortalTestService;

  beforeAll(async () => {
    service = await bootPortal();
  });
  afterAll(async () => {
    await service.close();
  });

  async function digestsOf(parentId: string): Promise<DigestPayload[]> {
    return (await outboxPayloads<DigestPayload>(service, 'parent_portal.v1.guardian_digest_ready')).filter((payload) => payload.parent.id === parentId);
  }

  it('covers every child of the parent in one digest, once per period, and leaves out unread messages when chat does not answer', async () => {
    const first = await family(service);
    await activeLink(service, first);
    const second = await family(service);
    await activeLink(service, { ...second, parent: first.parent });
    await service.rpc.call(RPC.digestSettingsUpdate, { weekly: true, daily: true }, as(first.parent));
    const now = new Date(RUN_AT.getTime() - 3_600_000);
    await mark(service, first, 'absent', session(new Date(now.getTime() - 2 * 86_400_000)));
    await mark(service, first, 'present', session(new Date(now.getTime() - 3 * 86_400_000)));
    await service.publish(coreEvents.gradeRecorded, {
      gradeId: randomUUID(),
      assignment: { id: randomUUID(), title: 'Quiz', dueAt: now.toISOString(), maxScore: 10 },
      course: second.course,
      student: second.student,
      score: 9,
      maxScore: 10,
      percentage: 90,
      feedback: null,
      gradedAt: now.toISOString(),
      regraded: false,
    });
    await waitFor(async () => (await recordCount(service, first.student.id)) === 2 && (await count(service, `SELECT count(*) FROM "parent_portal"."grades" WHERE student_id = $1`, [second.student.id])) === 1);

    const result = await service.digest.runOnce(RUN_AT);
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const digests = await digestsOf(first.parent.id);
    expect(digests.map((digest) => digest.period).sort()).toEqual(['daily', 'weekly']);
    const weekly = digests.find((digest) => digest.period === 'weekly')!;
    expect(weekly.children.map((child) => child.student.id).sort()).toEqual([first.student.id, second.student.id].sort());
    const firstChild = weekly.children.find((child) => child.student.id === first.student.id)!;
    expect(firstChild.attendance).toEqual({ sessions: 2, absences: 1, percentage: 50 });
    expect(weekly.children.find((child) => child.student.id === second.student.id)!.newGrades.map((item) => item.percentage)).toEqual([90]);
    // No chat service answers in this test: the field is left out rather than guessed.
    expect(weekly.unreadTeacherMessages).toBeUndefined();

    // Idempotent per period: a second pass (or a second instance) sends nothing more.
    await service.digest.runOnce(RUN_AT);
    expect(await digestsOf(first.parent.id)).toHaveLength(2);
  });

  it('skips the digest when nothing is new, and records the period as skipped', async () => {
    const people = await family(service);
    await activeLink(service, people);
    await service.digest.runOnce(RUN_AT);
    expect(await digestsOf(people.parent.id)).toEqual([]);
    expect(await count(service, `SELECT count(*) FROM "parent_portal"."digests" WHERE parent_id = $1 AND outcome = 'skipped'`, [people.parent.id])).toBe(1);
  });

  it('sends nothing to a parent who turned digests off, or whose link is not active', async () => {
    const off = await family(service);
    await activeLink(service, off);
    await service.rpc.call(RPC.digestSettingsUpdate, { weekly: false, daily: false }, as(off.parent));
    await mark(service, off, 'absent', session(new Date(Date.now() - 86_400_000)));
    const pending = await family(service);
    const { code } = await service.rpc.call(RPC.pairingCodeCreate, {}, as(pending.student));
    await service.rpc.call(RPC.linkRedeem, { code, relationship: 'guardian' }, as(pending.parent));
    await mark(service, pending, 'absent', session(new Date(Date.now() - 86_400_000)));
    await waitFor(async () => (await recordCount(service, off.student.id)) === 1 && (await recordCount(service, pending.student.id)) === 1);
    await service.digest.runOnce(RUN_AT);
    expect(await digestsOf(off.parent.id)).toEqual([]);
    expect(await digestsOf(pending.parent.id)).toEqual([]);
    expect(await service.rpc.call(RPC.digestSettingsGet, {}, as(off.parent))).toEqual({ weekly: false, daily: false });
  });

  it("includes the parent's unread teacher messages from chat (service auth), which alone make a digest worth sending", async () => {
    const people = await family(service);
    await activeLink(service, people);
    const seen: unknown[] = [];
    // A stand-in for the chat service on this test's prefix: 3 unread for this parent, none for anyone else.
    const subscription = service.nats.subscribe(withPrefix(service.prefix, chatRpc.unreadSummary.pattern), {
      callback: (_error, message) => {
        const request = JSON.parse(new TextDecoder().decode(message.data)) as { auth: unknown; payload: { userId: string } };
        seen.push(request.auth);
        const totalUnread = request.payload.userId === people.parent.id ? 3 : 0;
        message.respond(JSON.stringify({ ok: true, data: { userId: request.payload.userId, totalUnread, conversations: [] } }));
      },
    });
    try {
      await service.digest.runOnce(RUN_AT);
    } finally {
      subscription.unsubscribe();
    }
    const digests = await digestsOf(people.parent.id);
    expect(digests.map((digest) => digest.unreadTeacherMessages)).toEqual([3]);
    expect(digests[0]!.children.map((child) => child.student.id)).toEqual([people.student.id]);
    expect(seen[0]).toEqual({ kind: 'service', service: 'parent-portal' });
  });
});
