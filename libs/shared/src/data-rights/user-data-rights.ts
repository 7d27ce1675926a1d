import { Controller, Inject, Injectable, type Type } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { coreEvents } from '../contracts/core/events.contracts';
import { dataRightsRpc, userErasedEvents, type DataExport } from '../contracts/data-rights';
import type { AuthContext } from '../contracts/auth-context';
import type { EventPayload } from '../contracts/event-contract';
import type { ServiceName } from '../contracts/rpc-contract';
import { queryRows } from '../db/sql-results';
import { inTransaction } from '../db/transaction';
import { DomainError } from '../errors/domain-error';
import { EventHandler } from '../events/event-handler.decorator';
import type { EventHandlerContext } from '../events/event-handler.decorator';
import { enqueueEvent } from '../events/outbox';
import { CONFIG, DATA_SOURCE, NATS_CONNECTION } from '../nest/tokens';
import type { NatsConnection } from '../nats/nats-connection';
import { packDataExport } from './export-store';
import { RpcRoute } from '../rpc/rpc-route.decorator';
import type { DataSource } from 'typeorm';

type Runner = Pick<EntityManager, 'query'>;

/**
 * What one service holds about a user and how it forgets it. Each service writes one of these in its
 * `src/data-rights/` folder: export queries (explicit columns, never secrets or hashes) and erasure statements
 * (idempotent: running them twice changes nothing the second time).
 */
export interface UserDataRights {
  /** `{ section: SELECT … WHERE … = $1 }`, $1 = the user id. */
  readonly exportQueries: Record<string, string>;
  /** Deletes or de-identifies in the handler's transaction; returns counts by kind for the confirmation. */
  erase(userId: string, db: EntityManager): Promise<Record<string, number>>;
}

export const USER_DATA_RIGHTS = Symbol('tec:user-data-rights');

/** Admins and services only; API keys and every other role are refused. */
export function assertDataRightsCaller(auth: AuthContext): void {
  if (auth.kind === 'service') return;
  if (auth.kind === 'user' && auth.role === 'admin') return;
  throw DomainError.forbidden('Data exports and erasures are for admins');
}

/** Runs the service's export queries in one read-only, repeatable-read snapshot. */
export async function runDataExport(dataSource: DataSource, service: ServiceName, queries: Record<string, string>, userId: string): Promise<DataExport> {
  const sections: Record<string, Record<string, unknown>[]> = {};
  await inTransaction(dataSource, async (db) => {
    await db.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for (const [name, sql] of Object.entries(queries)) sections[name] = await queryRows<Record<string, unknown>>(db, sql, [userId]);
  });
  return { service, generatedAt: new Date().toISOString(), sections: JSON.parse(JSON.stringify(sections)) as DataExport['sections'] };
}

/** Counts the rows a `DELETE/UPDATE … RETURNING 1` touched. */
export async function affected(db: Runner, sql: string, params: unknown[]): Promise<number> {
  return (await queryRows<unknown>(db, sql, params)).length;
}

/**
 * The RPC route (`rpc.<service>.dataExport`) and, for every service but core, the erasure consumer that answers
 * `core.v1.user_erasure_requested` with `<domain>.v1.user_erased` in the same transaction as the erasure. List
 * both in the service module's controllers/providers with `{ provide: USER_DATA_RIGHTS, useClass: … }`.
 */
export function dataRightsRoutes(service: ServiceName): { controller: Type<unknown>; handler: Type<unknown> | null } {
  @Controller()
  class DataExportController {
    constructor(
      @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
      @Inject(USER_DATA_RIGHTS) private readonly rights: UserDataRights,
      @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
      @Inject(CONFIG) private readonly config: { NATS_SUBJECT_PREFIX: string; EVENT_STREAM_REPLICAS?: number },
    ) {}

    @RpcRoute(dataRightsRpc(service))
    async dataExport(payload: { userId: string }, auth: AuthContext): Promise<DataExport> {
      assertDataRightsCaller(auth);
      const result = await runDataExport(this.dataSource, service, this.rights.exportQueries, payload.userId);
      return packDataExport(result, this.nats, this.config.NATS_SUBJECT_PREFIX, this.config.EVENT_STREAM_REPLICAS ?? 1);
    }
  }

  if (service === 'core') return { controller: DataExportController, handler: null };
  const confirmation = userErasedEvents[service];

  @Injectable()
  class UserErasureHandler {
    constructor(@Inject(USER_DATA_RIGHTS) private readonly rights: UserDataRights) {}

    @EventHandler(coreEvents.userErasureRequested, { consumer: 'data-rights-user-erasure' })
    async handle(payload: EventPayload<typeof coreEvents.userErasureRequested>, { manager }: EventHandlerContext): Promise<void> {
      const summary = await this.rights.erase(payload.userId, manager);
      await enqueueEvent(manager, confirmation, { erasureId: payload.erasureId, userId: payload.userId, service, erasedAt: new Date().toISOString(), summary });
    }
  }
  return { controller: DataExportController, handler: UserErasureHandler };
}
