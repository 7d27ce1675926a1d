import 'reflect-metadata';
import { exitWithError, noZeroCounts, runSeedAfterStart } from '@tec/shared';
import { loadLiveClassesConfig } from '../config';
import { createDataSource } from '../data-source';
import { seedDemoClasses } from './seed-demo';

/**
 * `node services/live-classes/dist/seed/seed.cli.js`, run by `npm start` once the stack is healthy: waits until the
 * live-classes read model has core's demo courses, teachers and enrollments and stops growing, then seeds demo
 * classes. Safe to run again.
 */
runSeedAfterStart(createDataSource, {
  service: 'live-classes',
  stateSql: `SELECT concat_ws('/', (SELECT count(*) FROM "live_classes"."courses"), (SELECT count(*) FROM "live_classes"."course_teachers"),
                (SELECT count(*) FROM "live_classes"."enrollments")) AS state`,
  ready: noZeroCounts,
  stableMs: 3_000,
  seed: async (dataSource) => {
    const config = loadLiveClassesConfig();
    const summary = await seedDemoClasses(dataSource, config.SCHOOL_TIMEZONE);
    return `Live classes demo ready: ${summary.classes} classes in ${summary.courses} new courses, ${summary.questions} questions, ${summary.recordings} recordings.`;
  },
}).catch(exitWithError);
