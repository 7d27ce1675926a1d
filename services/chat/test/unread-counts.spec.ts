import { randomUUID } from 'node:crypto';
import { chatEvents, chatRpc, type ChatMessage, type UserProfile } from '@tec/shared';
import { requestTestErasure } from '@tec/shared/testing';
import type { EntityManager } from 'typeorm';
import { ConversationsRepository } from '../src/conversations/conversations.repository';
import { SendBatcher } from '../src/messages/send-batcher';
import { UnreadReminderJob } from '../src/reminders/unread-reminder.job';
import { as, bootChat, school, waitFor, type ChatTestService, type School } from './chat-test-kit';

/**
 * Unread counts are derived from each participant's read watermark and the conversation's last seq, minus the
 * deleted messages after the watermark (see unreadCount in src/common/sql.ts). These tests would catch a wrong
 * formula or a send path that breaks its invariant (a participant's own message after their watermark).
 */
describe('chat unread counts', () => {
  let service: ChatTestService;
  let s: School;

  beforeAll(async () => {
    service = await bootChat();
    s = await school(service);
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  });

  const rpc = () => service.rpc;
  const send = (user: UserProfile, conversationId: string, body: string, extra: Record<string, unknown> = {}) =>
    rpc().call(chatRpc.messagesSend, { conversationId, body, ...extra }, as(user));
  const remove = (user: UserProfile, message: ChatMessage) => rpc().call(chatRpc.messagesDelete, { messageId: message.id }, as(user));
  const read = (user: UserProfile, message: ChatMessage) => rpc().call(chatRpc.messagesRead, { conversationId: message.conversationId, messageId: message.id }, as(user));
  const unread = async (user: UserProfile, conversationId: string) => (await rpc().call(chatRpc.conversationGet, { conversationId }, as(user))).unreadCount;
  /** The inbox's count (the list statement), which must agree with the detail's. */
  const listed = async (user: UserProfile, conversationId: string, unreadOnly = false) =>
    (await rpc().call(chatRpc.conversationsList, { unreadOnly, limit: 100 }, as(user))).items.find((item) => item.id === conversationId)?.unreadCount;
  const group = (owner: UserProfile, title: string, others: UserProfile[]) =>
    rpc().call(chatRpc.conversationsCreate, { kind: 'group', title, participantIds: others.map((other) => other.id) }, as(owner));
  const direct = (from: UserProfile, to: UserProfile) => rpc().call(chatRpc.conversationsCreate, { kind: 'direct', participantIds: [to.id] }, as(from));
  /** A fresh student of the course, known to chat and in the course conversation. */
  const newStudent = async () => {
    const student = await service.core.student();
    await service.core.enrollment(student, s.course);
    await waitFor(async () => (await rpc().call(chatRpc.conversationsList, { kind: 'course', courseId: s.course.id }, as(student))).items.length === 1);
    return student;
  };

  it('counts, for each participant, the messages of others after their watermark when several people send in one group commit', async () => {
    const [a, b, c] = s.students as [UserProfile, UserProfile, UserProfile];
    const conversation = await group(a, 'One batch', [b, c, s.teacher]);
    const [teacherRow] = await service.dataSource.query<{ version: string }[]>(
      `SELECT xmin::text AS version FROM "chat"."participants" WHERE conversation_id = $1 AND user_id = $2`,
      [conversation.id, s.teacher.id],
    );
    // Appended in one tick: one batch, one statement. Order a, b, a, c, b → seqs 1..5.
    const batcher = service.app.get(SendBatcher);
    const plain = (sender: UserProfile, body: string) =>
      batcher.append({ id: randomUUID(), conversationId: conversation.id, senderId: sender.id, body, clientId: null, floodMax: 100, floodSeconds: 10 });
    const outcomes = await Promise.all([plain(a, 'a1'), plain(b, 'b1'), plain(a, 'a2'), plain(c, 'c1'), plain(b, 'b2')]);
    expect(outcomes.map((outcome) => outcome.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(outcomes.map((outcome) => outcome.createdAt)).size).toBe(1);
    // a read up to a2 (3), b up to b2 (5), c up to c1 (4); the teacher sent nothing.
    expect([await unread(a, conversation.id), await unread(b, conversation.id), await unread(c, conversation.id), await unread(s.teacher, conversation.id)]).toEqual([2, 0, 1, 5]);
    expect([await listed(a, conversation.id), await listed(b, conversation.id), await listed(c, conversation.id), await listed(s.teacher, conversation.id)]).toEqual([2, 0, 1, 5]);
    const detail = await rpc().call(chatRpc.conversationGet, { conversationId: conversation.id }, as(s.teacher));
    expect(Object.fromEntries(detail.participants.map((p) => [p.user.id, p.lastReadSeq]))).toEqual({ [a.id]: 3, [b.id]: 5, [c.id]: 4, [s.teacher.id]: 0 });
    // A send no longer writes the rows of the people who did not send.
    const [teacherAfter] = await service.dataSource.query<{ version: string }[]>(
      `SELECT xmin::text AS version FROM "chat"."participants" WHERE conversation_id = $1 AND user_id = $2`,
      [conversation.id, s.teacher.id],
    );
    expect(teacherAfter!.version).toBe(teacherRow!.version);

    // The same through RPC, sent at once from three people (batched as they arrive).
    const sent = await Promise.all(Array.from({ length: 9 }, (_, index) => send([a, b, c][index % 3]!, conversation.id, `r${index}`)));
    const history = (await rpc().call(chatRpc.messagesList, { conversationId: conversation.id, limit: 50 }, as(a))).items;
    expect(history.map((message) => message.seq)).toEqual(Array.from({ length: 14 }, (_, index) => index + 1));
    for (const user of [a, b, c]) {
      const ownLast = Math.max(...sent.filter((message) => message.sender.id === user.id).map((message) => message.seq));
      const expected = history.filter((message) => message.seq > ownLast).length;
      expect(history.filter((message) => message.seq > ownLast && message.sender.id === user.id)).toEqual([]);
      expect(await unread(user, conversation.id)).toBe(expected);
      expect(await listed(user, conversation.id)).toBe(expected);
    }
    expect(await unread(s.teacher, conversation.id)).toBe(14);
  });

  it('never counts a sender’s own messages, on the group commit and on the transactional path (mentions)', async () => {
    const [a, b] = s.students as [UserProfile, UserProfile];
    const conversation = await group(a, 'Own messages', [b]);
    await send(a, conversation.id, 'one');
    await send(a, conversation.id, 'two');
    expect(await unread(a, conversation.id)).toBe(0);
    expect(await unread(b, conversation.id)).toBe(2);
    await send(b, conversation.id, 'from b');
    expect(await unread(a, conversation.id)).toBe(1);
    expect(await unread(b, conversation.id)).toBe(0);
    // With a mention: the transactional append moves the sender's watermark past what they had not read.
    await send(a, conversation.id, 'hi @b', { mentions: [b.id] });
    expect(await unread(a, conversation.id)).toBe(0);
    expect(await unread(b, conversation.id)).toBe(1);
    expect(await listed(b, conversation.id, true)).toBe(1);
    expect(await listed(a, conversation.id, true)).toBeUndefined();
  });

  it('leaves deleted messages out: a deleted unread message lowers the count, a deleted read one does not', async () => {
    const reader = s.students[2]!;
    const conversation = await direct(s.teacher, reader);
    const messages: ChatMessage[] = [];
    for (const body of ['m1', 'm2', 'm3', 'm4', 'm5']) messages.push(await send(s.teacher, conversation.id, body));
    const [m1, m2, m3, m4, m5] = messages as [ChatMessage, ChatMessage, ChatMessage, ChatMessage, ChatMessage];
    expect((await read(reader, m2)).unreadCount).toBe(3);
    await remove(s.teacher, m1);
    expect(await unread(reader, conversation.id)).toBe(3);
    await remove(s.teacher, m4);
    expect(await unread(reader, conversation.id)).toBe(2);
    expect(await listed(reader, conversation.id)).toBe(2);
    // A second delete of the same message changes nothing.
    await remove(s.teacher, m4).catch(() => undefined);
    expect(await unread(reader, conversation.id)).toBe(2);
    // markRead answers from the new watermark, deleted messages left out.
    expect(await read(reader, m3)).toMatchObject({ lastReadSeq: 3, unreadCount: 1 });
    expect(await read(reader, m1)).toMatchObject({ lastReadSeq: 3, unreadCount: 1 });
    // Once the only unread message is deleted, the unread-only list leaves the conversation out.
    expect(await listed(reader, conversation.id, true)).toBe(1);
    await remove(s.teacher, m5);
    expect(await unread(reader, conversation.id)).toBe(0);
    expect(await listed(reader, conversation.id, true)).toBeUndefined();
    // The reader deletes their own message: it was never unread for them, and is no longer for the teacher.
    const own = await send(reader, conversation.id, 'mine');
    expect(await unread(s.teacher, conversation.id)).toBe(1);
    await remove(reader, own);
    expect([await unread(reader, conversation.id), await unread(s.teacher, conversation.id)]).toEqual([0, 0]);
  });

  it('starts a member who joins late, or comes back, at 0 unread', async () => {
    const [a, b, c] = s.students as [UserProfile, UserProfile, UserProfile];
    const conversation = await group(a, 'Late joiner', [b]);
    for (const body of ['x1', 'x2', 'x3']) await send(a, conversation.id, body);
    await rpc().call(chatRpc.participantsAdd, { conversationId: conversation.id, userIds: [c.id] }, as(a));
    expect(await unread(c, conversation.id)).toBe(0);
    expect(await listed(c, conversation.id)).toBe(0);
    await send(b, conversation.id, 'welcome');
    expect(await unread(c, conversation.id)).toBe(1);
    // c leaves, messages arrive (one deleted), c comes back: nothing from the time away counts.
    await rpc().call(chatRpc.conversationLeave, { conversationId: conversation.id }, as(c));
    await send(a, conversation.id, 'while away');
    await remove(a, await send(a, conversation.id, 'deleted while away'));
    await rpc().call(chatRpc.participantsAdd, { conversationId: conversation.id, userIds: [c.id] }, as(a));
    expect(await unread(c, conversation.id)).toBe(0);
    await send(a, conversation.id, 'after return');
    expect(await unread(c, conversation.id)).toBe(1);

    // Joining through enrollment (the course conversation already has messages).
    const course = (await rpc().call(chatRpc.conversationsList, { kind: 'course', courseId: s.course.id }, as(s.teacher))).items[0]!;
    await send(s.teacher, course.id, 'before the newcomer');
    const newcomer = await newStudent();
    expect(await unread(newcomer, course.id)).toBe(0);
    await send(s.teacher, course.id, 'hello newcomer');
    expect(await unread(newcomer, course.id)).toBe(1);
  });

  it('the inbox statement still reads messages only through indexes', async () => {
    const repository = service.app.get(ConversationsRepository);
    // As autovacuum keeps a real table: statistics, and a visibility map that lets the count read the index alone.
    await service.dataSource.query('VACUUM ANALYZE "chat"."messages"');
    const plan = await service.dataSource.transaction(async (db) => {
      await db.query('SET LOCAL enable_seqscan = off');
      // The repository's own statement, explained instead of run.
      const explain = { query: (sql: string, parameters: unknown[]) => db.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters) } as unknown as EntityManager;
      return (await repository.summaries(s.students[0]!.id, { archived: false, unreadOnly: true, limit: 20, cursor: null }, explain)) as unknown as { 'QUERY PLAN': { Plan: Record<string, unknown> }[] }[];
    });
    const scans = new Set<string>();
    const walk = (node: Record<string, unknown>) => {
      if (node['Relation Name'] === 'messages') scans.add(`${String(node['Node Type'])} ${String(node['Index Name'] ?? '')}`.trim());
      for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk(plan[0]!['QUERY PLAN'][0]!.Plan);
    expect([...scans].filter((scan) => !scan.startsWith('Index'))).toEqual([]);
    expect([...scans]).toContainEqual(expect.stringMatching(/ messages_deleted_seq_idx$/));
  });

  it('reminds people of exactly the conversations with unread messages, with their counts', async () => {
    const reader = await newStudent();
    const [a, b] = s.students as [UserProfile, UserProfile];
    // Two unread, then one of them deleted.
    const withTeacher = await direct(s.teacher, reader);
    const first = await send(s.teacher, withTeacher.id, 'first');
    await send(s.teacher, withTeacher.id, 'second');
    await remove(s.teacher, await send(s.teacher, withTeacher.id, 'third, deleted'));
    await read(reader, first);
    // Its only unread message deleted: nothing to remind of.
    const quietGroup = await group(a, 'Deleted only', [reader]);
    await remove(a, await send(a, quietGroup.id, 'never mind'));
    // Unread but muted.
    const muted = await direct(b, reader);
    await send(b, muted.id, 'muted');
    await rpc().call(chatRpc.conversationSettings, { conversationId: muted.id, muted: true }, as(reader));
    // Read to the end.
    const done = await direct(a, reader);
    await read(reader, await send(a, done.id, 'read'));

    expect((await rpc().call(chatRpc.conversationsList, { unreadOnly: true }, as(reader))).items.map((item) => [item.id, item.unreadCount]).sort()).toEqual(
      [[withTeacher.id, 1], [muted.id, 1]].sort(),
    );
    const summary = await rpc().call(chatRpc.unreadSummary, { userId: reader.id }, { kind: 'service', service: 'parent-portal' });
    expect(summary.totalUnread).toBe(2);
    expect(summary.conversations.map((row) => [row.conversationId, row.unread]).sort()).toEqual([[withTeacher.id, 1], [muted.id, 1]].sort());

    // Long after those messages, with the reader never connected.
    await service.app.get(UnreadReminderJob).runOnce(new Date(Date.now() + 3 * 3_600_000));
    const reminders = await service.dataSource.query<{ payload: { totalUnread: number; conversations: { id: string; unread: number; preview: string }[] } }[]>(
      `SELECT payload FROM "chat"."outbox" WHERE subject = $1 AND payload->'recipient'->>'id' = $2`,
      [chatEvents.unreadReminder.subject, reader.id],
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.payload.totalUnread).toBe(1);
    expect(reminders[0]!.payload.conversations).toEqual([expect.objectContaining({ id: withTeacher.id, unread: 1, preview: 'second' })]);
  });

  it('erasing a sender takes their unread messages out of everyone’s counts', async () => {
    const leaving = await newStudent();
    const conversation = await direct(leaving, s.teacher);
    await send(leaving, conversation.id, 'one');
    await send(leaving, conversation.id, 'two');
    expect(await unread(s.teacher, conversation.id)).toBe(2);
    await requestTestErasure(service, 'chat', leaving.id);
    expect(await unread(s.teacher, conversation.id)).toBe(0);
  });
});
