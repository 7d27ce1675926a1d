// Builds, migrates, seeds and supervises the whole product: every service, the gateway and (in dev) Vite.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { GATEWAY, SERVICES, dataDir, root } from './paths.mjs';
import { bold, cyan, dim, green, red, step, yellow } from './log.mjs';
import { run, sleep } from './run.mjs';

export async function buildAll({ includeWeb = true } = {}) {
  step('Building (nx caches what did not change)…');
  const projects = ['@tec/shared', ...SERVICES.map((s) => `@tec/${s.name}`), '@tec/gateway', ...(includeWeb ? ['@tec/web'] : [])];
  await run('npx', ['nx', 'run-many', '-t', 'build', '-p', projects.join(','), '--outputStyle=static'], { cwd: root });
}

/** Creates the dev key pair for access tokens once (core signs, the gateway verifies). */
export async function ensureKeys() {
  const keysDir = path.join(dataDir, 'keys');
  const shared = await import(path.join(root, 'libs/shared/dist/index.js'));
  await shared.ensureDevKeys(keysDir);
  return { privateKeyFile: path.join(keysDir, 'jwt-private.pem'), publicKeyFile: path.join(keysDir, 'jwt-public.pem') };
}

export async function migrateAll(env) {
  for (const service of SERVICES) {
    await run('node', ['libs/shared/dist/db/migration-cli.js', 'run', service.dir], { cwd: root, env: { ...process.env, ...env } });
  }
}

/** The demo school: each service's seed, before the services start. */
export async function seedDemoSchool(env) {
  for (const service of SERVICES.filter((entry) => entry.seed)) {
    await run('node', [service.seed], { cwd: root, env: { ...process.env, ...env } });
  }
}

/** Demo data that services build on their read models, once the stack runs. */
export async function seedAfterStart(env) {
  for (const service of SERVICES.filter((entry) => entry.seedAfterStart)) {
    await run('node', [service.seedAfterStart], { cwd: root, env: { ...process.env, ...env } });
  }
}

const COLOURS = [cyan, green, yellow, (t) => t, dim];
const LEVELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** One readable line per pino JSON line, prefixed with the process name. */
function formatLine(line) {
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line);
    const level = LEVELS[entry.level] ?? entry.level;
    const { msg, level: _l, time, service: _s, pid: _p, hostname: _h, ...rest } = entry;
    const extra = Object.keys(rest).length ? dim(` ${JSON.stringify(rest)}`) : '';
    const tag = level === 'error' || level === 'fatal' ? red(level) : level === 'warn' ? yellow(level) : dim(level);
    return `${dim(String(time ?? '').slice(11, 19))} ${tag} ${msg ?? ''}${extra}`;
  } catch {
    return line;
  }
}

/**
 * Starts processes, prefixes their logs, restarts none (a crash is shown loudly), and stops them all on
 * SIGINT/SIGTERM: SIGTERM first so they shut down gracefully, SIGKILL after 10 s.
 */
export class Supervisor {
  children = [];
  stopping = false;

  start(name, command, args, env, index = this.children.length) {
    const colour = COLOURS[index % COLOURS.length];
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = colour(`[${name.padEnd(13)}]`);
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => console.log(`${prefix} ${formatLine(line)}`));
    }
    child.on('exit', (code, signal) => {
      if (!this.stopping) console.log(`${prefix} ${red(`exited (${code ?? signal})`)}`);
    });
    this.children.push({ name, child });
    return child;
  }

  async stop() {
    this.stopping = true;
    const alive = this.children.filter(({ child }) => child.exitCode === null && child.signalCode === null);
    for (const { child } of alive) child.kill('SIGTERM');
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && alive.some(({ child }) => child.exitCode === null && child.signalCode === null)) await sleep(100);
    for (const { child } of alive) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

export function backendProcesses() {
  return [...SERVICES, GATEWAY].map((entry) => {
    if (!existsSync(path.join(root, entry.main))) throw new Error(`${entry.main} is missing: the build did not produce it`);
    return entry;
  });
}

/** Waits until the gateway reports every service healthy (or the timeout passes). */
export async function waitForHealthy(baseUrl, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`);
      const body = await response.json();
      if (response.ok && body.status === 'ok') return body;
      last = JSON.stringify(body);
    } catch (error) {
      last = String(error);
    }
    await sleep(500);
  }
  throw new Error(`The stack did not become healthy in ${timeoutMs / 1000}s: ${last}`);
}

export function printWelcome(baseUrl, devUrl) {
  const line = '─'.repeat(60);
  console.log(`\n${line}\n${bold('TEC LMS Engage is running')}\n`);
  console.log(`  App:       ${bold(baseUrl)}${devUrl ? `   (hot reload: ${devUrl})` : ''}`);
  console.log(`  API docs:  ${baseUrl}/api/docs`);
  console.log(`\n  Demo logins (password ${bold('demo1234')}):`);
  for (const email of ['admin@tec.example', 'teacher@tec.example', 'student@tec.example', 'parent@tec.example']) console.log(`    ${email}`);
  console.log(`\n  Ctrl-C stops everything.\n${line}\n`);
}
