import { chatEvents, chatRpc, type ConversationDetail, type UserProfile } from '@tec/shared';
import { PresenceService } from '../src/presence/presence.service';
import { UnreadReminderJob } from '../src/reminders/unread-reminder.job';
import { as, bootChat, codeOf, contentBytes, school, uploadAttachment, waitFor, type ChatTestService, type School } from './chat-test-kit';
import { testImage } from './support/images';

const gateway = { kind: 'service' as const, service: 'gateway' };

describe('chat service', () => {
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
  const courseConversation = async (user: UserProfile) => {
    const page = await rpc().call(chatRpc.conversationsList, { kind: 'course', courseId: s.course.id }, as(user));
    return page.items[0]!;
  };
  const direct = (from: UserProfile, to: UserProfile) => rpc().call(chatRpc.conversationsCreate, { kind: 'direct', participantIds: [to.id] }, as(from));
  const send = (user: UserProfile, conversationId: string, body: string, extra: Record<string, unknown> = {}) =>
    rpc().call(chatRpc.messagesSend, { conversationId, body, ...extra }, as(user));

  it('creates the course conversation from core events: teacher as admin, enrolled students as members', async () => {
    const conversation = await rpc().call(chatRpc.conversationGet, { conversationId: (await courseConversation(s.teacher)).id }, as(s.teacher));
    expect(conversation.kind).toBe('course');
    expect(conversation.title).toBe(s.course.title);
    expect(conversation.participants.map((p) => [p.user.id, p.role]).sort()).toEqual(
      [[s.teacher.id, 'admin'], ...s.students.map((student) => [student.id, 'member'])].sort(),
    );
    // The other course's student and the parent are not in it, and can't tell it exists.
    expect(await codeOf(rpc().call(chatRpc.conversationGet, { conversationId: conversation.id }, as(s.outsider)))).toBe('NOT_FOUND');
    expect(await codeOf(rpc().call(chatRpc.messagesList, { conversationId: conversation.id }, as(s.parent)))).toBe('NOT_FOUND');
    expect(await rpc().call(chatRpc.roomAccess, { kind: 'conversation', id: conversation.id }, as(s.outsider))).toEqual({ allowed: false });
    expect(await rpc().call(chatRpc.roomAccess, { kind: 'conversation', id: conversation.id }, as(s.students[1]!))).toEqual({ allowed: true });
  });

  it('applies the safety policy to direct conversations with the real read model', async () => {
    const [child, classmate] = [s.students[0]!, s.students[1]!];
    const outcome = async (from: UserProfile, to: UserProfile) => codeOf(direct(from, to));
    expect(await outcome(child, s.teacher)).toBe('ok');
    expect(await outcome(s.teacher, classmate)).toBe('ok');
    expect(await outcome(child, classmate)).toBe('ok');
    expect(await outcome(child, s.outsider)).toBe('FORBIDDEN');
    expect(await outcome(child, s.otherTeacher)).toBe('FORBIDDEN');
    expect(await outcome(s.parent, s.teacher)).toBe('ok');
    expect(await outcome(s.parent, child)).toBe('ok');
    expect(await outcome(s.parent, classmate)).toBe('FORBIDDEN');
    expect(await outcome(classmate, s.parent)).toBe('FORBIDDEN');
    expect(await outcome(s.parent, s.otherTeacher)).toBe('FORBIDDEN');
    expect(await outcome(s.otherParent, s.teacher)).toBe('FORBIDDEN');
    expect(await outcome(s.parent, s.otherParent)).toBe('FORBIDDEN');
    expect(await outcome(s.admin, s.outsider)).toBe('ok');
    // The school turns student ↔ student off.
    await rpc().call(chatRpc.policyUpdate, { studentToStudent: false }, as(s.admin));
    expect(await outcome(classmate, s.students[2]!)).toBe('FORBIDDEN');
    expect(await codeOf(rpc().call(chatRpc.policyUpdate, { studentToStudent: true }, as(s.teacher)))).toBe('FORBIDDEN');
    await rpc().call(chatRpc.policyUpdate, { studentToStudent: true }, as(s.admin));
    // Contacts offer exactly the allowed people.
    const contacts = await rpc().call(chatRpc.contactsList, {}, as(s.parent));
    const ids = contacts.items.map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining([s.teacher.id, child.id, s.admin.id]));
    expect(ids).not.toContain(classmate.id);
    expect(ids).not.toContain(s.otherTeacher.id);
    expect(ids).not.toContain(s.otherParent.id);
  });

  it('keeps one direct conversation per pair, whoever starts it', async () => {
    const first = await direct(s.students[2]!, s.teacher);
    const second = await direct(s.teacher, s.students[2]!);
    expect(second.id).toBe(first.id);
    expect(second.created).toBe(false);
    expect(first.title).toBe(`${s.teacher.firstName} ${s.teacher.lastName}`);
  });

  it('delivers, pages history both ways, counts unread from the watermark and sends receipts', async () => {
    const conversation = await direct(s.students[1]!, s.teacher);
    const sent = [];
    for (let index = 0; index < 7; index += 1) sent.push(await send(s.students[1]!, conversation.id, `hello ${index}`));
    expect(sent.map((message) => message.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const inbox = await rpc().call(chatRpc.conversationsList, {}, as(s.teacher));
    const row = inbox.items.find((item) => item.id === conversation.id)!;
    expect(row.unreadCount).toBe(7);
    expect(row.lastMessage?.preview).toBe('hello 6');
    expect(inbox.items.find((item) => item.id === conversation.id)).toBeDefined();
    expect((await rpc().call(chatRpc.conversationsList, { unreadOnly: true }, as(s.students[1]!))).items.map((item) => item.id)).not.toContain(conversation.id);

    const latest = await rpc().call(chatRpc.messagesList, { conversationId: conversation.id, limit: 3 }, as(s.teacher));
    expect(latest.items.map((message) => message.body)).toEqual(['hello 4', 'hello 5', 'hello 6']);
    expect(latest.hasMore).toBe(true);
    const older = await rpc().call(chatRpc.messagesList, { conversationId: conversation.id, before: latest.items[0]!.id, limit: 10 }, as(s.teacher));
    expect(older.items.map((message) => message.seq)).toEqual([1, 2, 3, 4]);
    expect(older.hasMore).toBe(false);
    const after = await rpc().call(chatRpc.messagesList, { conversationId: conversation.id, after: sent[2]!.id, limit: 2 }, as(s.teacher));
    expect(after.items.map((message) => message.seq)).toEqual([4, 5]);
    expect(after.hasMore).toBe(true);

    const read = await rpc().call(chatRpc.messagesRead, { conversationId: conversation.id, messageId: sent[4]!.id }, as(s.teacher));
    expect(read).toMatchObject({ lastReadSeq: 5, unreadCount: 2, lastReadMessageId: sent[4]!.id });
    // The watermark never moves back.
    expect((await rpc().call(chatRpc.messagesRead, { conversationId: conversation.id, messageId: sent[0]!.id }, as(s.teacher))).lastReadSeq).toBe(5);
    const detail = await rpc().call(chatRpc.conversationGet, { conversationId: conversation.id }, as(s.students[1]!));
    expect(detail.participants.find((p) => p.user.id === s.teacher.id)).toMatchObject({ lastReadSeq: 5, lastReadMessageId: sent[4]!.id });
    expect(detail.unreadCount).toBe(0);
    // A resend with the same clientId is the same message.
    const once = await send(s.teacher, conversation.id, 'ok', { clientId: 'c-1' });
    const twice = await send(s.teacher, conversation.id, 'ok', { clientId: 'c-1' });
    expect(twice.id).toBe(once.id);
    expect((await rpc().call(chatRpc.conversationGet, { conversationId: conversation.id }, as(s.students[1]!))).unreadCount).toBe(1);
  });

  it('groups concurrent sends into one commit and still numbers, counts and limits them one by one', async () => {
    const [a, b, c] = s.students as [UserProfile, UserProfile, UserProfile];
    const group = await rpc().call(chatRpc.conversationsCreate, { kind: 'group', title: 'Batch', participantIds: [b.id, c.id] }, as(a));
    const other = await direct(s.teacher, c);
    const sends = [
      ...Array.from({ length: 12 }, (_, index) => send(index % 2 ? a : b, group.id, `g${index}`)),
      ...Array.from({ length: 6 }, (_, index) => send(s.teacher, other.id, `d${index}`)),
    ];
    const messages = await Promise.all(sends);
    const groupSeqs = messages.filter((message) => message.conversationId === group.id).map((message) => message.seq).sort((x, y) => x - y);
    expect(groupSeqs).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    const history = await rpc().call(chatRpc.messagesList, { conversationId: group.id, limit: 50 }, as(c));
    expect(history.items.map((message) => message.seq)).toEqual(groupSeqs);
    const unread = async (user: UserProfile, conversationId: string) => (await rpc().call(chatRpc.conversationGet, { conversationId }, as(user))).unreadCount;
    expect(await unread(c, group.id)).toBe(12);
    const lastOf = (user: UserProfile) => Math.max(...messages.filter((message) => message.conversationId === group.id && message.sender.id === user.id).map((message) => message.seq));
    expect(await unread(a, group.id)).toBe(history.items.filter((message) => message.sender.id === b.id && message.seq > lastOf(a)).length);
    expect(await unread(b, group.id)).toBe(history.items.filter((message) => message.sender.id === a.id && message.seq > lastOf(b)).length);
    expect(await unread(c, other.id)).toBe(6);
    expect((await rpc().call(chatRpc.conversationGet, { conversationId: other.id }, as(s.teacher))).participants.find((p) => p.user.id === s.teacher.id)?.lastReadSeq).toBe(6);

    await rpc().call(chatRpc.policyUpdate, { floodMaxMessages: 5, floodWindowSeconds: 60 }, as(s.admin));
    try {
      const quiet = await direct(s.otherTeacher, s.admin);
      const codes = await Promise.all(Array.from({ length: 8 }, (_, index) => codeOf(send(s.admin, quiet.id, `burst ${index}`))));
      expect(codes.filter((code) => code === 'ok')).toHaveLength(5);
      expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(3);
    } finally {
      await rpc().call(chatRpc.policyUpdate, { floodMaxMessages: 20, floodWindowSeconds: 10 }, as(s.admin));
    }
    // The same clientId sent twice at once is one message.
    const adminDirect = await direct(s.admin, s.teacher);
    const [first, second] = await Promise.all([send(s.admin, adminDirect.id, 'once', { clientId: 'twice' }), send(s.admin, adminDirect.id, 'once', { clientId: 'twice' })]);
    expect(second.id).toBe(first.id);
  });

  it('edits within the window, deletes by the rules, keeps deleted text for the safeguarding review', async () => {
    const conversationId = (await courseConversation(s.teacher)).id;
    const message = await send(s.students[1]!, conversationId, 'first draft');
    const edited = await rpc().call(chatRpc.messagesEdit, { messageId: message.id, body: 'final text' }, as(s.students[1]!));
    expect(edited).toMatchObject({ body: 'final text', isEdited: true });
    expect(await codeOf(rpc().call(chatRpc.messagesEdit, { messageId: message.id, body: 'mine now' }, as(s.students[2]!)))).toBe('FORBIDDEN');
    await service.dataSource.query(`UPDATE "chat"."messages" SET created_at = now() - interval '1 hour' WHERE id = $1`, [message.id]);
    expect(await codeOf(rpc().call(chatRpc.messagesEdit, { messageId: message.id, body: 'late' }, as(s.students[1]!)))).toBe('CONFLICT');

    expect(await codeOf(rpc().call(chatRpc.messagesDelete, { messageId: message.id }, as(s.students[2]!)))).toBe('FORBIDDEN');
    expect(await codeOf(rpc().call(chatRpc.messagesDelete, { messageId: message.id }, as(s.otherTeacher)))).toBe('NOT_FOUND');
    await rpc().call(chatRpc.messagesDelete, { messageId: message.id, reason: 'off topic' }, as(s.teacher));
    const page = await rpc().call(chatRpc.messagesList, { conversationId, after: undefined, limit: 50 }, as(s.students[0]!));
    const tombstone = page.items.find((item) => item.id === message.id)!;
    expect(tombstone).toMatchObject({ deleted: true, body: '', attachment: null });
    expect(await codeOf(rpc().call(chatRpc.safeguardingMessages, { conversationId }, as(s.teacher)))).toBe('FORBIDDEN');
    const review = await rpc().call(chatRpc.safeguardingMessages, { conversationId, onlyDeleted: true }, as(s.admin));
    expect(review.items[0]).toMatchObject({ id: message.id, body: 'final text', deleteReason: 'off topic', deletedBy: { id: s.teacher.id } });
    // Own messages: the sender deletes; an admin anywhere, without being in the conversation.
    const own = await send(s.students[2]!, conversationId, 'oops');
    expect(await rpc().call(chatRpc.messagesDelete, { messageId: own.id }, as(s.students[2]!))).toMatchObject({ deleted: true });
    const other = await send(s.students[2]!, conversationId, 'something bad');
    expect(await rpc().call(chatRpc.messagesDelete, { messageId: other.id }, as(s.admin))).toMatchObject({ deleted: true });
  });

  it('takes reports into the teachers’ and admins’ queue without revealing the reporter to the reported', async () => {
    const conversationId = (await courseConversation(s.teacher)).id;
    const bad = await send(s.students[2]!, conversationId, 'mean words');
    await rpc().call(chatRpc.reportsCreate, { messageId: bad.id, reason: 'bullying' }, as(s.students[0]!));
    expect(await codeOf(rpc().call(chatRpc.reportsCreate, { messageId: bad.id, reason: 'not in it' }, as(s.outsider)))).toBe('NOT_FOUND');
    expect(await codeOf(rpc().call(chatRpc.reportsList, {}, as(s.students[2]!)))).toBe('FORBIDDEN');
    expect((await rpc().call(chatRpc.reportsList, {}, as(s.otherTeacher))).items).toHaveLength(0);
    const queue = await rpc().call(chatRpc.reportsList, { status: 'open' }, as(s.teacher));
    expect(queue.items[0]).toMatchObject({ reason: 'bullying', reporter: { id: s.students[0]!.id }, reportedUser: { id: s.students[2]!.id }, message: { body: 'mean words' } });
    const resolved = await rpc().call(chatRpc.reportsResolve, { reportId: queue.items[0]!.id, action: 'remove', note: 'removed' }, as(s.teacher));
    expect(resolved).toMatchObject({ status: 'removed', message: { deleted: true, body: 'mean words' } });

    // A report about a teacher: the teacher never sees who reported.
    const teacherMessage = await send(s.teacher, conversationId, 'homework due friday');
    await rpc().call(chatRpc.reportsCreate, { messageId: teacherMessage.id, reason: 'unfair' }, as(s.students[1]!));
    const own = (await rpc().call(chatRpc.reportsList, { status: 'open' }, as(s.teacher))).items.find((item) => item.message.id === teacherMessage.id)!;
    expect(own.reporter).toBeNull();
    expect(await codeOf(rpc().call(chatRpc.reportsResolve, { reportId: own.id, action: 'dismiss' }, as(s.teacher)))).toBe('FORBIDDEN');
    const forAdmin = (await rpc().call(chatRpc.reportsList, { status: 'open' }, as(s.admin))).items.find((item) => item.id === own.id)!;
    expect(forAdmin.reporter?.id).toBe(s.students[1]!.id);
  });

  it('reactions, mentions (event for the mentioned participant only) and announcements', async () => {
    const conversationId = (await courseConversation(s.teacher)).id;
    const message = await send(s.teacher, conversationId, 'Quiz tomorrow @Student', { mentions: [s.students[0]!.id, s.outsider.id] });
    expect(message.mentions).toEqual([s.students[0]!.id]);
    const [event] = await service.dataSource.query<{ payload: { mentioned: { id: string }[] } }[]>(
      `SELECT payload FROM "chat"."outbox" WHERE subject = $1 AND payload->>'messageId' = $2`,
      [chatEvents.mentioned.subject, message.id],
    );
    expect(event!.payload.mentioned.map((user) => user.id)).toEqual([s.students[0]!.id]);
    const reacted = await rpc().call(chatRpc.reactionsSet, { messageId: message.id, emoji: '👍', on: true }, as(s.students[1]!));
    await rpc().call(chatRpc.reactionsSet, { messageId: message.id, emoji: '👍', on: true }, as(s.students[2]!));
    expect(reacted.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [s.students[1]!.id] }]);
    const listed = await rpc().call(chatRpc.messagesList, { conversationId, limit: 1 }, as(s.students[0]!));
    expect(listed.items[0]!.reactions[0]).toMatchObject({ emoji: '👍', count: 2 });

    const announcement = await rpc().call(chatRpc.conversationsCreate, { kind: 'announcement', title: 'Notices', courseId: s.course.id }, as(s.teacher));
    expect(announcement.participants).toHaveLength(4);
    expect(await codeOf(send(s.students[0]!, announcement.id, 'can I post?'))).toBe('FORBIDDEN');
    const notice = await send(s.teacher, announcement.id, 'No class Monday');
    expect(await rpc().call(chatRpc.reactionsSet, { messageId: notice.id, emoji: '🎉', on: true }, as(s.students[0]!))).toMatchObject({ reactions: [{ count: 1 }] });
    expect(await codeOf(rpc().call(chatRpc.conversationsCreate, { kind: 'announcement', title: 'x', courseId: s.otherCourse.id }, as(s.teacher)))).toBe('FORBIDDEN');
    expect(await codeOf(rpc().call(chatRpc.conversationsCreate, { kind: 'announcement', title: 'x', courseId: s.course.id }, as(s.students[0]!)))).toBe('FORBIDDEN');
  });

  it('manages group participants, roles, leaving, mute, archive, and drops follow enrollment', async () => {
    const [a, b, c] = s.students as [UserProfile, UserProfile, UserProfile];
    const group: ConversationDetail = await rpc().call(chatRpc.conversationsCreate, { kind: 'group', title: 'Project team', participantIds: [b.id] }, as(a));
    expect(await codeOf(rpc().call(chatRpc.participantsAdd, { conversationId: group.id, userIds: [s.outsider.id] }, as(a)))).toBe('FORBIDDEN');
    expect(await codeOf(rpc().call(chatRpc.participantsAdd, { conversationId: group.id, userIds: [c.id] }, as(b)))).toBe('FORBIDDEN');
    await rpc().call(chatRpc.participantsAdd, { conversationId: group.id, userIds: [c.id] }, as(a));
    await rpc().call(chatRpc.participantRole, { conversationId: group.id, userId: b.id, role: 'admin' }, as(a));
    const removed = await rpc().call(chatRpc.participantRemove, { conversationId: group.id, userId: c.id }, as(b));
    expect(removed.participants.map((p) => p.user.id)).not.toContain(c.id);
    expect(await codeOf(rpc().call(chatRpc.participantRemove, { conversationId: group.id, userId: a.id }, as(b)))).toBe('FORBIDDEN');
    // A parent can never be put in a group with students who are not their child.
    const teacherGroup = await rpc().call(chatRpc.conversationsCreate, { kind: 'group', title: 'Parents', participantIds: [s.parent.id] }, as(s.teacher));
    expect(await codeOf(rpc().call(chatRpc.participantsAdd, { conversationId: teacherGroup.id, userIds: [b.id] }, as(s.teacher)))).toBe('FORBIDDEN');

    await rpc().call(chatRpc.conversationSettings, { conversationId: group.id, muted: true, archived: true }, as(b));
    const inbox = await rpc().call(chatRpc.conversationsList, {}, as(b));
    expect(inbox.items.map((item) => item.id)).not.toContain(group.id);
    const archived = await rpc().call(chatRpc.conversationsList, { archived: true }, as(b));
    expect(archived.items.find((item) => item.id === group.id)).toMatchObject({ muted: true, archived: true });
    await rpc().call(chatRpc.conversationLeave, { conversationId: group.id }, as(b));
    expect(await codeOf(send(b, group.id, 'still here?'))).toBe('NOT_FOUND');
    expect(await codeOf(rpc().call(chatRpc.conversationLeave, { conversationId: (await courseConversation(a)).id }, as(a)))).toBe('CONFLICT');

    // Dropping the course removes the student from the course conversation.
    const courseId = (await courseConversation(s.teacher)).id;
    const { enrollmentId } = await service.core.enrollment(s.outsider, s.course);
    await waitFor(async () => (await rpc().call(chatRpc.roomAccess, { kind: 'conversation', id: courseId }, as(s.outsider))).allowed);
    await service.core.drop(s.outsider, s.course, enrollmentId);
    await waitFor(async () => !(await rpc().call(chatRpc.roomAccess, { kind: 'conversation', id: courseId }, as(s.outsider))).allowed);
  });

  it('searches with full text only in the caller’s own conversations', async () => {
    const mine = await direct(s.students[0]!, s.teacher);
    await send(s.students[0]!, mine.id, 'The photosynthesis worksheet is attached');
    const theirs = await direct(s.outsider, s.otherTeacher);
    await send(s.outsider, theirs.id, 'My photosynthesis answers');
    const found = await rpc().call(chatRpc.messagesSearch, { q: 'photosynthesis' }, as(s.students[0]!));
    expect(found.items.map((item) => item.conversation.id)).toEqual([mine.id]);
    expect(found.items[0]!.headline).toContain('<mark>photosynthesis</mark>');
    expect(await codeOf(rpc().call(chatRpc.messagesSearch, { q: 'photosynthesis', conversationId: theirs.id }, as(s.students[0]!)))).toBe('NOT_FOUND');
    expect((await rpc().call(chatRpc.messagesSearch, { q: 'worksheets' }, as(s.teacher))).items).toHaveLength(1);
  });

  it('checks attachments by their bytes and size, and serves them only to participants', async () => {
    const conversation = await direct(s.students[0]!, s.teacher);
    const png = await testImage(64, 32, 'png');
    const upload = (user: UserProfile, fileName: string, bytes: Buffer) =>
      uploadAttachment(service, as(user), conversation.id, fileName, bytes);
    const image = await upload(s.students[0]!, '../../../etc/cron.d/photo.png', png);
    expect(image).toMatchObject({ fileName: 'photo.png', mimeType: 'image/png', preview: true, width: 64, height: 32 });
    const [stored] = await service.dataSource.query<{ stored_name: string }[]>(`SELECT stored_name FROM "chat"."attachments" WHERE id = $1`, [image.id]);
    expect(stored!.stored_name).toBe(`${conversation.id}/${image.id}`);
    expect(await codeOf(upload(s.students[0]!, 'homework.png', Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1')))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await codeOf(upload(s.students[0]!, 'big.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 0x61)))).toBe('PAYLOAD_TOO_LARGE');
    expect(await codeOf(upload(s.outsider, 'x.png', png))).toBe('NOT_FOUND');
    // Not sent yet: only the uploader may fetch it; once sent, both participants.
    expect(await codeOf(rpc().call(chatRpc.attachmentGet, { attachmentId: image.id }, as(s.teacher)))).toBe('NOT_FOUND');
    const message = await send(s.students[0]!, conversation.id, '', { attachmentId: image.id });
    expect(message.attachment?.id).toBe(image.id);
    expect(await codeOf(send(s.students[0]!, conversation.id, 'again', { attachmentId: image.id }))).toBe('CONFLICT');
    const file = await rpc().call(chatRpc.attachmentGet, { attachmentId: image.id }, as(s.teacher));
    expect((await contentBytes(service, file)).equals(png)).toBe(true);
    expect(await codeOf(rpc().call(chatRpc.attachmentGet, { attachmentId: image.id }, as(s.students[1]!)))).toBe('NOT_FOUND');
  });

  it('limits how fast one person sends', async () => {
    await rpc().call(chatRpc.policyUpdate, { floodMaxMessages: 3, floodWindowSeconds: 60 }, as(s.admin));
    try {
      const conversation = await direct(s.otherTeacher, s.outsider);
      const codes = [];
      for (let index = 0; index < 5; index += 1) codes.push(await codeOf(send(s.otherTeacher, conversation.id, `n${index}`)));
      expect(codes).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED']);
    } finally {
      await rpc().call(chatRpc.policyUpdate, { floodMaxMessages: 20, floodWindowSeconds: 10 }, as(s.admin));
    }
  });

  it('tracks presence across connections and gateways, and reminds people who stay offline with unread messages', async () => {
    const presence = service.app.get(PresenceService);
    const user = s.students[2]!;
    const status = async () => (await rpc().call(chatRpc.presenceGet, { userIds: [user.id] }, as(s.teacher))).items[0]!.status;
    await rpc().call(chatRpc.presenceReport, { gatewayId: 'g1', changes: [{ connectionId: 'g1-a', userId: user.id, status: 'online' }] }, gateway);
    await rpc().call(chatRpc.presenceReport, { gatewayId: 'g2', changes: [{ connectionId: 'g2-b', userId: user.id, status: 'idle' }] }, gateway);
    expect(await status()).toBe('online');
    await rpc().call(chatRpc.presenceReport, { gatewayId: 'g1', changes: [{ connectionId: 'g1-a', userId: user.id, status: 'offline' }] }, gateway);
    expect(await status()).toBe('idle');
    expect(await codeOf(rpc().call(chatRpc.presenceReport, { gatewayId: 'x', changes: [{ connectionId: 'x', userId: user.id, status: 'online' }] }, as(user)))).toBe('FORBIDDEN');
    // Gateway g2 dies: no heartbeat, the sweep takes its connection away.
    await service.dataSource.query(`UPDATE "chat"."presence_connections" SET last_seen_at = now() - interval '5 minutes' WHERE gateway_id = 'g2'`);
    expect((await rpc().call(chatRpc.presenceHeartbeat, { gatewayId: 'g1', connectionIds: ['g1-zzz'] }, gateway)).unknown).toEqual(['g1-zzz']);
    await presence.sweep();
    expect(await status()).toBe('offline');

    // Offline with unread messages for longer than the policy delay: one reminder.
    const conversation = await direct(s.teacher, user);
    await send(s.teacher, conversation.id, 'Please see me after class');
    await service.dataSource.query(`UPDATE "chat"."conversations" SET activity_at = now() - interval '3 hours'`);
    await service.dataSource.query(`UPDATE "chat"."user_presence" SET changed_at = now() - interval '3 hours'`);
    const job = service.app.get(UnreadReminderJob);
    expect(await job.runOnce()).toBeGreaterThanOrEqual(1);
    const reminders = await service.dataSource.query<{ payload: { recipient: { id: string }; totalUnread: number; conversations: { preview: string }[] } }[]>(
      `SELECT payload FROM "chat"."outbox" WHERE subject = $1 AND payload->'recipient'->>'id' = $2`,
      [chatEvents.unreadReminder.subject, user.id],
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.payload.conversations.map((row) => row.preview)).toContain('Please see me after class');
    await job.runOnce();
    expect((await service.dataSource.query(`SELECT 1 FROM "chat"."outbox" WHERE subject = $1 AND payload->'recipient'->>'id' = $2`, [chatEvents.unreadReminder.subject, user.id])).length).toBe(1);

    const summary = await rpc().call(chatRpc.unreadSummary, { userId: user.id }, { kind: 'service', service: 'parent-portal' });
    expect(summary.totalUnread).toBeGreaterThanOrEqual(1);
    expect(await codeOf(rpc().call(chatRpc.unreadSummary, { userId: user.id }, as(s.parent)))).toBe('FORBIDDEN');
  });
});
