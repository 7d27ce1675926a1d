import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dataDir = path.join(root, '.data');

/**
 * Every backend process, in start order. A new service is one line here.
 * `seed`: a CLI run after migrations, before the services start (idempotent).
 * `seedAfterStart`: a CLI run once the stack is healthy, for demo data a service builds on the read models it
 * fills from other services' events (idempotent; it waits for what it needs).
 */
export const SERVICES = [
  { name: 'core', dir: 'services/core', main: 'services/core/dist/main.js', seed: 'services/core/dist/seed/seed.cli.js' },
  { name: 'notifications', dir: 'services/notifications', main: 'services/notifications/dist/main.js' },
  { name: 'attendance', dir: 'services/attendance', main: 'services/attendance/dist/main.js', seedAfterStart: 'services/attendance/dist/seed/seed.cli.js' },
  { name: 'parent-portal', dir: 'services/parent-portal', main: 'services/parent-portal/dist/main.js', seedAfterStart: 'services/parent-portal/dist/seed/seed.cli.js' },
  { name: 'chat', dir: 'services/chat', main: 'services/chat/dist/main.js', seedAfterStart: 'services/chat/dist/seed/seed.cli.js' },
  { name: 'live-classes', dir: 'services/live-classes', main: 'services/live-classes/dist/main.js', seedAfterStart: 'services/live-classes/dist/seed/seed.cli.js' },
];
export const GATEWAY = { name: 'gateway', dir: 'gateway', main: 'gateway/dist/main.js' };

/**
 * How to run a backend process: `node <its package.json "nodeArgs"> <main>`. The gateway runs with a 32 MB V8
 * young generation (`--max-semi-space-size`, Node's documented throughput setting): it allocates per socket message,
 * and the default 16 MB made scavenges ~7 % of its CPU under chat load (bench/RESULTS.md). The Dockerfile's CMD
 * repeats the flag.
 */
export function nodeCommand(entry) {
  const manifest = JSON.parse(readFileSync(path.join(root, entry.dir, 'package.json'), 'utf8'));
  return [...(manifest.nodeArgs ?? []), entry.main];
}
