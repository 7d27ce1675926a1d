// What `npm start` and `npm run start:cluster` share before any process starts: dependencies, Postgres, NATS,
// the database, the build, the dev keys, migrations and the demo seed. Returns the env every process gets.
import { ensureDatabase, ensureDependencies, ensureNats, ensurePostgres } from './provision.mjs';
import { buildAll, ensureKeys, migrateAll, seedDemoSchool } from './stack.mjs';
import { step } from './log.mjs';

/** `stops` collects how to stop what was started here (Postgres, NATS), newest last. */
export async function prepareStack(stops) {
  await ensureDependencies();
  const postgres = await ensurePostgres(process.env.DATABASE_URL);
  stops.push(postgres.stop);
  const nats = await ensureNats(process.env.NATS_URL);
  stops.push(nats.stop);
  const databaseUrl = process.env.DATABASE_URL ?? (await ensureDatabase(postgres.adminUrl, 'tec_lms'));
  await buildAll();
  const keys = await ensureKeys();
  const env = {
    DATABASE_URL: databaseUrl,
    NATS_URL: nats.url,
    JWT_PRIVATE_KEY_FILE: keys.privateKeyFile,
    JWT_PUBLIC_KEY_FILE: keys.publicKeyFile,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  step('Migrating…');
  await migrateAll(env);
  step('Seeding the demo school (skipped where it already exists)…');
  await seedDemoSchool(env);
  return env;
}
