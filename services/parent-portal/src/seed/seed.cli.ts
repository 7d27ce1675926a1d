import 'reflect-metadata';
import { migrateSchema } from '@tec/shared';
import { createDataSource } from '../data-source';
import { DEMO_LINKS, seedLinks } from './seed-links';

const WAIT_MS = 120_000;

/**
 * `node services/parent-portal/dist/seed/seed.cli.js`, run by `npm start` once the stack is healthy: waits until the
 * demo parent and student reached the parent portal's read model (as core.v1 events), then links them (approved).
 * The running service's relay publishes `link_activated` from the outbox. Safe to run again.
 */
async function main(): Promise<void> {
  const dataSource = createDataSource();
  await dataSource.initialize();
  try {
    await migrateSchema(dataSource);
    const emails = DEMO_LINKS.flatMap((link) => [link.parentEmail, link.studentEmail]);
    const started = Date.now();
    for (;;) {
      const [row] = await dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM "parent_portal"."users" WHERE lower(email) = ANY($1::text[])`,
        [emails],
      );
      if (row!.count >= new Set(emails).size) break;
      if (Date.now() - started > WAIT_MS) throw new Error(`parent portal read model lacks ${emails.join(', ')} after ${WAIT_MS / 1000} s; is the parent-portal service running?`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const { created } = await seedLinks(dataSource);
    console.log(`Parent portal demo ready: ${created} new link(s) (parent@tec.example → student@tec.example, approved).`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
