// `npm run bench [name]`: provisions Postgres and NATS, builds the services, runs every bench/*.bench.ts (or those
// whose file name starts with `name`; each measures ours against a baseline in the same run), collects the
// `BENCH_JSON {...}` lines they print, and writes the figures with the machine they ran on to bench/results.json and
// the generated block at the top of bench/RESULTS.md. A bench that fails is recorded as failed, the others keep
// their rows, and the command exits non-zero.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { prune, readResults, recordRun, renderBlock, writeBlock, writeResults } from '../bench/lib/results-file.mjs';
import { root } from './lib/paths.mjs';
import { fail, ok, step, warn } from './lib/log.mjs';
import { ensureDependencies, ensureNats, ensurePostgres } from './lib/provision.mjs';
import { run } from './lib/run.mjs';

const require = createRequire(path.join(root, 'package.json'));
const benchDir = path.join(root, 'bench');
const resultsJson = path.join(benchDir, 'results.json');
const resultsMd = path.join(benchDir, 'RESULTS.md');
const only = process.argv[2];

const allFiles = () => readdirSync(benchDir).filter((file) => file.endsWith('.bench.ts'));
const benches = allFiles().filter((file) => !only || file.startsWith(only));
if (benches.length === 0) {
  fail(`No bench matches "${only}". Benches: ${allFiles().map((file) => file.replace(/\.bench\.ts$/, '')).join(', ')}`);
  process.exit(1);
}

await ensureDependencies();
const postgres = await ensurePostgres(process.env.DATABASE_URL);
const nats = await ensureNats(process.env.NATS_URL);
let failures = 0;
try {
  // Benchmarks run the built services as their own processes (and import the platform kit's build).
  let build = 'ok';
  try {
    await run('npx', ['nx', 'run-many', '-t', 'build', '--exclude', '@tec/web', '--outputStyle=static'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    build = 'failed';
    failures += 1;
    warn(`The build failed (${error.message}); the benches run on the previous dist/ and are marked so.`);
  }
  const machine = await describeMachine(postgres.adminUrl, nats.url);
  for (const file of benches) {
    step(`bench/${file}`);
    const outcome = await runBench(file, { ...process.env, TEST_DATABASE_ADMIN_URL: postgres.adminUrl, NATS_URL: nats.url });
    if (outcome.status !== 'ok') failures += 1;
    // Re-read both files right before writing: another run or a hand edit may have changed them meanwhile.
    const results = prune(recordRun(readResults(resultsJson), { ...outcome, build }, machine), allFiles());
    writeResults(resultsJson, results);
    writeBlock(resultsMd, renderBlock(results, allFiles()));
    if (outcome.status === 'ok') ok(`bench/${file}: ${outcome.results.length} result(s) written to bench/RESULTS.md`);
    else fail(`bench/${file} failed (exit ${outcome.exitCode}): ${outcome.error}; recorded as failed in bench/RESULTS.md`);
  }
} finally {
  await nats.stop();
  await postgres.stop();
}
if (failures > 0) {
  fail(`${failures} failure(s): see bench/RESULTS.md`);
  process.exit(1);
}

/** Runs one bench file in its own process, passing its output through and keeping its BENCH_JSON lines. */
function runBench(file, env) {
  const key = file.replace(/\.bench\.ts$/, '');
  const startedAt = new Date();
  const loadBefore = os.loadavg()[0];
  return new Promise((resolve) => {
    const child = spawn('node', ['-r', './libs/shared/test/support/swc-register.js', `bench/${file}`], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const results = [];
    const errorLines = [];
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) collect(line);
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      for (const line of chunk.toString().split('\n')) if (line.trim()) errorLines.push(line.trim());
      errorLines.splice(0, Math.max(0, errorLines.length - 50));
    });
    function collect(line) {
      const at = line.indexOf('BENCH_JSON ');
      if (at < 0) return;
      try {
        results.push(JSON.parse(line.slice(at + 'BENCH_JSON '.length)));
      } catch {
        errorLines.push(`unreadable BENCH_JSON line: ${line.slice(0, 120)}`);
      }
    }
    const finish = (exitCode, spawnError) => {
      if (pending) collect(pending);
      const finishedAt = new Date();
      const status = exitCode === 0 && results.length > 0 ? 'ok' : 'failed';
      const error = spawnError?.message ?? (exitCode === 0 ? 'printed no BENCH_JSON line' : firstErrorLine(errorLines));
      resolve({
        file,
        command: `npm run bench ${key}`,
        status,
        exitCode,
        ...(status === 'ok' ? {} : { error }),
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        durationSeconds: Math.round((finishedAt - startedAt) / 1000),
        loadBefore,
        loadAfter: os.loadavg()[0],
        results,
      });
    };
    child.on('error', (error) => finish(127, error));
    child.on('exit', (code, signal) => finish(code ?? (signal ? `${signal}` : 1)));
  });
}

/** The line that names the failure (an Error's message), not a service's log noise. */
function firstErrorLine(lines) {
  const error = lines.find((line) => /^(\w*Error|Error)\b|Error:/.test(line) && !line.startsWith('['));
  return (error ?? lines[lines.length - 1] ?? 'no output').slice(0, 300);
}

async function describeMachine(adminUrl, natsUrl) {
  const cpuinfo = safeRead('/proc/cpuinfo');
  const field = (name) => new RegExp(`^${name}\\s*:\\s*(.+)$`, 'm').exec(cpuinfo)?.[1]?.trim();
  const model = field('model name') ?? os.cpus()[0]?.model ?? 'unknown CPU';
  const mhz = Number(field('cpu MHz') ?? os.cpus()[0]?.speed ?? 0);
  const family = field('cpu family');
  const cpu = `${model}${family ? ` (family ${family}, model ${field('model')})` : ''}${mhz ? ` at ${(mhz / 1000).toFixed(1)} GHz` : ''}`;
  const release = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(safeRead('/etc/os-release'))?.[1] ?? os.type();
  return {
    cpu,
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${release}, ${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: await postgresVersion(adminUrl),
    nats: await natsVersion(natsUrl),
  };
}

async function postgresVersion(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    return (await client.query('SHOW server_version')).rows[0].server_version;
  } catch (error) {
    return `unknown (${error.message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function natsVersion(url) {
  const { connect } = require('nats');
  try {
    const connection = await connect({ servers: url, timeout: 2000, reconnect: false });
    const version = connection.info?.version ?? 'unknown';
    await connection.close();
    return `${version}${connection.info?.jetstream === false ? '' : ' (JetStream)'}`;
  } catch (error) {
    return `unknown (${error.message})`;
  }
}

function safeRead(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
