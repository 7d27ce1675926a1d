import { Injectable } from '@nestjs/common';
import { type AuthContext, type RpcParsedRequest, notificationsRpc } from '@tec/shared';
import { requireAdmin } from '../common/access';
import { AnalyticsRepository, type AnalyticsRow } from './analytics.repository';

const COUNTS = ['sent', 'delivered', 'bounced', 'dropped', 'failed', 'opened', 'clicked'] as const;
type Counts = Record<(typeof COUNTS)[number], number>;
const zero = (): Counts => ({ sent: 0, delivered: 0, bounced: 0, dropped: 0, failed: 0, opened: 0, clicked: 0 });
const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10000) / 100);

/** The 30-day chart (UTC days, zeros included) and per-template rates, from the daily rollups. */
@Injectable()
export class AnalyticsService {
  constructor(private readonly analytics: AnalyticsRepository) {}

  async get(auth: AuthContext, request: RpcParsedRequest<typeof notificationsRpc.analyticsGet>) {
    requireAdmin(auth);
    const today = new Date();
    const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (request.days - 1)));
    const rows = await this.analytics.range(from.toISOString().slice(0, 10), request.templateName);
    const days = new Map<string, Counts>();
    for (let index = 0; index < request.days; index += 1) {
      days.set(new Date(from.getTime() + index * 86_400_000).toISOString().slice(0, 10), zero());
    }
    const templates = new Map<string, Counts>();
    for (const row of rows) {
      add(days.get(row.day) ?? days.set(row.day, zero()).get(row.day)!, row);
      add(templates.get(row.template_name) ?? templates.set(row.template_name, zero()).get(row.template_name)!, row);
    }
    return {
      from: from.toISOString().slice(0, 10),
      to: today.toISOString().slice(0, 10),
      days: [...days.entries()].map(([date, counts]) => ({ date, ...counts })),
      templates: [...templates.entries()].map(([templateName, counts]) => ({
        templateName,
        ...counts,
        deliveryRate: rate(counts.delivered, counts.sent),
        bounceRate: rate(counts.bounced, counts.sent),
        openRate: rate(counts.opened, counts.sent),
        clickRate: rate(counts.clicked, counts.sent),
      })),
    };
  }
}

function add(target: Counts, row: AnalyticsRow): void {
  for (const key of COUNTS) target[key] += Number(row[key]);
}
