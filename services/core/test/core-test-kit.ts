import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDevKeys, type AuthContext } from '@tec/shared';
import { bootTestService, type TestService } from '@tec/shared/testing';
import type { CoreConfig } from '../src/config';
import { buildServiceModule } from '../src/app.module';
import { coreConfigShape } from '../src/config';
import { coreEntities } from '../src/entities';
import { coreMigrations } from '../src/migrations';
import { createFactory, type Factory } from './factory';

import { asUser as as, codeOf, waitFor } from '@tec/shared/testing';

// The platform's test assertions, under the names this service's tests use.
export { as, codeOf, waitFor };

export type CoreTestService = TestService<CoreConfig> & { factory: Factory };

/**
 * Boots the whole core service (RPC over the real NATS, a fresh clone of the migrated database). The relay
 * is off so published events stay visible in the outbox, and the timers are off so tests drive the jobs.
 */
export async function bootCore(env: Record<string, string> = {}): Promise<CoreTestService> {
  const keys = ensureDevKeys(path.join(mkdtempSync(path.join(tmpdir(), 'core-keys-')), 'keys'));
  const service = await bootTestService({
    schema: 'core',
    entities: coreEntities,
    migrations: coreMigrations,
    configShape: coreConfigShape,
    buildModule: (config) => buildServiceModule(config, { events: { relay: false, consumers: false } }),
    env: {
      JWT_PRIVATE_KEY_FILE: keys.privateKeyFile,
      JWT_PUBLIC_KEY_FILE: keys.publicKeyFile,
      MISSING_ASSIGNMENT_SCAN_SECONDS: '0',
      ROSTER_IMPORT_POLL_SECONDS: '0',
      // argon2 under a loaded CI machine can be slow; a timeout here would be a false failure.
      RPC_TIMEOUT_MS: '15000',
      ...env,
    },
  });
  return Object.assign(service, { factory: createFactory(service.db.dataSource) });
}

export const SERVICE: AuthContext = { kind: 'service', service: 'gateway' };

export async function outboxSubjects(service: CoreTestService): Promise<string[]> {
  const rows = await service.db.dataSource.query<{ subject: string }[]>(`SELECT subject FROM "core"."outbox" ORDER BY created_at, id`);
  return rows.map((row) => row.subject);
}
