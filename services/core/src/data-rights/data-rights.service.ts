import { Inject, Injectable } from '@nestjs/common';
import { coreEvents, DATA_SOURCE, DomainError, enqueueEvent, inTransaction, type AuthContext, type UserErasure } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { CoreDataRights } from './core-data-rights';
import { DataRightsRepository } from './data-rights.repository';

function adminId(auth: AuthContext): string {
  if (auth.kind === 'user' && auth.role === 'admin') return auth.userId;
  throw DomainError.forbidden('Data exports and erasures are for admins');
}

/**
 * Exports are audited here before the gateway gathers them. An erasure is recorded (kept), core's own data is
 * erased and `core.v1.user_erasure_requested` is enqueued, all in one transaction; the other services confirm with
 * `<domain>.v1.user_erased`. Asking twice for one user returns the first erasure (one per user).
 */
@Injectable()
export class DataRightsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly repository: DataRightsRepository,
    private readonly coreData: CoreDataRights,
  ) {}

  async recordExport(auth: AuthContext, userId: string): Promise<{ exportId: string; recordedAt: string }> {
    const actorId = adminId(auth);
    if (!(await this.repository.userExists(userId))) throw DomainError.notFound('User');
    const row = await this.repository.recordExport(userId, actorId);
    return { exportId: row.id, recordedAt: row.requestedAt.toISOString() };
  }

  async requestErasure(auth: AuthContext, userId: string, reason: string): Promise<UserErasure> {
    const actorId = adminId(auth);
    if (actorId === userId) throw new DomainError('BAD_REQUEST', 'An admin cannot erase their own account');
    return inTransaction(this.dataSource, async (db) => {
      if (!(await this.repository.userExists(userId, db))) throw DomainError.notFound('User');
      const erasureId = await this.repository.insertErasure(userId, actorId, reason, db);
      if (!erasureId) return (await this.repository.erasureById((await this.repository.erasureIdForUser(userId, db))!, db))!;
      const summary = await this.coreData.erase(userId, db);
      await this.repository.confirm(erasureId, 'core', summary, db);
      await enqueueEvent(db, coreEvents.userErasureRequested, { erasureId, userId, requestedAt: new Date().toISOString() });
      return (await this.repository.erasureById(erasureId, db))!;
    });
  }

  async erasures(auth: AuthContext, userId: string): Promise<{ items: UserErasure[] }> {
    adminId(auth);
    return { items: await this.repository.erasuresForUser(userId) };
  }
}
