import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { coreRpc, dataRightsCoreRpc, dataRightsRpc, ensureDevKeys, ensureEventStream, userErasedEvents, type UserErasure } from '@tec/shared';
import { bootTestService, publishTestEvent } from '@tec/shared/testing';
import { buildServiceModule } from '../src/app.module';
import { coreConfigShape } from '../src/config';
import { coreEntities } from '../src/entities';
import { coreMigrations } from '../src/migrations';
import { as, codeOf, SERVICE, waitFor, type CoreTestService } from './core-test-kit';
import { createFactory } from './factory';

/** Core with its consumers on (the erasure confirmations) and the relay off, so the outbox stays visible. */
async function bootCoreWithConsumers(): Promise<CoreTestService> {
  const keys = ensureDevKeys(path.join(mkdtempSync(path.join(tmpdir(), 'core-keys-')), 'keys'));
  const service = await bootTestService({
    schema: 'core',
    entities: coreEntities,
    migrations: coreMigrations,
    configShape: coreConfigShape,
    buildModule: (config) => buildServiceModule(config, { events: { relay: false, retryBaseMs: 100 } }),
    env: { JWT_PRIVATE_KEY_FILE: keys.privateKeyFile, JWT_PUBLIC_KEY_FILE: keys.publicKeyFile, MISSING_ASSIGNMENT_SCAN_SECONDS: '0', ROSTER_IMPORT_POLL_SECONDS: '0', RPC_TIMEOUT_MS: '15000' },
  });
  return Object.assign(service, { factory: createFactory(service.db.dataSource) });
}

describe('core data rights', () => {
  let service: CoreTestService;
  const q = (sql: string, params: unknown[] = []) => service.db.dataSource.query(sql, params);

  beforeAll(async () => {
    service = await bootCoreWithConsumers();
    await ensureEventStream(service.nats, service.prefix);
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  });

  it('exports a user\'s account and coursework (never the password hash), audited; admins only', async () => {
    const [admin, teacher, student] = [await service.factory.admin(), await service.factory.teacher(), await service.factory.student()];
    const course = await service.factory.course({ teacher });
    await service.factory.enrollment({ course, student });
    const assignment = await service.factory.assignment({ course, title: 'Essay' });
    await q(`INSERT INTO "core"."submissions" (assignment_id, student_id, content, submitted_at) VALUES ($1, $2, 'my essay', now())`, [assignment.id, student.id]);

    const audit = await service.rpc.call(dataRightsCoreRpc.recordExport, { userId: student.id }, as(admin));
    expect(await q(`SELECT kind, actor_id FROM "core"."data_rights_requests" WHERE id = $1`, [audit.exportId])).toEqual([{ kind: 'export', actor_id: admin.id }]);
    const exported = await service.rpc.call(dataRightsRpc('core'), { userId: student.id }, as(admin));
    expect(exported.sections.account).toEqual([expect.objectContaining({ id: student.id, email: student.email })]);
    expect(JSON.stringify(exported)).not.toContain('password');
    expect(exported.sections.submissions).toEqual([expect.objectContaining({ assignment: 'Essay', content: 'my essay' })]);
    expect(exported.sections.enrollments).toHaveLength(1);
    expect(exported.sections.dataRightsRequests).toHaveLength(1);

    for (const caller of [as(teacher), as(student), SERVICE]) {
      expect(await codeOf(service.rpc.call(dataRightsCoreRpc.recordExport, { userId: student.id }, caller))).toBe('FORBIDDEN');
      expect(await codeOf(service.rpc.call(dataRightsCoreRpc.requestErasure, { userId: student.id, reason: 'because I can' }, caller))).toBe('FORBIDDEN');
    }
    expect(await codeOf(service.rpc.call(dataRightsRpc('core'), { userId: student.id }, as(teacher)))).toBe('FORBIDDEN');
    expect(await codeOf(service.rpc.call(dataRightsCoreRpc.recordExport, { userId: randomUUID() }, as(admin)))).toBe('NOT_FOUND');
  });

  it('an erasure is audited, erases core at once, publishes the request, and completes as services confirm (redelivery-safe)', async () => {
    const [admin, student] = [await service.factory.admin(), await service.factory.student()];
    const course = await service.factory.course();
    const assignment = await service.factory.assignment({ course });
    await q(`INSERT INTO "core"."submissions" (assignment_id, student_id, content, submitted_at) VALUES ($1, $2, 'private text', now())`, [assignment.id, student.id]);
    await q(`INSERT INTO "core"."grades" (assignment_id, student_id, score) VALUES ($1, $2, 8)`, [assignment.id, student.id]);

    const erasure = await service.rpc.call(dataRightsCoreRpc.requestErasure, { userId: student.id, reason: 'Student left, asked for erasure' }, as(admin));
    expect(erasure).toMatchObject({ userId: student.id, requestedBy: admin.id, status: 'pending', reason: 'Student left, asked for erasure' });
    expect(erasure.services.find((entry) => entry.service === 'core')).toMatchObject({ status: 'done', summary: { accountsDeidentified: 1, submissionTextsRemoved: 1 } });
    expect(erasure.services.filter((entry) => entry.status === 'pending')).toHaveLength(5);
    const [account] = await q(`SELECT email, first_name, last_name, active, password_hash, date_of_birth FROM "core"."users" WHERE id = $1`, [student.id]);
    expect(account).toEqual({ email: `erased-${student.id}@erased.invalid`, first_name: 'Deleted', last_name: 'user', active: false, password_hash: null, date_of_birth: null });
    expect(await q(`SELECT content FROM "core"."submissions" WHERE student_id = $1`, [student.id])).toEqual([{ content: null }]);
    expect(await q(`SELECT score FROM "core"."grades" WHERE student_id = $1`, [student.id])).toEqual([{ score: '8.00' }]);
    // Nobody writes the person back: not the admin's edit, not a reactivation, not a new password.
    for (const patch of [{ firstName: 'Again' }, { active: true }, { password: 'a-new-password-123' }, { email: 'back@tec.example' }]) {
      expect(await codeOf(service.rpc.call(coreRpc.usersUpdate, { userId: student.id, ...patch }, as(admin)))).toBe('CONFLICT');
    }
    expect((await q(`SELECT first_name, active FROM "core"."users" WHERE id = $1`, [student.id]))[0]).toEqual({ first_name: 'Deleted', active: false });
    const [event] = await q(`SELECT payload FROM "core"."outbox" WHERE subject = 'core.v1.user_erasure_requested' AND payload->>'userId' = $1`, [student.id]);
    expect(event.payload).toMatchObject({ erasureId: erasure.id, userId: student.id });

    const twice = await service.rpc.call(dataRightsCoreRpc.requestErasure, { userId: student.id, reason: 'again' }, as(admin));
    expect(twice.id).toBe(erasure.id);
    expect(await q(`SELECT count(*)::int AS n FROM "core"."outbox" WHERE subject = 'core.v1.user_erasure_requested' AND payload->>'userId' = $1`, [student.id])).toEqual([{ n: 1 }]);

    const confirm = (service_: keyof typeof userErasedEvents, id?: string) =>
      publishTestEvent(service.nats, service.prefix, userErasedEvents[service_], { erasureId: erasure.id, userId: student.id, service: service_, erasedAt: new Date().toISOString(), summary: { rows: 2 } }, { id });
    const status = async () => (await service.rpc.call(dataRightsCoreRpc.erasures, { userId: student.id }, as(admin))).items[0]!;
    const chatEventId = await confirm('chat');
    await waitFor(async () => (await status()).services.find((entry) => entry.service === 'chat')!.status === 'done', 15_000, 'chat confirmation');
    // A second confirmation of chat (another event id) does not overwrite the first.
    await publishTestEvent(service.nats, service.prefix, userErasedEvents.chat, { erasureId: erasure.id, userId: student.id, service: 'chat', erasedAt: new Date().toISOString(), summary: { rows: 99 } });
    for (const name of ['notifications', 'attendance', 'live-classes'] as const) await confirm(name);
    await waitFor(async () => (await status()).services.filter((entry) => entry.status === 'done').length === 5, 15_000, 'four confirmations');
    expect((await status()).status).toBe('pending');
    await confirm('parent-portal');
    const done: UserErasure = await waitFor(async () => ((await status()).status === 'completed' ? status() : null), 15_000, 'completion');
    expect(done.completedAt).not.toBeNull();
    expect(done.services.find((entry) => entry.service === 'chat')!.summary).toEqual({ rows: 2 });
    expect(chatEventId).toBeDefined();
    // The audit row is kept.
    expect(await q(`SELECT kind, reason FROM "core"."data_rights_requests" WHERE user_id = $1`, [student.id])).toEqual([{ kind: 'erasure', reason: 'Student left, asked for erasure' }]);
    expect(await codeOf(service.rpc.call(dataRightsCoreRpc.requestErasure, { userId: admin.id, reason: 'erase myself' }, as(admin)))).toBe('BAD_REQUEST');
  }, 60_000);
});
