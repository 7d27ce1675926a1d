import 'reflect-metadata';
import { migrateSchema } from '@tec/shared';
import { createDataSource } from '../data-source';
import { seedConversations } from './seed-conversations';

const WAIT_MS = 120_000;
const STABLE_MS = 3_000;

/**
 * `node services/chat/dist/seed/seed.cli.js`, run by `npm start` once the stack is healthy: waits until chat's read
 * model has core's demo people and courses (they arrive as core.v1 events, with the course conversations) and stops
 * growing, then seeds demo conversations. Safe to run again.
 */
async function main(): Promise<void> {
  const dataSource = createDataSource();
  await dataSource.initialize();
  try {
    await migrateSchema(dataSource);
    const started = Date.now();
    let last = '';
    let stableSince = Date.now();
    for (;;) {
      const [row] = await dataSource.query<{ state: string }[]>(
        `SELECT concat_ws('/', (SELECT count(*) FROM "chat"."users"), (SELECT count(*) FROM "chat"."conversations" WHERE kind = 'course'),
                (SELECT count(*) FROM "chat"."participants")) AS state`,
      );
      const state = row!.state;
      if (state !== last) {
        last = state;
        stableSince = Date.now();
      }
      const hasData = !state.split('/').includes('0');
      if (hasData && Date.now() - stableSince >= STABLE_MS) break;
      if (Date.now() - started > WAIT_MS) throw new Error(`chat read model not ready after ${WAIT_MS / 1000} s (users/course conversations/participants = ${state}); is the chat service running?`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const summary = await seedConversations(dataSource);
    console.log(summary.messages > 0 ? `Chat demo ready: ${summary.conversations} conversations, ${summary.messages} messages.` : 'Chat demo already seeded.');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
