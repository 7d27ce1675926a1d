import 'reflect-metadata';
import { exitWithError, noZeroCounts, runSeedAfterStart } from '@tec/shared';
import { loadAttendanceConfig } from '../config';
import { createDataSource } from '../data-source';
import { seedTerm } from './seed-term';

/**
 * `node services/attendance/dist/seed/seed.cli.js`, run by `npm start` once the stack is healthy: waits until the
 * attendance read model has core's demo courses, teachers and enrollments and stops growing, then seeds a term of
 * class sessions with marks. Safe to run again.
 */
runSeedAfterStart(createDataSource, {
  service: 'attendance',
  stateSql: `SELECT concat_ws('/', (SELECT count(*) FROM "attendance"."courses"), (SELECT count(*) FROM "attendance"."course_teachers"),
                (SELECT count(*) FROM "attendance"."enrollments")) AS state`,
  ready: noZeroCounts,
  stableMs: 3_000,
  seed: async (dataSource) => {
    const config = loadAttendanceConfig();
    const summary = await seedTerm(dataSource, config.SCHOOL_TIMEZONE);
    return `Attendance demo ready: ${summary.sessions} class sessions in ${summary.courses} new courses, ${summary.records} records.`;
  },
}).catch(exitWithError);
