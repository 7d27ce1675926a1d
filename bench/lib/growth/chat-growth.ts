/**
 * Chat reads while ONE conversation grows to a million messages: the reader's conversation list, the newest page
 * of the conversation and a page before a cursor in the middle of its history. Through the built chat service
 * (its own process) over NATS request/reply, as the gateway calls it.
 *
 * The data goes straight into the chat schema with generate_series, keeping what the service maintains itself
 * consistent: the conversation's `last_seq`, `last_message_id` and `activity_at`, and every participant's read
 * watermark (`last_read_seq`), never below their own latest message (the invariant unread counts are derived from,
 * see `unreadCount` in services/chat/src/common/sql.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chatRpc, type AuthContext } from '@tec/shared';
import { createTestDatabase, type TestNats } from '@tec/shared/testing';
import type { DataSource, EntityManager } from 'typeorm';
import { ConversationsRepository } from '../../../services/chat/src/conversations/conversations.repository';
import { chatEntities } from '../../../services/chat/src/entities';
import { MessagesRepository } from '../../../services/chat/src/messages/messages.repository';
import { chatMigrations } from '../../../services/chat/src/migrations';
import { stopProcess } from '../processes';
import { captureStatement, PlanBook, reportGrowth, seconds, settleTables, startService, timeCalls, type SizePoint } from './growth-kit';

const SIZES = (process.env.BENCH_GROWTH_CHAT_SIZES ?? '1000,10000,100000,1000000').split(',').map(Number);
const CLASS_SIZE = 30;
const OTHER_CONVERSATIONS = 19;
/** The rest of the school: other classes the reader is not in, so the tables are not just the reader's rows. */
const SCHOOL_CLASSES = 200;
const SCHOOL_CLASS_SIZE = 25;
const MESSAGES_PER_OTHER = 20;
/** The newest message of the largest size is about now; earlier ones are 10 s apart. */
const SPACING_SECONDS = 10;
const PAGE = 50;
const C = '"chat"';

interface School {
  courseId: string;
  conversationId: string;
  reader: string;
  members: string[];
  base: Date;
}

async function seedSchool(db: DataSource): Promise<School> {
  const teacher = randomUUID();
  const students = Array.from({ length: CLASS_SIZE - 1 }, () => randomUUID());
  const others = Array.from({ length: OTHER_CONVERSATIONS * 3 }, () => randomUUID());
  const reader = students[0]!;
  const people = [
    [teacher, 'teacher'],
    ...students.map((id) => [id, 'student']),
    ...others.map((id) => [id, 'student']),
  ];
  await db.query(
    `INSERT INTO ${C}."users" (id, email, first_name, last_name, role, timezone, locale)
     SELECT p.id, 'u' || n || '@growth.example', 'First' || n, 'Last' || n, p.role, 'UTC', 'en' FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS p(id, role, n)`,
    [people.map((p) => p[0]), people.map((p) => p[1])],
  );
  const courseId = randomUUID();
  const conversationId = randomUUID();
  await db.query(`INSERT INTO ${C}."courses" (id, code, title) VALUES ($1, 'MATH-12A', 'Mathematics 12A')`, [courseId]);
  await db.query(`INSERT INTO ${C}."course_teachers" (course_id, teacher_id) VALUES ($1, $2)`, [courseId, teacher]);
  await db.query(`INSERT INTO ${C}."enrollments" (course_id, student_id, active, enrolled_at) SELECT $1, s, true, now() - interval '200 days' FROM unnest($2::uuid[]) AS s`, [
    courseId,
    students,
  ]);
  await db.query(
    `INSERT INTO ${C}."conversations" (id, kind, title, course_id, auto_membership, created_at, activity_at) VALUES ($1, 'course', 'Mathematics 12A', $2, true, now() - interval '200 days', now() - interval '200 days')`,
    [conversationId, courseId],
  );
  await db.query(
    `INSERT INTO ${C}."participants" (conversation_id, user_id, role, joined_at) SELECT $1, m.id, m.role, now() - interval '200 days' FROM unnest($2::uuid[], $3::text[]) AS m(id, role)`,
    [conversationId, [teacher, ...students], ['owner', ...students.map(() => 'member')]],
  );
  // The reader's other conversations (direct and group), each with a short history, older than the class's.
  for (let index = 0; index < OTHER_CONVERSATIONS; index += 1) {
    const id = randomUUID();
    const direct = index < 12;
    const members = direct ? [reader, others[index]!] : [reader, ...others.slice(index * 3, index * 3 + 3)];
    await db.query(
      `INSERT INTO ${C}."conversations" (id, kind, title, direct_key, created_by, created_at, activity_at)
       VALUES ($1, $2, $3, $4, $5, now() - interval '300 days', now() - interval '300 days')`,
      [id, direct ? 'direct' : 'group', direct ? '' : `Study group ${index}`, direct ? [...members].sort().join(':') : null, reader],
    );
    await db.query(`INSERT INTO ${C}."participants" (conversation_id, user_id, role, joined_at) SELECT $1, m, 'member', now() - interval '300 days' FROM unnest($2::uuid[]) AS m`, [
      id,
      members,
    ]);
    await appendMessages(db, id, members, 1, MESSAGES_PER_OTHER, new Date(Date.now() - (300 - index) * 86_400_000));
    await settleCounters(db, id, MESSAGES_PER_OTHER, reader);
  }
  await seedOtherClasses(db);
  const [row] = await db.query<{ base: Date }[]>(`SELECT now() - make_interval(secs => $1::float8) AS base`, [SIZES[SIZES.length - 1]! * SPACING_SECONDS]);
  return { courseId, conversationId, reader, members: [teacher, ...students], base: row!.base };
}

/** Class conversations of other students, each with a short history and settled counters. */
async function seedOtherClasses(db: DataSource): Promise<void> {
  const conversations = Array.from({ length: SCHOOL_CLASSES }, () => randomUUID());
  const people = Array.from({ length: SCHOOL_CLASSES * SCHOOL_CLASS_SIZE }, () => randomUUID());
  await db.query(
    `INSERT INTO ${C}."users" (id, email, first_name, last_name, role, timezone, locale)
     SELECT id, id || '@growth.example', 'First', 'Last' || n, 'student', 'UTC', 'en' FROM unnest($1::uuid[]) WITH ORDINALITY AS p(id, n)`,
    [people],
  );
  await db.query(
    `INSERT INTO ${C}."conversations" (id, kind, title, created_at, activity_at)
     SELECT id, 'group', 'Class ' || n, now() - interval '200 days', now() - interval '200 days' FROM unnest($1::uuid[]) WITH ORDINALITY AS c(id, n)`,
    [conversations],
  );
  await db.query(
    `INSERT INTO ${C}."participants" (conversation_id, user_id, role, joined_at)
     SELECT ($1::uuid[])[1 + (n - 1) / ${SCHOOL_CLASS_SIZE}], id, 'member', now() - interval '200 days' FROM unnest($2::uuid[]) WITH ORDINALITY AS p(id, n)`,
    [conversations, people],
  );
  for (const [index, id] of conversations.entries()) {
    const members = people.slice(index * SCHOOL_CLASS_SIZE, (index + 1) * SCHOOL_CLASS_SIZE);
    await appendMessages(db, id, members, 1, MESSAGES_PER_OTHER, new Date(Date.now() - 200 * 86_400_000));
    await settleCounters(db, id, MESSAGES_PER_OTHER, members[0]!);
  }
}

/**
 * Messages `from`..`to` of a conversation in one statement: senders in turn, one in 500 deleted by its sender,
 * and one in 40 with a reaction or two (the page reads reactions too).
 */
async function appendMessages(db: DataSource, conversationId: string, senders: string[], from: number, to: number, base: Date): Promise<void> {
  await db.query(
    `INSERT INTO ${C}."messages" (id, conversation_id, seq, sender_id, body, created_at, deleted_at, deleted_by, delete_reason)
     SELECT gen_random_uuid(), $1, g, s.sender,
            'Message ' || g || ' about ' || (ARRAY['the homework', 'tomorrow''s quiz', 'the lab report', 'chapter four', 'the field trip'])[1 + g % 5],
            $3::timestamptz + make_interval(secs => g * ${SPACING_SECONDS}),
            CASE WHEN g % 500 = 250 THEN $3::timestamptz + make_interval(secs => g * ${SPACING_SECONDS} + 60) END,
            CASE WHEN g % 500 = 250 THEN s.sender END,
            CASE WHEN g % 500 = 250 THEN 'sent by mistake' END
       FROM generate_series($4::bigint, $5::bigint) AS g,
            LATERAL (SELECT ($2::uuid[])[1 + (g * 7) % cardinality($2::uuid[])] AS sender) s`,
    [conversationId, senders, base, from, to],
  );
  await db.query(
    `INSERT INTO ${C}."reactions" (message_id, user_id, emoji, created_at)
     SELECT m.id, ($2::uuid[])[1 + (m.seq * 3 + k) % cardinality($2::uuid[])], (ARRAY['👍', '🎉'])[k], m.created_at + interval '1 minute'
       FROM ${C}."messages" m, generate_series(1, 2) AS k
      WHERE m.conversation_id = $1 AND m.seq BETWEEN $3 AND $4 AND m.seq % 40 = 0 AND (k = 1 OR m.seq % 80 = 0)
     ON CONFLICT DO NOTHING`,
    [conversationId, senders, from, to],
  );
}

/**
 * What the send path keeps up to date: the conversation's last seq, last message and activity time; each
 * participant's watermark (the reader is 3 behind, the others 0–5), at least their own latest message as sending
 * moves it.
 */
async function settleCounters(db: DataSource, conversationId: string, lastSeq: number, reader: string): Promise<void> {
  await db.query(
    `UPDATE ${C}."conversations" c SET last_seq = m.seq, last_message_id = m.id, activity_at = m.created_at
       FROM ${C}."messages" m WHERE c.id = $1 AND m.conversation_id = $1 AND m.seq = $2`,
    [conversationId, lastSeq],
  );
  await db.query(
    `UPDATE ${C}."participants" p SET last_read_seq = GREATEST(0, $2 - CASE WHEN p.user_id = $3 THEN 3 ELSE abs(hashtext(p.user_id::text)) % 6 END,
        COALESCE((SELECT max(m.seq) FROM ${C}."messages" m WHERE m.conversation_id = p.conversation_id AND m.sender_id = p.user_id), 0))
      WHERE p.conversation_id = $1 AND p.left_at IS NULL`,
    [conversationId, lastSeq, reader],
  );
}

export async function chatGrowth(nats: TestNats): Promise<void> {
  const database = await createTestDatabase({ schema: 'chat', entities: chatEntities, migrations: chatMigrations });
  const db = database.dataSource;
  let child;
  try {
    const school = await seedSchool(db);
    const service = await startService('chat', 'chat', database.url, nats, {
      CHAT_JOB_INTERVAL_SECONDS: '0',
      CHAT_ATTACHMENTS_DIR: mkdtempSync(path.join(tmpdir(), 'tec-growth-chat-')),
    });
    child = service.child;
    const auth: AuthContext = { kind: 'user', userId: school.reader, role: 'student' };
    const points = { list: [] as SizePoint[], newest: [] as SizePoint[], before: [] as SizePoint[] };
    const plans = {
      list: new PlanBook('growth-chat-conversation-list.txt', 'Chat: the conversation list of a student in 20 conversations (ConversationsRepository.summaries)'),
      newest: new PlanBook('growth-chat-messages-newest.txt', 'Chat: the newest page of 50 messages of one conversation (MessagesRepository.page, no cursor)'),
      before: new PlanBook('growth-chat-messages-before.txt', 'Chat: a page of 50 messages before a cursor in the middle of the history (MessagesRepository.page, before)'),
    };
    let filled = 0;
    for (const [step, size] of SIZES.entries()) {
      const fillStart = performance.now();
      await appendMessages(db, school.conversationId, school.members, filled + 1, size, school.base);
      filled = size;
      await settleCounters(db, school.conversationId, size, school.reader);
      await settleTables(db, [`${C}."messages"`, `${C}."reactions"`, `${C}."participants"`, `${C}."conversations"`]);
      console.log(`chat: ${size.toLocaleString('en-US')} messages in the class conversation (filled and vacuumed in ${seconds(fillStart)})`);

      const middleSeq = Math.floor(size / 2);
      const [middle] = await db.query<{ id: string }[]>(`SELECT id FROM ${C}."messages" WHERE conversation_id = $1 AND seq = $2`, [school.conversationId, middleSeq]);
      // The service's answers must be the data just written (a wrong fill would time the wrong thing).
      const list = await service.rpc.call(chatRpc.conversationsList, {}, auth);
      const mine = list.items.find((item) => item.id === school.conversationId);
      if (list.items.length !== OTHER_CONVERSATIONS + 1 || mine?.lastMessage?.seq !== size || mine.unreadCount < 1) {
        throw new Error(`unexpected conversation list at ${size}: ${list.items.length} items, class ${JSON.stringify(mine?.lastMessage)} unread ${mine?.unreadCount}`);
      }
      const newest = await service.rpc.call(chatRpc.messagesList, { conversationId: school.conversationId }, auth);
      if (newest.items.length !== PAGE || newest.items[PAGE - 1]!.seq !== size || !newest.hasMore) throw new Error(`unexpected newest page at ${size}`);
      const before = await service.rpc.call(chatRpc.messagesList, { conversationId: school.conversationId, before: middle!.id }, auth);
      if (before.items.length !== PAGE || before.items[PAGE - 1]!.seq !== middleSeq - 1) throw new Error(`unexpected page before the cursor at ${size}`);

      points.list.push({ size, summary: await timeCalls(() => service.rpc.call(chatRpc.conversationsList, {}, auth)) });
      points.newest.push({ size, summary: await timeCalls(() => service.rpc.call(chatRpc.messagesList, { conversationId: school.conversationId }, auth)) });
      points.before.push({ size, summary: await timeCalls(() => service.rpc.call(chatRpc.messagesList, { conversationId: school.conversationId, before: middle!.id }, auth)) });

      if (step === 0 || step === SIZES.length - 1) {
        // The statements exactly as the service builds them for these calls (limit + 1 rows to tell whether there is more).
        const label = `${size.toLocaleString('en-US')} messages`;
        await plans.list.add(
          db,
          'ConversationsRepository.summaries',
          label,
          await captureStatement((stub) =>
            new ConversationsRepository(stub).summaries(school.reader, { archived: false, unreadOnly: false, limit: 31, cursor: null }, stub as unknown as EntityManager),
          ),
        );
        await plans.newest.add(db, 'MessagesRepository.page (newest)', label, await captureStatement((stub) => new MessagesRepository(stub).page(school.conversationId, {}, PAGE, stub as unknown as EntityManager)));
        await plans.before.add(
          db,
          'MessagesRepository.page (before a cursor)',
          `${label}, before seq ${middleSeq.toLocaleString('en-US')}`,
          await captureStatement((stub) => new MessagesRepository(stub).page(school.conversationId, { before: middleSeq }, PAGE, stub as unknown as EntityManager)),
        );
      }
    }
    const unit = 'messages';
    reportGrowth('growth/chat-conversation-list', `rpc chat.conversationsList for a student in ${OTHER_CONVERSATIONS + 1} conversations while one of them grows`, unit, points.list, plans.list.write());
    reportGrowth('growth/chat-messages-newest', `rpc chat.messagesList, the newest ${PAGE} messages of the growing conversation`, unit, points.newest, plans.newest.write());
    reportGrowth('growth/chat-messages-before', `rpc chat.messagesList, ${PAGE} messages before a cursor in the middle of the growing conversation`, unit, points.before, plans.before.write());
  } finally {
    if (child) await stopProcess(child);
    await database.drop();
  }
}
