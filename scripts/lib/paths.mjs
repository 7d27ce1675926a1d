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
