import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

export type AnalyticsCounter = 'sent' | 'delivered' | 'bounced' | 'dropped' | 'deferred' | 'failed' | 'opened' | 'clicked';
const COUNTERS: readonly AnalyticsCounter[] = ['sent', 'delivered', 'bounced', 'dropped', 'deferred', 'failed', 'opened', 'clicked'];

export interface AnalyticsRow {
  day: string;
  template_name: string;
  sent: number;
  delivered: number;
  bounced: number;
  dropped: number;
  deferred: number;
  failed: number;
  opened: number;
  clicked: number;
}

/** Daily rollups per template (UTC days), bumped in the same transaction as each status change. */
@Injectable()
export class AnalyticsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async bump(manager: EntityManager, templateName: string, counter: AnalyticsCounter, by = 1): Promise<void> {
    if (!COUNTERS.includes(counter) || by <= 0) return;
    await manager.query(
      `INSERT INTO "notifications"."analytics_daily" (day, template_name, "${counter}") VALUES ((now() AT TIME ZONE 'UTC')::date, $1, $2)
       ON CONFLICT (day, template_name) DO UPDATE SET "${counter}" = "notifications"."analytics_daily"."${counter}" + EXCLUDED."${counter}"`,
      [templateName, by],
    );
  }

  async range(fromDay: string, templateName: string | undefined): Promise<AnalyticsRow[]> {
    return this.dataSource.query<AnalyticsRow[]>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, template_name, sent, delivered, bounced, dropped, deferred, failed, opened, clicked
       FROM "notifications"."analytics_daily" WHERE day >= $1::date AND ($2::text IS NULL OR template_name = $2) ORDER BY day, template_name`,
      [fromDay, templateName ?? null],
    );
  }
}
