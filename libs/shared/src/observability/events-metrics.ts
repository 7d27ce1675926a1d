import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ConsumerInfo, JetStreamManager, NatsConnection } from 'nats';
import type { DataSource } from 'typeorm';
import { EventConsumerHost } from '../events/event-consumer-host';
import { EVENT_STREAM } from '../events/events-settings';
import { OutboxRelay } from '../events/outbox-relay';
import { outboxLag, schemaOf } from '../events/outbox.repository';
import { DATA_SOURCE, NATS_CONNECTION } from '../nest/tokens';
import { METRICS, type PlatformMetrics } from './metrics';

/** JetStream consumer info is read at most this often (several scrapers, or a fast scrape interval). */
export const CONSUMER_LAG_CACHE_MS = 5_000;

/**
 * The events runtime's series, read at scrape time from where the truth is: the outbox and dead-letter tables
 * (one small query each) and JetStream's consumer info for each durable of this service (cached briefly).
 * Deliveries are counted as they happen, from the consumer host's outcome listener.
 */
@Injectable()
export class EventsMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private unsubscribe?: () => void;
  private consumerCache: { at: number; infos: ConsumerInfo[] } | null = null;
  private jsm: JetStreamManager | null = null;
  /** How long consumer info is reused between scrapes (tests set 0). */
  consumerLagCacheMs = CONSUMER_LAG_CACHE_MS;

  constructor(
    @Inject(METRICS) private readonly metrics: PlatformMetrics,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(EVENT_STREAM) private readonly streamName: string | null,
    private readonly consumers: EventConsumerHost,
    private readonly relay: OutboxRelay,
  ) {}

  onApplicationBootstrap(): void {
    const m = this.metrics;
    this.unsubscribe = this.consumers.onOutcome((consumer, outcome) => m.eventsHandled.inc({ consumer, outcome }));

    let lag: Promise<{ pending: number; oldestAgeMs: number }> | null = null;
    // Both outbox gauges come from one query per scrape.
    const readLag = () => (lag ??= outboxLag(this.dataSource).finally(() => setTimeout(() => (lag = null), 0)));
    m.registerGauge({
      name: 'tec_outbox_pending',
      help: 'Outbox rows written but not yet published to JetStream',
      collect: async (gauge) => gauge.set((await readLag()).pending),
    });
    m.registerGauge({
      name: 'tec_outbox_oldest_age_seconds',
      help: 'Age of the oldest unpublished outbox row (0 when none): how far the relay is behind',
      collect: async (gauge) => gauge.set((await readLag()).oldestAgeMs / 1000),
    });
    m.registerGauge<'result'>({
      name: 'tec_outbox_relay_publishes',
      help: 'Outbox publishes by this process since it started: published, duplicates (dropped by JetStream) and failures',
      labelNames: ['result'],
      collect: (gauge) => {
        const stats = this.relay.stats();
        gauge.set({ result: 'published' }, stats.published);
        gauge.set({ result: 'duplicate' }, stats.duplicates);
        gauge.set({ result: 'failure' }, stats.failures);
      },
    });
    m.registerGauge<'consumer'>({
      name: 'tec_dead_letters',
      help: 'Events dead-lettered (kept in the dead_letters table), by durable consumer',
      labelNames: ['consumer'],
      collect: async (gauge) => {
        for (const consumer of this.consumers.consumers()) gauge.set({ consumer }, 0);
        const rows: { consumer: string; count: number }[] = await this.dataSource.query(
          `SELECT consumer, count(*)::int AS count FROM "${schemaOf(this.dataSource)}"."dead_letters" GROUP BY consumer`,
        );
        for (const row of rows) gauge.set({ consumer: row.consumer }, row.count);
      },
    });
    m.registerGauge<'consumer'>({
      name: 'tec_consumer_pending',
      help: 'JetStream messages not yet delivered to the durable consumer (num_pending)',
      labelNames: ['consumer'],
      collect: async (gauge) => {
        for (const info of await this.consumerInfos()) gauge.set({ consumer: info.name }, info.num_pending);
      },
    });
    m.registerGauge<'consumer'>({
      name: 'tec_consumer_ack_pending',
      help: 'JetStream messages delivered to the durable consumer but not yet acked (num_ack_pending)',
      labelNames: ['consumer'],
      collect: async (gauge) => {
        for (const info of await this.consumerInfos()) gauge.set({ consumer: info.name }, info.num_ack_pending);
      },
    });
    m.registerGauge<'consumer'>({
      name: 'tec_consumer_redelivered',
      help: 'JetStream messages of the durable consumer delivered more than once and not yet acked (num_redelivered)',
      labelNames: ['consumer'],
      collect: async (gauge) => {
        for (const info of await this.consumerInfos()) gauge.set({ consumer: info.name }, info.num_redelivered);
      },
    });
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }

  /** Consumer info of this service's durables, cached for CONSUMER_LAG_CACHE_MS; empty without a stream. */
  private async consumerInfos(): Promise<ConsumerInfo[]> {
    const names = this.consumers.consumers();
    if (!this.streamName || names.length === 0 || this.nats.isClosed()) return [];
    const now = Date.now();
    if (this.consumerCache && now - this.consumerCache.at < this.consumerLagCacheMs) return this.consumerCache.infos;
    const stream = this.streamName;
    this.jsm ??= await this.nats.jetstreamManager();
    const jsm = this.jsm;
    const settled = await Promise.allSettled(names.map((name) => jsm.consumers.info(stream, name)));
    const infos = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    this.consumerCache = { at: now, infos };
    return infos;
  }
}
