// `npm test`: provisions Postgres and NATS like `npm start`, runs every jest project against them, then the
// browser tests in real Chromium against a freshly built, migrated and seeded stack. The last line is
// `N passed, N failed` (CI reads it).
//   npm test -- --jest-only [jest args]     npm test -- --browser-only [web/e2e/<name>.browser.mjs …]
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { GATEWAY, SERVICES, nodeCommand, root } from './lib/paths.mjs';
import { bold, fail, step, warn } from './lib/log.mjs';
import { runStatus } from './lib/run.mjs';
import { chromiumPath, ensureChromium, ensureDatabase, ensureDependencies, ensureNats, ensurePostgres } from './lib/provision.mjs';
import { backendProcesses, buildAll, ensureKeys, migrateAll, seedAfterStart, seedDemoSchool, Supervisor, waitForHealthy } from './lib/stack.mjs';

const args = process.argv.slice(2);
const jestOnly = args.includes('--jest-only');
const browserOnly = args.includes('--browser-only');
// `npm test -- --browser-only web/e2e/<name>.browser.mjs` runs only the browser tests named.
const browserFilter = args.filter((arg) => arg.endsWith('.browser.mjs')).map((arg) => path.basename(arg));
const jestArgs = args.filter((arg) => arg !== '--jest-only' && arg !== '--browser-only' && !arg.endsWith('.browser.mjs'));
const reports = path.join(root, 'reports');
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0 };
const stops = [];

function browserTestFiles() {
  const dir = path.join(root, 'web/e2e');
  return existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.browser.mjs') && (browserFilter.length === 0 || browserFilter.includes(file))).sort().map((file) => `web/e2e/${file}`) : [];
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

async function runJest(env) {
  step('Running jest (unit, integration against the real Postgres and NATS, end-to-end over HTTP and sockets)…');
  const output = path.join(reports, 'jest.json');
  const code = await runStatus('npx', ['jest', '--json', `--outputFile=${output}`, '--forceExit', ...jestArgs], { cwd: root, env: { ...process.env, ...env } });
  const report = readJson(output);
  if (!report) {
    totals.failed += 1;
    fail('jest produced no report');
    return;
  }
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  if (code !== 0 && report.numFailedTests === 0 && (report.numRuntimeErrorTestSuites ?? 0) === 0) totals.failed += 1;
}

async function runBrowserTests(adminUrl, natsUrl) {
  if (!(await ensureChromium())) {
    totals.failed += 1;
    fail('Browser tests need Chromium (/usr/bin/chromium)');
    return;
  }
  const supervisor = new Supervisor();
  const suffix = randomBytes(4).toString('hex');
  const database = `e2e_${suffix}`;
  const port = 3100 + (process.pid % 500);
  try {
    await buildAll();
    const databaseUrl = await ensureDatabase(adminUrl, database);
    const keys = await ensureKeys();
    const env = {
      DATABASE_URL: databaseUrl,
      NATS_URL: natsUrl,
      NATS_SUBJECT_PREFIX: `e2e${suffix}`,
      JWT_PRIVATE_KEY_FILE: keys.privateKeyFile,
      JWT_PUBLIC_KEY_FILE: keys.publicKeyFile,
      LOG_LEVEL: 'warn',
    };
    await migrateAll(env);
    await seedDemoSchool(env);
    const baseUrl = `http://127.0.0.1:${port}`;
    backendProcesses().forEach((entry, index) =>
      supervisor.start(entry.name, 'node', nodeCommand(entry), {
        ...env,
        ...(entry === GATEWAY ? { PORT: String(port), GATEWAY_SERVICES: SERVICES.map((s) => s.name).join(','), CORS_ORIGINS: baseUrl, RATE_LIMIT_LOGIN: '100' } : {}),
      }, index),
    );
    await waitForHealthy(baseUrl, 90_000);
    await seedAfterStart(env);
    // Every web/e2e/*.browser.mjs takes (baseUrl, reportPath) and writes { passed, failed, tests }.
    for (const file of browserTestFiles()) {
      step(`Running ${file} in Chromium against ${baseUrl}…`);
      const output = path.join(reports, `${path.basename(file, '.mjs')}.json`);
      await runStatus('node', [file, baseUrl, output], { cwd: root, env: { ...process.env, CHROMIUM_PATH: chromiumPath() } });
      const report = readJson(output);
      if (!report) {
        totals.failed += 1;
        fail(`${file} produced no report`);
      } else {
        totals.passed += report.passed;
        totals.failed += report.failed;
      }
    }
  } catch (error) {
    totals.failed += 1;
    fail(`Browser tests could not run: ${error instanceof Error ? error.message : error}`);
  } finally {
    await supervisor.stop();
    const { Client } = createRequire(path.join(root, 'package.json'))('pg');
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect().then(() => admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)).catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}

let exitCode = 0;
try {
  await ensureDependencies();
  const postgres = await ensurePostgres(process.env.DATABASE_URL, { containers: true });
  stops.push(postgres.stop);
  const nats = await ensureNats(process.env.NATS_URL, { containers: true });
  stops.push(nats.stop);
  if (!browserOnly) await runJest({ TEST_DATABASE_ADMIN_URL: postgres.adminUrl, NATS_URL: nats.url });
  if (!jestOnly) {
    if (browserTestFiles().length === 0) warn('No browser tests found');
    else await runBrowserTests(postgres.adminUrl, nats.url);
  }
} catch (error) {
  totals.failed += 1;
  fail(error instanceof Error ? error.message : String(error));
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  if (totals.failed > 0 || totals.passed === 0) exitCode = 1;
  console.log(bold(`${totals.passed} passed, ${totals.failed} failed`));
  process.exit(exitCode);
}
