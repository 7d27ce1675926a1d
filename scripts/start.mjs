// `npm start`: install, provision Postgres + NATS, build, migrate, seed the demo school, run everything.
// `npm start -- --dev` also runs the Vite dev server with hot reload on :5173.
// `npm run start:cluster` (scripts/start-cluster.mjs) runs two of everything behind nginx.
import { GATEWAY, SERVICES, nodeCommand } from './lib/paths.mjs';
import { fail, step } from './lib/log.mjs';
import { prepareStack } from './lib/prepare.mjs';
import { backendProcesses, printWelcome, seedAfterStart, Supervisor, waitForHealthy } from './lib/stack.mjs';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
// Each service serves Prometheus /metrics on its own port: METRICS_BASE_PORT + its place in SERVICES (0 = none).
const metricsBase = Number(process.env.METRICS_BASE_PORT ?? 9460);
const metricsPorts = new Map(SERVICES.map((service, index) => [service.name, metricsBase > 0 ? metricsBase + index : 0]));
const processEnv = (entry) =>
  entry === GATEWAY
    ? { PORT: String(port), GATEWAY_SERVICES: SERVICES.map((s) => s.name).join(',') }
    : { METRICS_PORT: String(metricsPorts.get(entry.name) ?? 0) };
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
  const env = await prepareStack(stops);
  step('Starting services…');
  backendProcesses().forEach((entry, index) =>
    supervisor.start(entry.name, 'node', nodeCommand(entry), { ...env, ...processEnv(entry) }, index),
  );
  if (dev) supervisor.start('web (vite)', 'npx', ['vite', '--host', '127.0.0.1', '--port', '5173', '--strictPort'], {}, 9);
  const baseUrl = `http://localhost:${port}`;
  await waitForHealthy(baseUrl);
  await seedAfterStart(env);
  printWelcome(baseUrl, dev ? 'http://localhost:5173' : undefined);
  if (metricsBase > 0) {
    console.log(`  Prometheus metrics: gateway ${baseUrl}/metrics (from this machine)`);
    for (const [name, metricsPort] of metricsPorts) console.log(`    ${name.padEnd(14)} http://localhost:${metricsPort}/metrics`);
    console.log('');
  }
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
  await shutdown(1);
}
