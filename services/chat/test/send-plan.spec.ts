import { randomUUID } from 'node:crypto';
import type { UserProfile } from '@tec/shared';
import type { QueryRunner } from 'typeorm';
import { SEND_BATCH_SQL, SendBatcher } from '../src/messages/send-batcher';
import { bootChat, school, type ChatTestService, type School } from './chat-test-kit';

const UNIQUE_PROBE = 'messages_conversation_id_sender_id_client_id_key';
const SENDER_INDEX = 'messages_sender_idx';

/**
 * The group commit's duplicate-clientId probe must be an exact lookup on the unique (conversation, sender,
 * clientId) index, not a walk through every message of the sender. The hazard is statistics gathered while senders
 * had a handful of messages (a new school, or one growing faster than autovacuum analyzes): the planner then took
 * the sender's index (bench/RESULTS.md, chat). Migration 1734900000000 fixes the planner's view of messages per
 * sender; these tests reproduce the stale statistics and read the plans.
 */
describe('chat send statement plan', () => {
  let service: ChatTestService;
  let s: School;
  let conversationId: string;
  /** Authors of history written straight into the table (the plan reads statistics, not memberships). */
  let senders: string[];

  beforeAll(async () => {
    service = await bootChat();
    s = await school(service);
    const [row] = await service.dataSource.query<{ id: string }[]>(`SELECT id FROM "chat"."conversations" WHERE kind = 'course' AND course_id = $1`, [s.course.id]);
    conversationId = row!.id;
    // A young school: 1,000 people with a first message each (and the course's students with three), then
    // statistics, as autovacuum would take them on the first day.
    const batcher = service.app.get(SendBatcher);
    await Promise.all(
      s.students.flatMap((student) =>
        [1, 2, 3].map((turn) =>
          batcher.append({ id: randomUUID(), conversationId, senderId: student.id, body: `hello ${turn}`, clientId: randomUUID(), floodMax: 1000, floodSeconds: 1 }),
        ),
      ),
    );
    senders = Array.from({ length: 1000 }, () => randomUUID());
    await write(service.dataSource, senders, 1);
    await service.dataSource.query(`ANALYZE "chat"."messages"`);
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  });

  /** `perSender` more messages by each of `authors`, in seq order (through `db`: the data source, or a transaction's runner). */
  async function write(db: { query(sql: string, parameters: unknown[]): Promise<unknown> }, authors: string[], perSender: number): Promise<void> {
    await db.query(
      `WITH bumped AS (UPDATE "chat"."conversations" SET last_seq = last_seq + $3 * cardinality($2::uuid[]) WHERE id = $1
                       RETURNING last_seq - $3 * cardinality($2::uuid[]) AS base)
       INSERT INTO "chat"."messages" (id, conversation_id, seq, sender_id, body, client_id)
       SELECT gen_random_uuid(), $1, bumped.base + row_number() OVER (), a.sender, 'more ' || n, gen_random_uuid()::text
       FROM bumped, unnest($2::uuid[]) a(sender), generate_series(1, $3::int) n`,
      [conversationId, authors, perSender],
    );
  }

  /** Then everyone writes a couple of dozen more before the next ANALYZE. */
  const grow = (runner: QueryRunner) => write(runner, [...senders, s.students[0]!.id], 25);

  /** The indexes of chat.messages that the send statement's plan reads, for one send, custom and generic plans. */
  async function messageIndexes(runner: QueryRunner, sender: UserProfile): Promise<{ custom: string[]; generic: string[] }> {
    const params = [[randomUUID()], [conversationId], [sender.id], ['again'], [randomUUID()], 1000, 1];
    const [custom] = (await runner.query(`EXPLAIN (FORMAT JSON) ${SEND_BATCH_SQL}`, params)) as { 'QUERY PLAN': unknown }[];
    const name = `send_plan_${randomUUID().replace(/-/g, '')}`;
    await runner.query(`SET LOCAL plan_cache_mode = force_generic_plan`);
    await runner.query(`PREPARE ${name} AS ${SEND_BATCH_SQL}`);
    const arrays = (params.slice(0, 5) as string[][]).map((values) => `'{${values.join(',')}}'`).join(', ');
    const [generic] = (await runner.query(`EXPLAIN (FORMAT JSON) EXECUTE ${name}(${arrays}, 1000, 1)`)) as { 'QUERY PLAN': unknown }[];
    await runner.query(`DEALLOCATE ${name}`);
    return { custom: indexesOn(custom!['QUERY PLAN'], 'messages'), generic: indexesOn(generic!['QUERY PLAN'], 'messages') };
  }

  async function inRolledBackTransaction<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = service.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      return await work(runner);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('probes for a duplicate clientId through the unique index although the statistics predate the sender’s history', async () => {
    const plans = await inRolledBackTransaction(async (runner) => {
      await grow(runner);
      return messageIndexes(runner, s.students[0]!);
    });
    for (const indexes of [plans.custom, plans.generic]) {
      expect(indexes).toContain(UNIQUE_PROBE);
      expect(indexes).not.toContain(SENDER_INDEX);
    }
  });

  it('would walk the sender’s messages without the migration’s estimate (the hazard the migration removes)', async () => {
    const plans = await inRolledBackTransaction(async (runner) => {
      await runner.query(`ALTER TABLE "chat"."messages" ALTER COLUMN "sender_id" RESET (n_distinct)`);
      await runner.query(`ANALYZE "chat"."messages"`);
      await grow(runner);
      return messageIndexes(runner, s.students[0]!);
    });
    expect([...plans.custom, ...plans.generic]).toContain(SENDER_INDEX);
  });
});

/** Every index an EXPLAIN (FORMAT JSON) plan scans on `relation`. */
function indexesOn(plan: unknown, relation: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record['Relation Name'] === relation && typeof record['Index Name'] === 'string') found.push(record['Index Name']);
    Object.values(record).forEach(visit);
  };
  visit(plan);
  return found;
}
