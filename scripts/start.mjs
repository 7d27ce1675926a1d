// `npm start`: install, provision Postgres + NATS, build, migrate, seed the demo school, run everything.
// `npm start -- --dev` also runs the Vite dev server with hot reload on :5173.
import { GATEWAY, SERVICES } from './lib/paths.mjs';
import { fail, step } from './lib/log.mjs';
import { ensureDatabase, ensureDependencies, ensureNats, ensurePostgres } from './lib/provision.mjs';
import { backendProcesses, buildAll, ensureKeys, migrateAll, printWelcome, seedAfterStart, seedDemoSchool, Supervisor, waitForHealthy } from './lib/stack.mjs';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const stops = [];
const supervisor = new Supervisor();

async function shutdown(code) {
  await supervisor.stop();
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
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
  step('Starting services…');
  backendProcesses().forEach((entry, index) =>
    supervisor.start(entry.name, 'node', [entry.main], { ...env, ...(entry === GATEWAY ? { PORT: String(port), GATEWAY_SERVICES: SERVICES.map((s) => s.name).join(',') } : {}) }, index),
  );
  if (dev) supervisor.start('web (vite)', 'npx', ['vite', '--host', '127.0.0.1', '--port', '5173', '--strictPort'], {}, 9);
  const baseUrl = `http://localhost:${port}`;
  await waitForHealthy(baseUrl);
  await seedAfterStart(env);
  printWelcome(baseUrl, dev ? 'http://localhost:5173' : undefined);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
  await shutdown(1);
}
