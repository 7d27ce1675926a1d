import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { attendanceConfigShape } from '../../services/attendance/src/config';
import { chatConfigShape } from '../../services/chat/src/config';
import { coreConfigShape } from '../../services/core/src/config';
import { liveClassesConfigShape } from '../../services/live-classes/src/config';
import { notificationsConfigShape } from '../../services/notifications/src/config';
import { parentPortalConfigShape } from '../../services/parent-portal/src/config';
import { gatewayConfigShape } from '../../gateway/src/config';

// The Kubernetes manifests (deploy/k8s), validated offline: JSON schemas of every object and strict field names
// (deploy/k8s/validate.mjs), then what the product needs of them.
const root = path.resolve(__dirname, '../..');
const k8s = path.join(root, 'deploy/k8s');
const validator = path.join(k8s, 'validate.mjs');

interface Report {
  ok: boolean;
  errors: string[];
  documents: { file: string; kind: string; name: string; errors: string[] }[];
}

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are untyped YAML here; validate.mjs types them */
type Manifest = { apiVersion: string; kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec?: any; data?: Record<string, string>; stringData?: Record<string, string> };

function validate(dir: string): { status: number; report: Report } {
  const result = spawnSync('node', [validator, dir], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status ?? 1, report: JSON.parse(result.stdout) as Report };
}

function load(relative: string): Manifest[] {
  return parseAllDocuments(readFileSync(path.join(k8s, relative), 'utf8')).map((document) => document.toJS() as Manifest);
}

const all = (): Manifest[] => {
  const files = (dir: string): string[] =>
    readdirSync(path.join(k8s, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(path.join(dir, entry.name)) : /\.ya?ml$/.test(entry.name) && entry.name !== 'kustomization.yaml' ? [path.join(dir, entry.name)] : [],
    );
  return files('.').flatMap(load);
};

/** The services `npm start` runs (scripts/lib/paths.mjs), read without importing the ES module. */
const serviceNames = [...readFileSync(path.join(root, 'scripts/lib/paths.mjs'), 'utf8').matchAll(/\{ name: '([a-z-]+)', dir: 'services\//g)].map((match) => match[1]!);

const byKind = (kind: string) => all().filter((manifest) => manifest.kind === kind);
const find = (kind: string, name: string) => byKind(kind).find((manifest) => manifest.metadata.name === name);

describe('Kubernetes manifests', () => {
  it('all pass the Kubernetes JSON schemas and strict field names, and every file is in a kustomization', () => {
    const { status, report } = validate(k8s);
    const problems = [...report.errors, ...report.documents.flatMap((d) => d.errors.map((e) => `${d.file} ${d.kind}/${d.name}: ${e}`))];
    expect(problems).toEqual([]);
    expect(status).toBe(0);
    expect(report.documents.length).toBeGreaterThanOrEqual(35);
  });

  it('the validator catches an unknown field, a wrong type and a missing resource', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'tec-k8s-'));
    cpSync(k8s, copy, { recursive: true });
    const chat = path.join(copy, 'base/services/chat.yaml');
    writeFileSync(chat, readFileSync(chat, 'utf8').replace('          readinessProbe:', '          readinesProbe:'));
    const gateway = path.join(copy, 'base/gateway.yaml');
    writeFileSync(gateway, readFileSync(gateway, 'utf8').replace(/^ {2}replicas: 2$/m, '  replicas: two'));
    const kustomization = path.join(copy, 'base/kustomization.yaml');
    writeFileSync(kustomization, readFileSync(kustomization, 'utf8').replace('  - ingress.yaml', '  - ingres.yaml'));
    const { status, report } = validate(copy);
    expect(status).toBe(1);
    const errorsOf = (name: string) => report.documents.filter((d) => d.name === name && d.kind === 'Deployment').flatMap((d) => d.errors).join('\n');
    expect(errorsOf('chat')).toMatch(/readinesProbe/);
    expect(errorsOf('gateway')).toMatch(/replicas must be integer/);
    expect(report.errors.join('\n')).toMatch(/ingres\.yaml does not exist/);
    expect(report.errors.join('\n')).toMatch(/base\/ingress\.yaml is listed in 0 kustomizations/);
  });

  it('runs every service and the gateway as a Deployment with probes, resources, an autoscaler and a migration Job', () => {
    expect(serviceNames).toEqual(expect.arrayContaining(['core', 'notifications', 'attendance', 'parent-portal', 'chat', 'live-classes']));
    for (const name of [...serviceNames, 'gateway']) {
      const deployment = find('Deployment', name);
      expect(deployment).toBeDefined();
      const container = deployment!.spec.template.spec.containers[0];
      expect(container.image).toBe(`tec-lms/${name}:0.1.0`);
      for (const amount of ['requests', 'limits']) expect(Object.keys(container.resources[amount]).sort()).toEqual(['cpu', 'memory']);
      const portNames = container.ports.map((port: { name: string }) => port.name);
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) expect(portNames).toContain(container[probe].httpGet.port);
      if (name === 'gateway') {
        expect(container.livenessProbe.httpGet.path).toBe('/api/v1/health/live');
        expect(container.readinessProbe.httpGet.path).toBe('/api/v1/health/ready');
      } else {
        expect(container.livenessProbe.httpGet.path).toBe('/livez');
        expect(container.readinessProbe.httpGet.path).toBe('/readyz');
        const healthPort = container.env.find((variable: { name: string }) => variable.name === 'HEALTH_PORT').value;
        expect(container.ports.find((port: { name: string }) => port.name === 'health').containerPort).toBe(Number(healthPort));
        const metricsPort = container.env.find((variable: { name: string }) => variable.name === 'METRICS_PORT').value;
        expect(container.ports.find((port: { name: string }) => port.name === 'metrics').containerPort).toBe(Number(metricsPort));
        const job = find('Job', `migrate-${name}`);
        expect(job?.spec.template.spec.containers[0].command).toEqual(['node', 'libs/shared/dist/db/migration-cli.js', 'run', `services/${name}`]);
        expect(job?.spec.template.spec.containers[0].image).toBe(container.image);
      }
      const hpa = find('HorizontalPodAutoscaler', name);
      expect(hpa?.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa!.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa!.spec.maxReplicas).toBeGreaterThan(hpa!.spec.minReplicas);
    }
    expect(find('PodDisruptionBudget', 'gateway')?.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'gateway' });
  });

  it('runs NATS as a 3-node JetStream cluster, and the services keep 3 replicas of the events stream', () => {
    const nats = find('StatefulSet', 'nats');
    expect(nats?.spec.replicas).toBe(3);
    const conf = find('ConfigMap', 'nats-config')!.data!['nats.conf']!;
    expect(conf).toMatch(/jetstream \{/);
    expect(conf.match(/nats:\/\/nats-\d\.nats-headless:6222/g)).toHaveLength(3);
    const config = find('ConfigMap', 'tec-lms-config')!.data!;
    expect(config.EVENT_STREAM_REPLICAS).toBe('3');
    expect(config.NATS_URL).toBe('nats://nats:4222');
    expect(find('Service', 'nats')).toBeDefined();
    expect(find('PodDisruptionBudget', 'nats')?.spec.maxUnavailable).toBe(1);
  });

  it('names only variables some process reads, and only secrets and keys the example Secret holds', () => {
    const known = new Set(
      [attendanceConfigShape, chatConfigShape, coreConfigShape, liveClassesConfigShape, notificationsConfigShape, parentPortalConfigShape, gatewayConfigShape].flatMap((shape) => Object.keys(shape)),
    );
    const config = find('ConfigMap', 'tec-lms-config')!.data!;
    const secrets = load('secret.example.yaml');
    const secretKeys = new Map(secrets.map((secret) => [secret.metadata.name, Object.keys(secret.stringData ?? {})]));
    expect(Object.keys(config).filter((key) => !known.has(key))).toEqual([]);
    expect(secretKeys.get('tec-lms-secrets')!.filter((key) => !known.has(key))).toEqual([]);
    expect(secretKeys.get('tec-lms-secrets')).toContain('DATABASE_URL');

    const text = JSON.stringify(all().filter((manifest) => manifest.kind !== 'Secret'));
    for (const [, name] of text.matchAll(/"secretRef":\{"name":"([^"]+)"\}/g)) expect(secretKeys.has(name!)).toBe(true);
    for (const [, name, key] of text.matchAll(/"secretKeyRef":\{"name":"([^"]+)","key":"([^"]+)"\}/g)) expect(secretKeys.get(name!)).toContain(key);
    for (const [, name] of text.matchAll(/"secret":\{"secretName":"([^"]+)"/g)) expect(secretKeys.has(name!)).toBe(true);
    // The product's containers (NATS' own StatefulSet has its own variables).
    const ours = JSON.stringify(all().filter((manifest) => manifest.kind === 'Deployment' || manifest.kind === 'Job'));
    const variables = [...ours.matchAll(/\{"name":"([A-Z][A-Z0-9_]+)","value(?:From)?"/g)].map((match) => match[1]!);
    expect(variables).toEqual(expect.arrayContaining(['HEALTH_PORT', 'PORT', 'INTERNAL_API_SECRET']));
    expect(variables.filter((variable) => !known.has(variable))).toEqual([]);
  });

  it('routes /socket.io/ with WebSocket timeouts and affinity for the polling handshake, and the rest without', () => {
    const [socketIo, rest] = [find('Ingress', 'tec-lms-socketio')!, find('Ingress', 'tec-lms')!];
    expect(socketIo.spec.rules[0].http.paths[0].path).toBe('/socket.io/');
    expect(socketIo.metadata.annotations).toMatchObject({ 'nginx.ingress.kubernetes.io/affinity': 'cookie', 'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600' });
    expect(rest.spec.rules[0].http.paths[0].path).toBe('/');
    expect(rest.metadata.annotations?.['nginx.ingress.kubernetes.io/affinity']).toBeUndefined();
    for (const ingress of [socketIo, rest]) expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'gateway', port: { name: 'http' } });
  });

  it('keeps the example Secret out of every kustomization', () => {
    for (const file of ['base/kustomization.yaml', 'migrations/kustomization.yaml']) {
      expect(readFileSync(path.join(k8s, file), 'utf8')).not.toMatch(/secret\.example\.yaml/);
    }
  });
});
