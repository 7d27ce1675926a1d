import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { chatRpc, LOGGER, RpcClient, type Logger, type PresenceStatus } from '@tec/shared';

const GATEWAY_AUTH = { kind: 'service', service: 'gateway' } as const;
/** Connection changes are sent in one call per this interval (a reconnect storm costs a few calls, not thousands). */
const FLUSH_MS = 250;
/** Every interval, the ids of all live connections go to chat; it drops what no gateway vouched for in 45 s. */
const HEARTBEAT_MS = 15_000;
/** At shutdown the last report waits this long at most: chat may be stopping too, and it expires us anyway. */
const SHUTDOWN_REPORT_TIMEOUT_MS = 2_000;

/**
 * Reports this gateway's socket connections to the chat service, which counts them per person across tabs,
 * devices and gateway instances and pushes `user_online` when a person's status changes. Connection ids are
 * `<gateway id>:<socket id>`, unique across instances.
 */
@Injectable()
export class ChatPresenceReporter implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly gatewayId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private readonly live = new Map<string, { userId: string; status: Exclude<PresenceStatus, 'offline'> }>();
  private pending = new Map<string, { connectionId: string; userId: string; status: PresenceStatus }>();
  private flushTimer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;

  constructor(
    private readonly rpc: RpcClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), HEARTBEAT_MS);
    this.heartbeatTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.heartbeatTimer);
    for (const [connectionId, { userId }] of this.live) this.queue(connectionId, userId, 'offline');
    this.live.clear();
    clearTimeout(this.flushTimer);
    await this.flush(true);
  }

  connectionId(socketId: string): string {
    return `${this.gatewayId}:${socketId}`;
  }

  set(socketId: string, userId: string, status: PresenceStatus): void {
    const connectionId = this.connectionId(socketId);
    if (status === 'offline') this.live.delete(connectionId);
    else this.live.set(connectionId, { userId, status });
    this.queue(connectionId, userId, status);
  }

  private queue(connectionId: string, userId: string, status: PresenceStatus): void {
    this.pending.set(connectionId, { connectionId, userId, status });
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.flushTimer.unref();
    }
  }

  /**
   * Sends the queued changes. The last one, at shutdown, waits briefly: when chat is stopping too (a whole-stack
   * shutdown) it cannot answer, and it drops this gateway's connections when their heartbeats stop (45 s).
   */
  private async flush(final = false): Promise<void> {
    this.flushTimer = undefined;
    const changes = [...this.pending.values()];
    this.pending = new Map();
    for (let start = 0; start < changes.length; start += 1000) {
      try {
        await this.rpc.call(
          chatRpc.presenceReport,
          { gatewayId: this.gatewayId, changes: changes.slice(start, start + 1000) },
          GATEWAY_AUTH,
          final ? { timeoutMs: SHUTDOWN_REPORT_TIMEOUT_MS } : {},
        );
      } catch (error) {
        if (final) {
          this.logger.info({ code: (error as { code?: string }).code, connections: changes.length }, 'chat did not take the last presence report; it expires these connections within 45 s');
          return;
        }
        // Presence is best effort; the next heartbeat re-reports whatever chat did not record.
        this.logger.warn({ err: error }, 'chat presence report failed');
      }
    }
  }

  private async heartbeat(): Promise<void> {
    if (this.live.size === 0) return;
    try {
      const { unknown } = await this.rpc.call(chatRpc.presenceHeartbeat, { gatewayId: this.gatewayId, connectionIds: [...this.live.keys()] }, GATEWAY_AUTH);
      for (const connectionId of unknown) {
        const connection = this.live.get(connectionId);
        if (connection) this.queue(connectionId, connection.userId, connection.status);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'chat presence heartbeat failed');
    }
  }
}
