// `npm run bench [name]`: provisions Postgres and NATS, builds the platform kit, runs every bench/*.bench.ts
// (each measures ours against a baseline in the same run) and prints the ratios and p50/p99 latencies.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { root } from './lib/paths.mjs';
import { step } from './lib/log.mjs';
import { ensureDependencies, ensureNats, ensurePostgres } from './lib/provision.mjs';
import { run } from './lib/run.mjs';

const only = process.argv[2];
await ensureDependencies();
const postgres = await ensurePostgres(process.env.DATABASE_URL);
const nats = await ensureNats(process.env.NATS_URL);
// Benchmarks run the built services as their own processes (and import the platform kit's build).
await run('npx', ['nx', 'run-many', '-t', 'build', '--exclude', '@tec/web', '--outputStyle=static'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const benches = readdirSync(path.join(root, 'bench')).filter((file) => file.endsWith('.bench.ts') && (!only || file.startsWith(only)));
try {
  for (const file of benches) {
    step(`bench/${file}`);
    await run('node', ['-r', './libs/shared/test/support/swc-register.js', `bench/${file}`], {
      cwd: root,
      env: { ...process.env, TEST_DATABASE_ADMIN_URL: postgres.adminUrl, NATS_URL: nats.url },
    });
  }
} finally {
  await nats.stop();
  await postgres.stop();
}
