import 'reflect-metadata';
import { migrateSchema } from '@tec/shared';
import { loadAttendanceConfig } from '../config';
import { createDataSource } from '../data-source';
import { seedTerm } from './seed-term';

const WAIT_MS = 120_000;
const STABLE_MS = 3_000;

/**
 * `node services/attendance/dist/seed/seed.cli.js`, run by `npm start` once the stack is healthy: waits until the
 * attendance read model has core's demo courses (they arrive as core.v1 events) and stops growing, then seeds a term
 * of class sessions with marks. Safe to run again.
 */
async function main(): Promise<void> {
  const config = loadAttendanceConfig();
  const dataSource = createDataSource();
  await dataSource.initialize();
  try {
    await migrateSchema(dataSource);
    const started = Date.now();
    let last = '';
    let stableSince = Date.now();
    for (;;) {
      const [row] = await dataSource.query<{ state: string }[]>(
        `SELECT concat_ws('/', (SELECT count(*) FROM "attendance"."courses"), (SELECT count(*) FROM "attendance"."course_teachers"),
                (SELECT count(*) FROM "attendance"."enrollments")) AS state`,
      );
      const state = row!.state;
      if (state !== last) {
        last = state;
        stableSince = Date.now();
      }
      const hasData = !state.startsWith('0/') && !state.includes('/0/') && !state.endsWith('/0');
      if (hasData && Date.now() - stableSince >= STABLE_MS) break;
      if (Date.now() - started > WAIT_MS) throw new Error(`attendance read model not ready after ${WAIT_MS / 1000} s (courses/teachers/enrollments = ${state}); is the attendance service running?`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const summary = await seedTerm(dataSource, config.SCHOOL_TIMEZONE);
    console.log(`Attendance demo ready: ${summary.sessions} class sessions in ${summary.courses} new courses, ${summary.records} records.`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
