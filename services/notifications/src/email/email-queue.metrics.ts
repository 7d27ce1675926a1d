import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DATA_SOURCE, METRICS, type PlatformMetrics } from '@tec/shared';
import type { DataSource } from 'typeorm';

/** The statuses that are still the queue's work (the rest are final: sent, delivered, failed, …). */
const QUEUED = ['pending', 'sending'] as const;

/**
 * Email queue series for Prometheus, read at scrape time with one query on the due index:
 * `tec_email_queue_depth{status}` (pending, sending) and `tec_email_queue_oldest_due_seconds` (how long the
 * oldest due pending email has waited past its send time: a stuck or rate-limited provider shows here first).
 */
@Injectable()
export class EmailQueueMetrics implements OnApplicationBootstrap {
  constructor(
    @Inject(METRICS) private readonly metrics: PlatformMetrics,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    let reading: Promise<{ depth: Map<string, number>; oldestDueSeconds: number }> | null = null;
    const read = () => (reading ??= this.read().finally(() => setTimeout(() => (reading = null), 0)));
    this.metrics.registerGauge<'status'>({
      name: 'tec_email_queue_depth',
      help: 'Emails waiting in the notifications queue, by status (pending: waiting or retrying; sending: claimed by a worker)',
      labelNames: ['status'],
      collect: async (gauge) => {
        const { depth } = await read();
        for (const status of QUEUED) gauge.set({ status }, depth.get(status) ?? 0);
      },
    });
    this.metrics.registerGauge({
      name: 'tec_email_queue_oldest_due_seconds',
      help: 'How long the oldest pending email has been due (0 when none is due)',
      collect: async (gauge) => gauge.set((await read()).oldestDueSeconds),
    });
  }

  private async read(): Promise<{ depth: Map<string, number>; oldestDueSeconds: number }> {
    const rows: { status: string; count: number; oldest_due_seconds: number | null }[] = await this.dataSource.query(
      `SELECT status, count(*)::int AS count,
              max(EXTRACT(EPOCH FROM (now() - next_attempt_at))) FILTER (WHERE status = 'pending' AND next_attempt_at <= now())::float8 AS oldest_due_seconds
         FROM "notifications"."email_deliveries"
        WHERE status IN ('pending', 'sending')
        GROUP BY status`,
    );
    return {
      depth: new Map(rows.map((row) => [row.status, row.count])),
      oldestDueSeconds: Math.max(0, ...rows.map((row) => row.oldest_due_seconds ?? 0)),
    };
  }
}
