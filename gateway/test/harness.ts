import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, ensureDevKeys } from '@tec/shared';
import { bootTestService, createTestNats, type TestNats, type TestService } from '@tec/shared/testing';
// End-to-end: the real core service (in-process, on its own cloned database) behind the real gateway.
import { buildServiceModule } from '../../services/core/src/app.module';
import { coreConfigShape, type CoreConfig } from '../../services/core/src/config';
import { coreEntities } from '../../services/core/src/entities';
import { coreMigrations } from '../../services/core/src/migrations';
import { seedDemoSchool } from '../../services/core/src/seed/seed-demo-school';
import { DATA_SOURCE } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { createGatewayApp } from '../src/bootstrap';
import { loadGatewayConfig, type GatewayConfig } from '../src/config';

export const ALLOWED_ORIGIN = 'http://allowed.test';
export const DEMO_PASSWORD = 'demo1234';

/** Boots one more service beside core on the stack's NATS prefix (see `startStack({ services })`). */
export type ServiceBooter = (context: { nats: TestNats; keys: { privateKeyFile: string; publicKeyFile: string } }) => Promise<TestService<unknown>>;

export interface StackOptions {
  /** Gateway env overrides. */
  env?: Record<string, string>;
  /** Other services to run, by name (the name goes into GATEWAY_SERVICES for health). */
  services?: Record<string, ServiceBooter>;
}

export interface Stack {
  core: TestService<CoreConfig>;
  services: Record<string, TestService<unknown>>;
  nats: TestNats;
  gateway: NestExpressApplication;
  config: GatewayConfig;
  url: string;
  close(): Promise<void>;
}

/** The real core (seeded with the demo school) and any other services, behind the real gateway on a random port. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const { env: overrides = {}, services: booters = {} } = options;
  const keys = ensureDevKeys(mkdtempSync(path.join(tmpdir(), 'tec-keys-')));
  const nats = await createTestNats();
  const core = await bootTestService({
    nats,
    schema: 'core',
    entities: coreEntities,
    migrations: coreMigrations,
    buildModule: buildServiceModule,
    configShape: coreConfigShape,
    env: {
      JWT_PRIVATE_KEY_FILE: keys.privateKeyFile,
      JWT_PUBLIC_KEY_FILE: keys.publicKeyFile,
      MISSING_ASSIGNMENT_SCAN_SECONDS: '0',
    },
  });
  await seedDemoSchool(core.app.get<DataSource>(DATA_SOURCE));
  const services: Record<string, TestService<unknown>> = {};
  for (const [name, boot] of Object.entries(booters)) services[name] = await boot({ nats, keys });
  const config = loadGatewayConfig({
    GATEWAY_SERVICES: ['core', ...Object.keys(booters)].join(','),
    LOG_LEVEL: 'silent',
    NATS_URL: core.config.NATS_URL,
    NATS_SUBJECT_PREFIX: core.prefix,
    JWT_PUBLIC_KEY_FILE: keys.publicKeyFile,
    WEB_DIST_DIR: '',
    CORS_ORIGINS: ALLOWED_ORIGIN,
    RATE_LIMIT_LOGIN: '1000',
    ...overrides,
  });
  const gateway = await createGatewayApp(config, createLogger({ service: 'gateway', level: 'silent' }));
  await gateway.listen(0, '127.0.0.1');
  const address = gateway.getHttpServer().address() as { port: number };
  return {
    core,
    services,
    nats,
    gateway,
    config,
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await gateway.close();
      for (const service of Object.values(services)) await service.close();
      await core.close();
      await nats.cleanup();
    },
  };
}

export interface HttpReply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export async function http<T = Record<string, unknown>>(
  stack: Stack,
  method: string,
  route: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<HttpReply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${stack.url}${route}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T, headers: response.headers };
}

export async function login(stack: Stack, email: string): Promise<{ accessToken: string; cookie: string; user: { id: string } }> {
  const reply = await http<{ accessToken: string; user: { id: string } }>(stack, 'POST', '/api/v1/auth/login', {
    body: { email, password: DEMO_PASSWORD },
  });
  if (reply.status !== 200) throw new Error(`login ${email} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  const cookie = (reply.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { accessToken: reply.body.accessToken, cookie, user: reply.body.user };
}
