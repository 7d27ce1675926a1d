import { chatRpc, encodeCursor, isDomainError, type SafeguardingMessage, type UserProfile } from '@tec/shared';
import { z } from 'zod';
import { as, bootChat, codeOf, school, type ChatTestService, type School } from './chat-test-kit';

type Query = z.input<typeof chatRpc.safeguardingMessages.request>;

/**
 * The admins' safeguarding review over real Postgres: paging across conversations by (sent at, id), each filter,
 * what it says about the conversation, tampered cursors, who may read it, and the index each filter is read by.
 * Messages are moved into March 2020 so that a date window holds exactly this file's set.
 */
describe('chat safeguarding review', () => {
  let service: ChatTestService;
  let s: School;
  const sent: Record<string, { id: string; conversationId: string; at: string }> = {};
  const conversations: Record<'course' | 'announcement' | 'otherCourse' | 'students' | 'adminTeacher', string> = {
    course: '',
    announcement: '',
    otherCourse: '',
    students: '',
    adminTeacher: '',
  };
  const MARCH = { from: '2020-03-01T00:00:00Z', to: '2020-04-01T00:00:00Z' };

  const review = (query: Query, user: UserProfile = s.admin) => service.rpc.call(chatRpc.safeguardingMessages, query, as(user));
  const names = (items: SafeguardingMessage[]) => items.map((item) => Object.entries(sent).find(([, message]) => message.id === item.id)?.[0] ?? `other:${item.id}`);
  /** "2020-03-01T10:00:00.0001Z" → "2020-03-01T10:00:00.000100": comparable as text, to the microsecond. */
  const micros = (at: string) => {
    const [, whole, fraction = ''] = /^(.+T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(at)!;
    return `${whole}.${fraction.padEnd(6, '0')}`;
  };
  /** Newest first by (sent at, id), as the review orders them. */
  const newestFirst = (...keys: string[]) =>
    [...keys].sort((a, b) => {
      const [x, y] = [sent[a]!, sent[b]!];
      const [xAt, yAt] = [micros(x.at), micros(y.at)];
      if (xAt !== yAt) return xAt < yAt ? 1 : -1;
      return x.id < y.id ? 1 : -1;
    });
  /** Every page of a query, following nextCursor; checks hasMore agrees with it. */
  const allPages = async (query: Query) => {
    const pages: SafeguardingMessage[][] = [];
    let cursor: string | undefined;
    do {
      const page = await review({ ...query, cursor });
      expect(page.hasMore).toBe(page.nextCursor !== null);
      pages.push(page.items);
      cursor = page.nextCursor ?? undefined;
      expect(pages.length).toBeLessThan(20);
    } while (cursor);
    return pages;
  };

  beforeAll(async () => {
    service = await bootChat();
    s = await school(service);
    const [student0, student1, student2] = s.students as [UserProfile, UserProfile, UserProfile];
    const courseConversation = async (user: UserProfile, courseId: string) =>
      (await service.rpc.call(chatRpc.conversationsList, { kind: 'course', courseId }, as(user))).items[0]!.id;
    conversations.course = await courseConversation(s.teacher, s.course.id);
    conversations.otherCourse = await courseConversation(s.otherTeacher, s.otherCourse.id);
    conversations.announcement = (await service.rpc.call(chatRpc.conversationsCreate, { kind: 'announcement', title: 'Trip', courseId: s.course.id }, as(s.teacher))).id;
    conversations.students = (await service.rpc.call(chatRpc.conversationsCreate, { kind: 'direct', participantIds: [student1.id] }, as(student0))).id;
    conversations.adminTeacher = (await service.rpc.call(chatRpc.conversationsCreate, { kind: 'direct', participantIds: [s.teacher.id] }, as(s.admin))).id;

    const send = async (key: string, user: UserProfile, conversation: keyof typeof conversations, at: string) => {
      const message = await service.rpc.call(chatRpc.messagesSend, { conversationId: conversations[conversation], body: `text ${key}` }, as(user));
      await service.dataSource.query(`UPDATE "chat"."messages" SET created_at = $2 WHERE id = $1`, [message.id, at]);
      sent[key] = { id: message.id, conversationId: message.conversationId, at };
    };
    await send('m0', student1, 'course', '2020-03-01T00:00:00Z');
    // m1 and m2 fall in the same millisecond: a cursor that kept only milliseconds would skip or repeat one.
    await send('m1', student0, 'course', '2020-03-01T10:00:00.000100Z');
    await send('m2', student1, 'course', '2020-03-01T10:00:00.000200Z');
    await send('m3', s.teacher, 'announcement', '2020-03-02T09:00:00Z');
    await send('m4', s.outsider, 'otherCourse', '2020-03-03T09:00:00Z');
    await send('m5', student0, 'students', '2020-03-04T09:00:00Z');
    // m6 and m7 at the very same instant: the id breaks the tie.
    await send('m6', s.admin, 'adminTeacher', '2020-03-05T09:00:00Z');
    await send('m7', student2, 'course', '2020-03-05T09:00:00Z');
    await send('m8', student0, 'course', '2020-03-06T09:00:00Z');
    await send('m9', s.outsider, 'otherCourse', '2020-03-07T09:00:00Z');
    // Just outside the window: `to` is exclusive.
    await send('late', student0, 'course', '2020-04-01T00:00:00Z');
    await service.rpc.call(chatRpc.messagesDelete, { messageId: sent.m5!.id }, as(student0));
    await service.rpc.call(chatRpc.messagesDelete, { messageId: sent.m8!.id, reason: 'off topic' }, as(s.teacher));
    await service.rpc.call(chatRpc.messagesDelete, { messageId: sent.m9!.id, reason: 'unkind' }, as(s.admin));
  }, 90_000);

  afterAll(async () => {
    await service?.close();
  });

  it('pages across every conversation, newest first, with no message skipped or repeated', async () => {
    const everything = newestFirst('m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9');
    const pages = await allPages({ ...MARCH, limit: 3 });
    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 1]);
    expect(names(pages.flat())).toEqual(everything);
    // The same through a course's conversations (its own and its announcement), two at a time.
    const coursePages = await allPages({ ...MARCH, courseId: s.course.id, limit: 2 });
    expect(coursePages.length).toBe(3);
    expect(names(coursePages.flat())).toEqual(newestFirst('m0', 'm1', 'm2', 'm3', 'm7', 'm8'));
    // Without a window the review reaches this file's messages too, after the newer one.
    const first = await review({ limit: 1 });
    expect(names(first.items)).toEqual(['late']);
    expect(names((await review({ limit: 1, cursor: first.nextCursor! })).items)).toEqual(['m9']);
  });

  it('says where each message was sent: the conversation, its course, and whether the admin can open it', async () => {
    const { items } = await review({ ...MARCH, limit: 50 });
    const byName = new Map(names(items).map((name, index) => [name, items[index]!]));
    const course = { id: s.course.id, code: s.course.code, title: s.course.title };
    expect(byName.get('m1')!.conversation).toEqual({ id: conversations.course, kind: 'course', title: s.course.title, course, viewerIsMember: false });
    expect(byName.get('m3')!.conversation).toEqual({ id: conversations.announcement, kind: 'announcement', title: 'Trip', course, viewerIsMember: false });
    expect(byName.get('m4')!.conversation.course).toEqual({ id: s.otherCourse.id, code: s.otherCourse.code, title: s.otherCourse.title });
    const [student0, student1] = [s.students[0]!, s.students[1]!].sort((a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName) || (a.id < b.id ? -1 : 1));
    expect(byName.get('m5')!.conversation).toEqual({
      id: conversations.students,
      kind: 'direct',
      title: `${student0!.firstName} ${student0!.lastName}, ${student1!.firstName} ${student1!.lastName}`,
      course: null,
      viewerIsMember: false,
    });
    expect(byName.get('m6')!.conversation).toMatchObject({ id: conversations.adminTeacher, kind: 'direct', course: null, viewerIsMember: true });
    expect(byName.get('m8')).toMatchObject({ body: 'text m8', deletedBy: { id: s.teacher.id }, deleteReason: 'off topic', sender: { id: s.students[0]!.id } });
    expect(byName.get('m7')).toMatchObject({ deletedAt: null, deletedBy: null, deleteReason: null });
  });

  it('filters by course, conversation, sender, dates and deleted only, and they combine', async () => {
    const only = async (query: Query) => names((await review({ ...MARCH, limit: 50, ...query })).items);
    expect(await only({ courseId: s.course.id })).toEqual(newestFirst('m0', 'm1', 'm2', 'm3', 'm7', 'm8'));
    expect(await only({ courseId: s.otherCourse.id })).toEqual(newestFirst('m4', 'm9'));
    expect(await only({ conversationId: conversations.course })).toEqual(newestFirst('m0', 'm1', 'm2', 'm7', 'm8'));
    expect(await only({ senderId: s.students[0]!.id })).toEqual(newestFirst('m1', 'm5', 'm8'));
    expect(await only({ onlyDeleted: true })).toEqual(newestFirst('m5', 'm8', 'm9'));
    expect(await only({ onlyDeleted: false })).toHaveLength(10);
    expect(await only({ onlyDeleted: true, courseId: s.course.id })).toEqual(['m8']);
    expect(await only({ onlyDeleted: true, conversationId: conversations.students })).toEqual(['m5']);
    expect(await only({ senderId: s.students[0]!.id, conversationId: conversations.course })).toEqual(newestFirst('m1', 'm8'));
    // From is inclusive, to exclusive (m6 and m7 were sent at exactly `to`); offsets are understood.
    expect(await only({ from: '2020-03-02T00:00:00Z', to: '2020-03-05T09:00:00Z' })).toEqual(newestFirst('m3', 'm4', 'm5'));
    expect(await only({ from: '2020-03-01T00:00:00Z', to: '2020-03-01T00:00:01Z' })).toEqual(['m0']);
    expect(await only({ from: '2020-03-05T11:00:00+02:00', to: '2020-03-05T09:00:00.001Z' })).toEqual(newestFirst('m6', 'm7'));
    // The query string's booleans, as the gateway passes them.
    expect(await only({ onlyDeleted: 'true' as unknown as boolean, courseId: s.otherCourse.id })).toEqual(['m9']);
    // A course or a person with nothing in the window: an empty page, not an error.
    expect(await review({ ...MARCH, courseId: '00000000-0000-4000-8000-000000000000' })).toEqual({ items: [], nextCursor: null, hasMore: false });
  });

  it('refuses bad filters and any cursor it did not make', async () => {
    const refused = async (query: Record<string, unknown>) => {
      try {
        await review(query as Query);
        return 'ok';
      } catch (error) {
        if (!isDomainError(error)) throw error;
        return `${error.code}:${(error.details as { path: string }[] | undefined)?.map((issue) => issue.path).join(',') ?? ''}`;
      }
    };
    expect(await refused({ from: '2020-03-02T00:00:00Z', to: '2020-03-01T00:00:00Z' })).toBe('VALIDATION_FAILED:to');
    expect(await refused({ from: '2020-03-01T00:00:00Z', to: '2020-03-01T00:00:00Z' })).toBe('VALIDATION_FAILED:to');
    expect(await refused({ from: 'yesterday' })).toBe('VALIDATION_FAILED:from');
    expect(await refused({ courseId: 'not-a-course' })).toBe('VALIDATION_FAILED:courseId');
    expect(await refused({ limit: 201 })).toBe('VALIDATION_FAILED:limit');
    const real = (await review({ ...MARCH, limit: 1 })).nextCursor!;
    const id = sent.m1!.id;
    const tampered = [
      'garbage',
      `${real}x`,
      real.slice(0, -2),
      Buffer.from(`not a date|${id}`).toString('base64url'),
      Buffer.from(`2020-03-01T10:00:00.000Z|${id}`).toString('base64url'), // not the microsecond form it makes
      Buffer.from(`Sun Mar 01 2020|${id}`).toString('base64url'),
      Buffer.from(`2020-03-01T10:00:00.000100Z|------------------------------------`).toString('base64url'),
      encodeCursor('2020-03-01T10:00:00.000100Z', "1' OR '1'='1"),
      'x'.repeat(201),
    ];
    for (const cursor of tampered) expect([cursor, await refused({ cursor })]).toEqual([cursor, expect.stringMatching(/^VALIDATION_FAILED:cursor$/)]);
    expect(await codeOf(review({ ...MARCH, cursor: real }))).toBe('ok');
  });

  it('is for admins only: teachers, students and parents are refused', async () => {
    for (const user of [s.teacher, s.otherTeacher, s.students[0]!, s.parent]) {
      expect(await codeOf(review({}, user))).toBe('FORBIDDEN');
      expect(await codeOf(review({ courseId: s.course.id, onlyDeleted: true }, user))).toBe('FORBIDDEN');
    }
    expect(await codeOf(service.rpc.call(chatRpc.safeguardingMessages, {}, { kind: 'service', service: 'gateway' }))).toBe('FORBIDDEN');
  });

  it('reads each filter from an index in order, never sorting every message', async () => {
    const spy = jest.spyOn(service.dataSource, 'query');
    const indexesFor = async (query: Query): Promise<string[]> => {
      spy.mockClear();
      await review(query);
      const call = spy.mock.calls.find(([sql]) => typeof sql === 'string' && sql.includes('WITH page AS MATERIALIZED'));
      if (!call) throw new Error('the review query was not seen');
      const [sql, parameters] = call as [string, unknown[]];
      // On a table this small the planner would rightly scan it whole; with scans and full sorts priced out it
      // shows whether an index gives the page in order. (An incremental sort stays allowed: it orders only the
      // messages of one sender sent at the very same instant by id.)
      const plan = await service.dataSource.transaction(async (db) => {
        await db.query('SET LOCAL enable_seqscan = off');
        await db.query('SET LOCAL enable_bitmapscan = off');
        await db.query('SET LOCAL enable_sort = off');
        const [row] = await db.query<{ 'QUERY PLAN': unknown }[]>(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
        return row!['QUERY PLAN'];
      });
      // Only the part that chooses the page; the rows are then fetched by id.
      const used = new Set<string>();
      const walk = (node: Record<string, unknown>, inPage: boolean) => {
        const here = inPage || node['Subplan Name'] === 'CTE page';
        if (here && node['Relation Name'] === 'messages') used.add(String(node['Index Name'] ?? node['Node Type']));
        for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? []) walk(child, here);
      };
      walk((plan as { Plan: Record<string, unknown> }[])[0]!.Plan, false);
      return [...used].sort();
    };
    expect(await indexesFor({})).toEqual(['messages_created_idx']);
    expect(await indexesFor({ ...MARCH })).toEqual(['messages_created_idx']);
    expect(await indexesFor({ onlyDeleted: true })).toEqual(['messages_deleted_idx']);
    expect(await indexesFor({ conversationId: conversations.course })).toEqual(['messages_conversation_created_idx']);
    expect(await indexesFor({ conversationId: conversations.course, onlyDeleted: true })).toEqual(['messages_deleted_conversation_idx']);
    expect(await indexesFor({ courseId: s.course.id, cursor: (await review({ courseId: s.course.id, limit: 1 })).nextCursor! })).toEqual(['messages_conversation_created_idx']);
    expect(await indexesFor({ courseId: s.course.id, onlyDeleted: true })).toEqual(['messages_deleted_conversation_idx']);
    expect(await indexesFor({ senderId: s.students[0]!.id })).toEqual(['messages_sender_idx']);
    spy.mockRestore();
  });
});
