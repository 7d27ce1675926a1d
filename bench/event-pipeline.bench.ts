/**
 * The platform's event pipeline against the naive one, in the same run, on the same Postgres and NATS.
 *
 * ours:     a change row and its outbox row commit in one transaction → the relay (woken by NOTIFY) publishes to
 *           JetStream with Nats-Msg-Id → a durable consumer records the inbox row and the effect in one
 *           transaction, then acks. Nothing is lost or applied twice across crashes.
 * baseline: the "dual write" most code starts with: commit the change row, then publish to JetStream; the
 *           consumer writes the effect and acks, with no inbox. A crash between commit and publish loses events.
 *
 * Latency is from the producer's commit to the consumer's commit of the effect. Run: npm run bench
 */
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { performance } from 'node:perf_hooks';
import { AckPolicy, DeliverPolicy, type JsMsg } from 'nats';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { z } from 'zod';
import {
  defineEvent,
  enqueueEvent,
  EventHandler,
  loadConfig,
  PlatformModule,
  platformEntities,
  PlatformTables1732400000000,
  serviceConfigShape,
  withPrefix,
  type EventHandlerContext,
} from '@tec/shared';
import { createTestDatabase, createTestNats } from '@tec/shared/testing';
import { pool, report, summarize } from './lib/stats';

/** Two loads: saturated (producers outpace the consumer: throughput) and paced (one at a time: latency). */
const LOADS = [
  { label: 'saturated', events: Number(process.env.BENCH_EVENTS ?? 2000), concurrency: 8 },
  { label: 'paced', events: 300, concurrency: 1 },
];
let EVENTS = 0;
let seqOffset = 0;

const pinged = defineEvent('bench.v1.pinged', z.object({ seq: z.number().int() }), 'Benchmark event');

class BenchTables1732400000001 implements MigrationInterface {
  name = 'BenchTables1732400000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE "bench"."changes" ("seq" int PRIMARY KEY, "at" timestamptz NOT NULL DEFAULT now())');
    await queryRunner.query('CREATE TABLE "bench"."effects" ("seq" int PRIMARY KEY, "at" timestamptz NOT NULL DEFAULT now())');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "bench"."effects"');
    await queryRunner.query('DROP TABLE "bench"."changes"');
  }
}

const committedAt = new Map<number, number>();
let latencies: number[] = [];
let lastHandledAt = 0;
let onAllHandled: () => void = () => undefined;

@Injectable()
class PingHandler {
  @EventHandler(pinged, { consumer: 'bench-pinged' })
  async handle(payload: { seq: number }, { manager }: EventHandlerContext): Promise<void> {
    await manager.query('INSERT INTO "bench"."effects" ("seq") VALUES ($1) ON CONFLICT DO NOTHING', [payload.seq]);
    // Measured after the handler's work; the ack follows the commit right after.
    const started = committedAt.get(payload.seq);
    if (started !== undefined) latencies.push(performance.now() - started);
    lastHandledAt = performance.now();
    if (latencies.length === EVENTS) onAllHandled();
  }
}

async function runOurs(url: string, prefix: string, loads: typeof LOADS) {
  const config = loadConfig(serviceConfigShape, { DATABASE_URL: url, NATS_SUBJECT_PREFIX: prefix, LOG_LEVEL: 'silent' });
  @Module({})
  class BenchModule {}
  const app = await NestFactory.createApplicationContext(
    {
      module: BenchModule,
      imports: [
        PlatformModule.forService({
          serviceName: 'bench',
          schema: 'bench',
          config,
          entities: platformEntities,
          migrations: [PlatformTables1732400000000, BenchTables1732400000001],
          providers: [PingHandler],
          events: { consumeBatchSize: 64 },
          eventDomains: ['bench'],
        }),
      ],
    },
    { logger: false },
  );
  const { DATA_SOURCE } = await import('@tec/shared');
  const dataSource = app.get(DATA_SOURCE) as import('typeorm').DataSource;
  const summaries = [];
  for (const load of loads) {
    EVENTS = load.events;
    latencies = [];
    const offset = seqOffset;
    seqOffset += load.events;
    const done = new Promise<void>((resolve) => (onAllHandled = resolve));
    const start = performance.now();
    await pool(load.events, load.concurrency, async (index) => {
      const seq = offset + index;
      await dataSource.transaction(async (manager) => {
        await manager.query('INSERT INTO "bench"."changes" ("seq") VALUES ($1)', [seq]);
        await enqueueEvent(manager, pinged, { seq });
      });
      committedAt.set(seq, performance.now());
    });
    await done;
    summaries.push(summarize(latencies, lastHandledAt - start));
  }
  await app.close();
  return summaries;
}

async function runBaseline(url: string, prefix: string, nats: Awaited<ReturnType<typeof createTestNats>>['nats'], load: (typeof LOADS)[number], base: number) {
  const { Pool } = await import('pg');
  const db = new Pool({ connectionString: url, max: 10 });
  const jsm = await nats.jetstreamManager();
  const js = nats.jetstream();
  const stream = `${prefix.toUpperCase()}_BASELINE_${load.label.toUpperCase()}`;
  const subject = withPrefix(prefix, `baseline.${load.label}`);
  await jsm.streams.add({ name: stream, subjects: [subject] });
  await jsm.consumers.add(stream, { durable_name: 'baseline', ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All });
  const consumer = await js.consumers.get(stream, 'baseline');
  const sentAt = new Map<number, number>();
  const baselineLatencies: number[] = [];
  let last = 0;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const messages = await consumer.consume({ max_messages: 64 });
  void (async () => {
    for await (const message of messages as AsyncIterable<JsMsg>) {
      const { seq } = message.json<{ seq: number }>();
      await db.query('INSERT INTO "bench"."effects" ("seq") VALUES ($1) ON CONFLICT DO NOTHING', [seq + base]);
      message.ack();
      const started = sentAt.get(seq);
      if (started !== undefined) baselineLatencies.push(performance.now() - started);
      last = performance.now();
      if (baselineLatencies.length === load.events) resolveDone();
    }
  })();
  const start = performance.now();
  await pool(load.events, load.concurrency, async (seq) => {
    await db.query('INSERT INTO "bench"."changes" ("seq") VALUES ($1)', [seq + base]);
    sentAt.set(seq, performance.now());
    await js.publish(subject, JSON.stringify({ seq }));
  });
  await done;
  await messages.close();
  await jsm.streams.delete(stream);
  await db.end();
  return summarize(baselineLatencies, last - start);
}

async function main(): Promise<void> {
  const database = await createTestDatabase({ schema: 'bench', entities: platformEntities, migrations: [PlatformTables1732400000000, BenchTables1732400000001] });
  const nats = await createTestNats();
  try {
    const baselines = [];
    for (const [index, load] of LOADS.entries()) baselines.push(await runBaseline(database.url, nats.prefix, nats.nats, load, 1_000_000 * (index + 1)));
    const ours = await runOurs(database.url, nats.prefix, LOADS);
    for (const [index, load] of LOADS.entries()) {
      report({
        name: `event-pipeline/${load.label}`,
        description: `${load.events} events, ${load.concurrency} concurrent producer(s): producer commit → consumer effect committed`,
        ours: ours[index]!,
        baseline: baselines[index]!,
        throughputRatio: ours[index]!.throughputPerSecond / baselines[index]!.throughputPerSecond,
      });
    }
  } finally {
    await database.drop();
    await nats.cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
