import 'reflect-metadata';
import { exitWithError, noZeroCounts, runSeedAfterStart } from '@tec/shared';
import { createDataSource } from '../data-source';
import { seedConversations } from './seed-conversations';

/**
 * `node services/chat/dist/seed/seed.cli.js`, run by `npm start` once the stack is healthy: waits until chat's read
 * model has core's demo people and courses (with the course conversations) and stops growing, then seeds demo
 * conversations. Safe to run again.
 */
runSeedAfterStart(createDataSource, {
  service: 'chat',
  stateSql: `SELECT concat_ws('/', (SELECT count(*) FROM "chat"."users"), (SELECT count(*) FROM "chat"."conversations" WHERE kind = 'course'),
                (SELECT count(*) FROM "chat"."participants")) AS state`,
  ready: noZeroCounts,
  stableMs: 3_000,
  seed: async (dataSource) => {
    const summary = await seedConversations(dataSource);
    return summary.messages > 0 ? `Chat demo ready: ${summary.conversations} conversations, ${summary.messages} messages.` : 'Chat demo already seeded.';
  },
}).catch(exitWithError);
