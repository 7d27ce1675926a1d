import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, DATA_SOURCE, type PortalSettings } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { ParentPortalConfig } from '../config';

/** School-wide settings admins change at run time (who approves links). */
@Injectable()
export class PortalSettingsRepository {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: ParentPortalConfig,
  ) {}

  async get(db: EntityManager = this.dataSource.manager): Promise<PortalSettings> {
    const rows = await db.query<{ value: PortalSettings['linkApprover'] }[]>(`SELECT value #>> '{}' AS value FROM "parent_portal"."settings" WHERE key = 'link_approver'`);
    return { linkApprover: rows[0]?.value ?? this.config.PARENT_PORTAL_DEFAULT_APPROVER };
  }

  async set(settings: PortalSettings): Promise<PortalSettings> {
    await this.dataSource.query(
      `INSERT INTO "parent_portal"."settings" (key, value) VALUES ('link_approver', to_jsonb($1::text))
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [settings.linkApprover],
    );
    return this.get();
  }
}
