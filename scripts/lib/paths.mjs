import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dataDir = path.join(root, '.data');

/** Every backend process, in start order. A new service is one line here. */
export const SERVICES = [
  { name: 'core', dir: 'services/core', main: 'services/core/dist/main.js' },
];
export const GATEWAY = { name: 'gateway', dir: 'gateway', main: 'gateway/dist/main.js' };
