import 'reflect-metadata';
import { migrateSchema } from '@tec/shared';
import { createDataSource } from '../data-source';
import { seedDemoSchool } from './seed-demo-school';

/**
 * `node services/core/dist/seed/seed.cli.js`: migrates the core schema (under the advisory lock) and seeds the
 * demo school. Safe to run again. The events it writes wait in the outbox until the core service relays them.
 */
async function main(): Promise<void> {
  const dataSource = createDataSource();
  await dataSource.initialize();
  try {
    await migrateSchema(dataSource);
    const summary = await seedDemoSchool(dataSource);
    console.log(
      `Demo school ready: ${summary.users} users, ${summary.courses} courses, ${summary.enrollments} enrollments, ` +
        `${summary.assignments} assignments, ${summary.submissions} submissions, ${summary.grades} grades.`,
    );
    console.log('Sign in with admin@, teacher@, student@ or parent@tec.example and the password demo1234.');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
