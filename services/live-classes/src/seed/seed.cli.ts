import 'reflect-metadata';
import { migrateSchema } from '@tec/shared';
import { loadLiveClassesConfig } from '../config';
import { createDataSource } from '../data-source';
import { seedDemoClasses } from './seed-demo';

const WAIT_MS = 120_000;
const STABLE_MS = 3_000;

/**
 * `node services/live-classes/dist/seed/seed.cli.js`, run by `npm start` once the stack is healthy: waits until the
 * live-classes read model has core's demo courses, teachers and enrollments (they arrive as core.v1 events) and
 * stops growing, then seeds demo classes. Safe to run again.
 */
async function main(): Promise<void> {
  const config = loadLiveClassesConfig();
  const dataSource = createDataSource();
  await dataSource.initialize();
  try {
    await migrateSchema(dataSource);
    const started = Date.now();
    let last = '';
    let stableSince = Date.now();
    for (;;) {
      const [row] = await dataSource.query<{ state: string }[]>(
        `SELECT concat_ws('/', (SELECT count(*) FROM "live_classes"."courses"), (SELECT count(*) FROM "live_classes"."course_teachers"),
                (SELECT count(*) FROM "live_classes"."enrollments")) AS state`,
      );
      const state = row!.state;
      if (state !== last) {
        last = state;
        stableSince = Date.now();
      }
      const hasData = !state.startsWith('0/') && !state.includes('/0/') && !state.endsWith('/0');
      if (hasData && Date.now() - stableSince >= STABLE_MS) break;
      if (Date.now() - started > WAIT_MS) throw new Error(`live-classes read model not ready after ${WAIT_MS / 1000} s (courses/teachers/enrollments = ${state}); is the live-classes service running?`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const summary = await seedDemoClasses(dataSource, config.SCHOOL_TIMEZONE);
    console.log(`Live classes demo ready: ${summary.classes} classes in ${summary.courses} new courses, ${summary.questions} questions, ${summary.recordings} recordings.`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
