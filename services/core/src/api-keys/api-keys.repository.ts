import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type ApiKeyScope } from '@tec/shared';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';

@Injectable()
export class ApiKeysRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async insert(
    key: { id: string; name: string; scopes: ApiKeyScope[]; secretHash: Buffer; createdBy: string },
    db: EntityManager = this.dataSource.manager,
  ): Promise<ApiKeyEntity> {
    await db.insert(ApiKeyEntity, key);
    return db.findOneByOrFail(ApiKeyEntity, { id: key.id });
  }

  /** Keys are school-wide (admins manage all of them), newest first. */
  listAll(db: EntityManager = this.dataSource.manager): Promise<ApiKeyEntity[]> {
    return db.find(ApiKeyEntity, { order: { createdAt: 'DESC' } });
  }

  findActiveById(apiKeyId: string, db: EntityManager = this.dataSource.manager): Promise<ApiKeyEntity | null> {
    return db.findOneBy(ApiKeyEntity, { id: apiKeyId, revokedAt: IsNull() });
  }

  async revoke(apiKeyId: string, db: EntityManager = this.dataSource.manager): Promise<ApiKeyEntity | null> {
    await db.query(`UPDATE "core"."api_keys" SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [apiKeyId]);
    return db.findOneBy(ApiKeyEntity, { id: apiKeyId });
  }

  /** At most one write a minute per key: verification runs on every integrator request. */
  async touchLastUsed(apiKeyId: string, db: EntityManager = this.dataSource.manager): Promise<void> {
    await db.query(
      `UPDATE "core"."api_keys" SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [apiKeyId],
    );
  }
}
