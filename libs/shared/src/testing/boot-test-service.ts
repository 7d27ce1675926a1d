import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NatsConnection } from 'nats';
import type { EntitySchema, MixedList } from 'typeorm';
import type { z } from 'zod';
import { loadConfig } from '../config/config';
import { RpcClient } from '../rpc/rpc-client';
import { testConfig } from './test-config';
import { createTestDatabase, type TestDatabase } from './test-database';
import { createTestNats, type TestNats } from './test-nats';

export interface BootTestServiceOptions<Shape extends z.ZodRawShape> {
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: Function[];
  /** The service's `buildServiceModule(config)`: a DynamicModule that imports `PlatformModule.forService`. */
  buildModule: (config: Readonly<z.infer<z.ZodObject<Shape>>>) => DynamicModule;
  configShape: Shape;
  /** Extra env for the config; the database, NATS and prefix are always the test's own. */
  env?: Record<string, string>;
  /** Share one prefix between several services of one test file; otherwise a new one is made and removed. */
  nats?: TestNats;
}

export interface TestService<Config> {
  /** Replace it with a restarted instance (same config) to test a crash; `close()` closes the current one. */
  app: INestApplicationContext;
  db: TestDatabase;
  prefix: string;
  /** The test's own connection, for publishing or inspecting streams. */
  nats: NatsConnection;
  /** Calls any service under the test prefix. */
  rpc: RpcClient;
  config: Config;
  /** Stops the service, drops its database and, when this call created the prefix, its stream. */
  close(): Promise<void>;
}

/** Boots a whole service against a fresh clone of its migrated database and a unique NATS prefix. */
export async function bootTestService<Shape extends z.ZodRawShape>(
  options: BootTestServiceOptions<Shape>,
): Promise<TestService<Readonly<z.infer<z.ZodObject<Shape>>>>> {
  const db = await createTestDatabase({ schema: options.schema, entities: options.entities, migrations: options.migrations });
  const ownsNats = !options.nats;
  const testNats = options.nats ?? (await createTestNats());
  try {
    const config = loadConfig(options.configShape, {
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      ...options.env,
      DATABASE_URL: db.url,
      NATS_URL: testConfig.NATS_URL,
      NATS_SUBJECT_PREFIX: testNats.prefix,
    });
    const app = await NestFactory.createApplicationContext(options.buildModule(config), { logger: false, abortOnError: false });
    const timeout = (config as { RPC_TIMEOUT_MS?: unknown }).RPC_TIMEOUT_MS;
    const rpc = new RpcClient(testNats.nats, testNats.prefix, typeof timeout === 'number' ? timeout : 5000);
    const service: TestService<Readonly<z.infer<z.ZodObject<Shape>>>> = {
      app,
      db,
      prefix: testNats.prefix,
      nats: testNats.nats,
      rpc,
      config,
      close: async () => {
        // `app` may have been replaced by a restarted instance; close whichever runs now.
        await service.app.close();
        await db.drop();
        if (ownsNats) await testNats.cleanup();
      },
    };
    return service;
  } catch (error) {
    await db.drop().catch(() => undefined);
    if (ownsNats) await testNats.cleanup().catch(() => undefined);
    throw error;
  }
}
