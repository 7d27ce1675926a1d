import { existsSync } from 'node:fs';
import path from 'node:path';
import { chatRpc, coreEvents, dataRightsRpc, exportStore, unpackDataExport, type UserProfile } from '@tec/shared';
import { erasureInboxCount, publishTestEvent, requestTestErasure, waitFor } from '@tec/shared/testing';
import { SafeguardingRetentionJob } from '../src/data-rights/safeguarding-retention.job';
import { as, bootChat, codeOf, school, uploadAttachment, type ChatTestService, type School } from './chat-test-kit';
import { testImage } from './support/images';


describe('chat data rights', () => {
  let service: ChatTestService;
  let s: School;
  let conversationId: string;
  const rpc = () => service.rpc;
  const send = (user: UserProfile, body: string, extra: Record<string, unknown> = {}) => rpc().call(chatRpc.messagesSend, { conversationId, body, ...extra }, as(user));
  const message = async (id: string) =>
    (await service.dataSource.query<{ body: string; deleted_at: Date | null; attachment_id: string | null; delete_reason: string | null }[]>(
      `SELECT body, deleted_at, attachment_id, delete_reason FROM "chat"."messages" WHERE id = $1`,
      [id],
    ))[0]!;

  beforeAll(async () => {
    service = await bootChat();
    s = await school(service);
    const page = await rpc().call(chatRpc.conversationsList, { kind: 'course', courseId: s.course.id }, as(s.teacher));
    conversationId = page.items[0]!.id;
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  });

  it('exports only the user\'s messages and memberships, to admins and services only', async () => {
    const [student, classmate] = [s.students[0]!, s.students[1]!];
    await send(student, 'my own words');
    await send(classmate, 'someone else');
    const exported = await rpc().call(dataRightsRpc('chat'), { userId: student.id }, as(s.admin));
    expect(exported.service).toBe('chat');
    expect(exported.sections.profile).toEqual([expect.objectContaining({ id: student.id, email: student.email })]);
    expect(exported.sections.messages!.map((row) => row.body)).toEqual(['my own words']);
    expect(exported.sections.conversations!.length).toBeGreaterThan(0);
    const asService = await rpc().call(dataRightsRpc('chat'), { userId: student.id }, { kind: 'service', service: 'gateway' });
    expect(asService.sections.messages).toHaveLength(1);
    expect(await codeOf(rpc().call(dataRightsRpc('chat'), { userId: student.id }, as(s.teacher)))).toBe('FORBIDDEN');
    expect(await codeOf(rpc().call(dataRightsRpc('chat'), { userId: student.id }, as(student)))).toBe('FORBIDDEN');
    expect(await codeOf(rpc().call(dataRightsRpc('chat'), { userId: student.id }, { kind: 'api_key', apiKeyId: student.id, scopes: ['users:read'] }))).toBe('FORBIDDEN');
  });

  it('an export larger than one NATS message travels through the object store, complete, and is removed once read', async () => {
    const writer = s.students[3] ?? s.students[0]!;
    // 1,500 messages of 1,000 characters: about 1.6 MB of JSON, over NATS's 1 MB message limit. In a conversation
    // of their own, so the course conversation's latest page (read by the erasure test) stays the real messages.
    const own = await rpc().call(chatRpc.conversationsCreate, { kind: 'direct', participantIds: [s.teacher.id] }, as(writer));
    await service.dataSource.query(
      `INSERT INTO "chat"."messages" (id, conversation_id, seq, sender_id, body)
       SELECT gen_random_uuid(), $1, 1000000 + g, $2, repeat('x', 990) || lpad(g::text, 10, '0') FROM generate_series(1, 1500) g`,
      [own.id, writer.id],
    );
    const reply = await rpc().call(dataRightsRpc('chat'), { userId: writer.id }, as(s.admin));
    expect(reply.stored?.bytes).toBeGreaterThan(1024 * 1024);
    expect(reply.sections).toEqual({});
    const full = await unpackDataExport(reply, service.nats, service.prefix);
    const bodies = full.sections.messages!.map((row) => row.body as string).filter((body) => body.startsWith('xxx'));
    expect(bodies).toHaveLength(1500);
    expect(new Set(bodies).size).toBe(1500);
    expect(full.sections.profile).toEqual([expect.objectContaining({ id: writer.id })]);
    const store = await exportStore(service.nats, service.prefix);
    expect(await store.exists(reply.stored!.name)).toBe(false);
  });

  it('erasure: messages become "Deleted user" entries without text or files; reported and deleted ones stay as safeguarding copies; idempotent', async () => {
    const [, , erased] = s.students as [UserProfile, UserProfile, UserProfile];
    const png = await testImage(640, 480, 'png');
    const attachment = await uploadAttachment(service, as(erased), conversationId, 'photo.png', png);
    const plain = await send(erased, 'please forget me');
    const withFile = await send(erased, 'a picture', { attachmentId: attachment.id });
    const reported = await send(erased, 'something worrying');
    await rpc().call(chatRpc.reportsCreate, { messageId: reported.id, reason: 'bullying' }, as(s.students[0]!));
    const deleted = await send(erased, 'deleted earlier');
    await rpc().call(chatRpc.messagesDelete, { messageId: deleted.id }, as(erased));
    const other = await send(s.students[0]!, 'stays');
    await rpc().call(chatRpc.reactionsSet, { messageId: other.id, emoji: '👍', on: true }, as(erased));
    const file = path.join(service.config.CHAT_ATTACHMENTS_DIR, conversationId, attachment.id);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}.thumb`)).toBe(true);

    const first = await requestTestErasure(service, 'chat', erased.id);
    expect(first.summary).toMatchObject({ messagesRedacted: 2, safeguardingCopiesKept: 1, attachmentsDeleted: 1, reactionsDeleted: 1, profilesDeidentified: 1 });
    expect(await message(plain.id)).toMatchObject({ body: '', delete_reason: 'user_erased', attachment_id: null });
    expect((await message(plain.id)).deleted_at).not.toBeNull();
    expect(await message(withFile.id)).toMatchObject({ body: '', attachment_id: null });
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.thumb`)).toBe(false);
    expect(await message(reported.id)).toMatchObject({ body: 'something worrying' });
    expect((await message(reported.id)).deleted_at).not.toBeNull();
    expect(await message(deleted.id)).toMatchObject({ body: 'deleted earlier' });
    expect(await message(other.id)).toMatchObject({ body: 'stays', deleted_at: null });
    const [profile] = await service.dataSource.query<{ first_name: string; last_name: string; email: string; active: boolean }[]>(`SELECT * FROM "chat"."users" WHERE id = $1`, [erased.id]);
    expect(profile).toMatchObject({ first_name: 'Deleted', last_name: 'user', active: false });
    expect(profile!.email).not.toContain(erased.email);
    const page = await rpc().call(chatRpc.messagesList, { conversationId }, as(s.teacher));
    expect(page.items.find((item) => item.id === plain.id)).toMatchObject({ deleted: true, body: '' });

    // The same event again (redelivery) is skipped by the inbox; a second request changes nothing.
    await requestTestErasure(service, 'chat', erased.id, { erasureId: first.erasureId, eventId: first.eventId }).catch(() => undefined);
    expect(await erasureInboxCount(service, 'chat', first.eventId)).toBe(1);
    // A core event published before the erasure but handled after it does not bring the person back.
    const late = await publishTestEvent(service.nats, service.prefix, coreEvents.userUpdated, { user: erased, active: true, changed: ['firstName'] });
    await waitFor(async () => (await erasureInboxCount(service, 'chat', late)) > 0, 20_000, 'the late user_updated');
    expect(await service.dataSource.query(`SELECT first_name, active FROM "chat"."users" WHERE id = $1`, [erased.id])).toEqual([{ first_name: 'Deleted', active: false }]);
    const again = await requestTestErasure(service, 'chat', erased.id);
    expect(Object.values(again.summary).every((count) => count === 0)).toBe(true);
  }, 60_000);

  it('retention purges safeguarding copies past the window, never one with an open report', async () => {
    const user = s.students[1]!;
    const old = await send(user, 'old deleted text');
    await rpc().call(chatRpc.messagesDelete, { messageId: old.id }, as(user));
    const photo = await uploadAttachment(service, as(user), conversationId, 'photo.jpg', await testImage(400, 300, 'jpeg'));
    await rpc().call(chatRpc.messagesDelete, { messageId: (await send(user, '', { attachmentId: photo.id })).id }, as(user));
    const photoFile = path.join(service.config.CHAT_ATTACHMENTS_DIR, conversationId, photo.id);
    expect([existsSync(photoFile), existsSync(`${photoFile}.thumb`)]).toEqual([true, true]);
    const job = service.app.get(SafeguardingRetentionJob);
    const beforeWindow = await job.runOnce(new Date());
    expect(await message(old.id)).toMatchObject({ body: 'old deleted text' });
    const later = new Date(Date.now() + (service.config.CHAT_SAFEGUARDING_RETENTION_DAYS + 1) * 86_400_000);
    const result = await job.runOnce(later);
    expect(result.purged).toBeGreaterThanOrEqual(beforeWindow.purged + 1);
    expect(await message(old.id)).toMatchObject({ body: '' });
    // The deleted photo and its thumbnail are gone with it.
    expect([existsSync(photoFile), existsSync(`${photoFile}.thumb`)]).toEqual([false, false]);
    // The reported message of the erased user is still under review.
    const [reported] = await service.dataSource.query<{ body: string }[]>(`SELECT body FROM "chat"."messages" WHERE body = 'something worrying'`);
    expect(reported).toBeDefined();
  });
});
