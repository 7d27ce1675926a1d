import { createServiceDataSource } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { loadAttendanceConfig } from './config';
import { attendanceEntities } from './entities';
import { attendanceMigrations } from './migrations';

/** For the migration CLI (libs/shared/src/db/migration-cli.ts) and the seed CLI. */
export function createDataSource(): DataSource {
  const config = loadAttendanceConfig();
  return createServiceDataSource({
    schema: 'attendance',
    url: config.DATABASE_URL,
    entities: attendanceEntities,
    migrations: attendanceMigrations,
    poolSize: 4,
    applicationName: 'attendance-cli',
  });
}
