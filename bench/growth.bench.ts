/**
 * Growth: how the cost of the main reads grows with the data behind them, each through the real service process
 * (built `dist/`) over NATS request/reply, with the query plan of its main statement at the smallest and the
 * largest size (bench/plans/growth-*.txt).
 *
 * - chat: the conversation list, the newest message page and a page before a cursor, while ONE conversation grows
 *   1,000 → 10,000 → 100,000 → 1,000,000 messages;
 * - attendance: the course summary report (whole course, and the six weeks the reports page asks for), while the
 *   course grows 50 → 100 → 250 → 500 students × 200 held sessions;
 * - parent portal: the parent's dashboard (one card per child) for 1, 2 and 5 children.
 *
 * Each read is reported with ours = the largest size and baseline = the smallest, and its ratio is
 * p50 at the smallest / p50 at the largest: 1.00 means flat, 0.10 means ten times slower at the largest size.
 * Calls are made one at a time (latency, not throughput): BENCH_GROWTH_CALLS (200) per read and size.
 * BENCH_GROWTH_ONLY=chat,attendance,parent picks parts.
 *
 * Run: npm run bench growth
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { createTestNats } from '@tec/shared/testing';
import { attendanceGrowth } from './lib/growth/attendance-growth';
import { chatGrowth } from './lib/growth/chat-growth';
import { seconds } from './lib/growth/growth-kit';
import { parentPortalGrowth } from './lib/growth/parent-portal-growth';

const PARTS = { chat: chatGrowth, attendance: attendanceGrowth, parent: parentPortalGrowth };
const only = process.env.BENCH_GROWTH_ONLY?.split(',').map((part) => part.trim());

async function main(): Promise<void> {
  const nats = await createTestNats();
  try {
    for (const [name, part] of Object.entries(PARTS)) {
      if (only && !only.includes(name)) continue;
      const began = performance.now();
      console.log(`\n▸ growth: ${name}`);
      await part(nats);
      console.log(`  (${name} took ${seconds(began)})`);
    }
  } finally {
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
