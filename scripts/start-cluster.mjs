// `npm run start:cluster`: the whole product scaled out on one machine, as it runs on several.
// Two instances of every service and of the gateway; nginx (Debian's package, installed here if missing) on PORT
// (3000) balances the gateways on GATEWAY_PORT_BASE+1, +2 (3001, 3002). The instances share the work the way
// replicas do in production: RPC through each service's NATS queue group, events through one durable JetStream
// consumer per handler (with the inbox against redelivery), the outbox relay through SELECT … FOR UPDATE SKIP
// LOCKED, scheduled passes through rows claimed in the database, pushes through `push.>` relayed by every gateway.
// Each service instance also serves its HTTP probes on HEALTH_PORT (9101, 9102, …: /livez, /readyz) and
// Prometheus metrics on METRICS_PORT (9460, 9461, …).
// Config goes to .data/cluster/. Ctrl-C stops everything. INSTANCES=3 runs three of each.
import path from 'node:path';
import { createRequire } from 'node:module';
import { GATEWAY, SERVICES, dataDir, nodeCommand } from './lib/paths.mjs';
import { bold, fail, ok, step } from './lib/log.mjs';
import { prepareStack } from './lib/prepare.mjs';
import { backendProcesses, printWelcome, seedAfterStart, Supervisor, waitForHealthy } from './lib/stack.mjs';

const require = createRequire(import.meta.url);
const { ensureNginx, nginxArgs, writeNginxConfig } = require('./lib/nginx.cjs');

const port = Number(process.env.PORT ?? 3000);
const instances = Math.max(1, Number(process.env.INSTANCES ?? 2));
const gatewayPortBase = Number(process.env.GATEWAY_PORT_BASE ?? port);
const healthPortBase = Number(process.env.HEALTH_PORT_BASE ?? 9100);
// Prometheus /metrics per service instance: METRICS_BASE_PORT + n (9460 …; 0 turns them off).
const metricsBase = Number(process.env.METRICS_BASE_PORT ?? 9460);
// Twelve service processes against one Postgres (max_connections is 100 by default): a smaller pool each.
const poolSize = process.env.DATABASE_POOL_SIZE ?? '4';
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
  const nginx = ensureNginx((message) => step(message));
  if (!nginx) throw new Error('nginx is missing and could not be installed: sudo apt-get install -y nginx-light');
  const env = await prepareStack(stops);

  const gatewayPorts = Array.from({ length: instances }, (_, index) => gatewayPortBase + 1 + index);
  const prefixDir = path.join(dataDir, 'cluster');
  const config = writeNginxConfig(nginx, { listen: `0.0.0.0:${port}`, gateways: gatewayPorts.map((p) => `127.0.0.1:${p}`), prefixDir });
  ok(`nginx config written to ${path.relative(process.cwd(), config)}`);

  step(`Starting ${instances} instances of every service and of the gateway…`);
  const healthPorts = [];
  const metricsPorts = [];
  let colour = 0;
  for (const entry of backendProcesses()) {
    for (let instance = 1; instance <= instances; instance += 1) {
      const name = `${entry.name}#${instance}`;
      if (entry === GATEWAY) {
        supervisor.start(name, 'node', nodeCommand(entry), { ...env, PORT: String(gatewayPorts[instance - 1]), HOST: '127.0.0.1', GATEWAY_SERVICES: SERVICES.map((s) => s.name).join(',') }, colour);
      } else {
        const healthPort = healthPortBase + healthPorts.length + 1;
        const metricsPort = metricsBase > 0 ? metricsBase + healthPorts.length : 0;
        healthPorts.push(`${name} :${healthPort}`);
        if (metricsPort) metricsPorts.push(`${name} :${metricsPort}`);
        supervisor.start(name, 'node', nodeCommand(entry), { ...env, HEALTH_PORT: String(healthPort), METRICS_PORT: String(metricsPort), DATABASE_POOL_SIZE: poolSize }, colour);
      }
    }
    colour += 1;
  }
  supervisor.start('nginx', nginx, nginxArgs(prefixDir, config), {}, colour);

  // Every gateway directly, then through nginx.
  for (const gatewayPort of gatewayPorts) await waitForHealthy(`http://127.0.0.1:${gatewayPort}`);
  const baseUrl = `http://localhost:${port}`;
  await waitForHealthy(baseUrl);
  await seedAfterStart(env);
  printWelcome(baseUrl);
  console.log(`  Cluster:   nginx on :${port} → gateways ${gatewayPorts.map((p) => `:${p}`).join(', ')} (X-Upstream names the one that answered)`);
  console.log(`  Probes:    ${bold('/livez /readyz')} on ${healthPorts.join(', ')}`);
  if (metricsPorts.length) console.log(`  Metrics:   ${bold('/metrics')} on ${metricsPorts.join(', ')}; gateways on their own port`);
  console.log('');
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
  await shutdown(1);
}
