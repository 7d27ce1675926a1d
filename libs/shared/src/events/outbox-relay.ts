import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { JetStreamClient, NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '../contracts/event-contract';
import { correlationHeaders, withPrefix } from '../nats/nats-connection';
import { DATA_SOURCE, LOGGER, NATS_CONNECTION, PLATFORM_OPTIONS, type PlatformOptions } from '../nest/tokens';
import { backoffDelay, EVENT_STREAM, EVENTS_SETTINGS, type EventsSettings } from './events-settings';
import { errorMessage } from './jetstream-errors';
import { outboxChannel } from './outbox';
import { PgChannelListener } from '../db/pg-channel-listener';
import { contextFromTraceparent, inSpan, injectTraceHeaders, SpanKind } from '../observability/tracing';
import {
  claimOutboxBatch,
  type ClaimedOutboxRow,
  markOutboxFailed,
  markOutboxPublished,
  type OutboxLag,
  outboxLag,
  schemaOf,
} from './outbox.repository';

const encoder = new TextEncoder();

export interface OutboxRelayStats {
  published: number;
  /** Publishes the stream recognised by Nats-Msg-Id and dropped: a row published twice. */
  duplicates: number;
  failures: number;
}

/**
 * Publishes the service's outbox to JetStream. Woken by NOTIFY (sent on commit by `enqueueEvent`) and by
 * a poll as a fallback. Rows are claimed with SKIP LOCKED, published with Nats-Msg-Id = event id, and
 * marked in the same transaction, so a crash between publish and mark only causes a deduplicated re-publish.
 * A row whose publish fails backs off (in memory, from its `attempts`) while the rows behind it move on.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private stopped = true;
  private running: Promise<void> | null = null;
  private wakeRequested = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private coalesceTimer: NodeJS.Timeout | null = null;
  private listener: PgChannelListener | null = null;
  private jetstream: JetStreamClient | null = null;
  private readonly backingOff = new Map<string, number>();
  private readonly counters: OutboxRelayStats = { published: 0, duplicates: 0, failures: 0 };

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(EVENTS_SETTINGS) private readonly settings: EventsSettings,
    @Inject(EVENT_STREAM) private readonly streamName: string | null,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.relay && this.streamName) this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.jetstream = this.nats.jetstream();
    const url = (this.dataSource.options as { url?: string }).url;
    if (url) {
      this.listener = new PgChannelListener(url, outboxChannel(schemaOf(this.dataSource)), () => this.wakeSoon(), this.logger);
      this.listener.start();
    }
    this.pollTimer = setInterval(() => this.wake(), this.settings.relayPollIntervalMs);
    this.pollTimer.unref();
    this.wake();
  }

  /** Stops taking new batches, waits for the current one, and closes the listener. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    if (this.coalesceTimer) clearTimeout(this.coalesceTimer);
    this.coalesceTimer = null;
    await this.running;
    await this.listener?.close();
    this.listener = null;
  }

  /** Publishes everything due now and resolves when done; for tools and tests that can't wait for a wake-up. */
  async publishPending(): Promise<void> {
    this.wake();
    while (this.running) await this.running;
  }

  lag(): Promise<OutboxLag> {
    return outboxLag(this.dataSource);
  }

  stats(): OutboxRelayStats {
    return { ...this.counters };
  }

  /** A NOTIFY: wait `relayCoalesceMs` for the rest of a burst, then drain it as one batch. */
  private wakeSoon(): void {
    if (this.settings.relayCoalesceMs <= 0) return this.wake();
    if (this.coalesceTimer || this.stopped) return;
    this.coalesceTimer = setTimeout(() => {
      this.coalesceTimer = null;
      this.wake();
    }, this.settings.relayCoalesceMs);
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
  }

  private async drain(): Promise<void> {
    do {
      this.wakeRequested = false;
      while (!this.stopped && (await this.publishBatch())) {
        // A full batch went out cleanly: there may be more right behind it.
      }
    } while (this.wakeRequested && !this.stopped);
  }

  /** Returns true when the batch was full and every publish succeeded. */
  private async publishBatch(): Promise<boolean> {
    if (this.nats.isClosed()) return false;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const rows = await claimOutboxBatch(manager, this.dataSource, this.settings.relayBatchSize, this.idsBackingOff());
        // Publishes are pipelined on the one connection (the stream stores them in the order they were sent), so a
        // batch costs about one round trip instead of one per row.
        const outcomes = await Promise.allSettled(rows.map((row) => this.publish(row)));
        const published: string[] = [];
        let failed = false;
        for (const [index, outcome] of outcomes.entries()) {
          const row = rows[index]!;
          if (outcome.status === 'fulfilled') {
            published.push(row.id);
            continue;
          }
          failed = true;
          this.counters.failures += 1;
          const attempts = await markOutboxFailed(manager, this.dataSource, row, errorMessage(outcome.reason));
          const delay = backoffDelay(attempts, this.settings.relayRetryBaseMs, this.settings.relayRetryMaxMs);
          this.backingOff.set(row.id, Date.now() + delay);
          this.logger.warn({ err: errorMessage(outcome.reason), eventId: row.id, subject: row.subject, attempts, retryInMs: delay }, 'outbox publish failed');
        }
        await markOutboxPublished(manager, this.dataSource, published);
        for (const id of published) this.backingOff.delete(id);
        // After a failure the next wake-up carries on without the rows backing off.
        if (failed) return false;
        return rows.length === this.settings.relayBatchSize;
      });
    } catch (error) {
      this.logger.error({ err: errorMessage(error) }, 'outbox relay batch failed');
      return false;
    }
  }

  private async publish(row: ClaimedOutboxRow): Promise<void> {
    const jetstream = this.jetstream ?? this.nats.jetstream();
    const envelope: EventEnvelope = {
      id: row.id,
      subject: row.subject,
      occurredAt: new Date(row.created_at).toISOString(),
      producer: this.options.serviceName,
      correlationId: row.correlation_id,
      payload: row.payload,
    };
    const body = encoder.encode(JSON.stringify(envelope));
    const publish = () =>
      jetstream.publish(withPrefix(this.options.subjectPrefix, row.subject), body, {
        msgID: row.id,
        // The publish span's traceparent rides in the message headers: consumers' spans are its children.
        headers: injectTraceHeaders(correlationHeaders(row.correlation_id)),
        timeout: this.settings.publishTimeoutMs,
        expect: this.streamName ? { streamName: this.streamName } : undefined,
      });
    // Only a row written inside a trace gets a span (a child of the work that wrote it); the rest publish as is.
    const ack = row.trace_parent
      ? await inSpan(
          `${row.subject} publish`,
          {
            kind: SpanKind.PRODUCER,
            parent: contextFromTraceparent(row.trace_parent),
            attributes: { 'messaging.system': 'nats', 'messaging.destination.name': row.subject, 'messaging.message.id': row.id, 'tec.service': this.options.serviceName },
          },
          publish,
        )
      : await publish();
    if (ack.duplicate) this.counters.duplicates += 1;
    else this.counters.published += 1;
  }

  private idsBackingOff(): string[] {
    const now = Date.now();
    for (const [id, until] of this.backingOff) if (until <= now) this.backingOff.delete(id);
    return [...this.backingOff.keys()];
  }
}
