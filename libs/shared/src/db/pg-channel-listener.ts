import { Client } from 'pg';
import type { Logger } from 'pino';

/**
 * A dedicated Postgres connection that LISTENs on one channel and calls `onWake` on every NOTIFY and after every
 * (re)connect, since notifications sent while it was away are lost. Pooled connections can't hold a LISTEN, hence
 * its own Client. Reconnects with a capped backoff until closed. Used by the outbox relay and by any worker that
 * should wake when its work commits (a NOTIFY is delivered on commit).
 */
export class PgChannelListener {
  private client: Client | null = null;
  private closed = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onWake: () => void,
    private readonly logger: Logger,
  ) {}

  start(): void {
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.url, application_name: `${this.channel}_listener` });
    this.client = client;
    client.on('notification', () => this.onWake());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      this.failures = 0;
      this.onWake();
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: Client, error: unknown): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    this.failures += 1;
    const delay = Math.min(30_000, 250 * 2 ** Math.min(this.failures, 7));
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn({ err: message, channel: this.channel, retryInMs: delay }, 'listener lost; polling meanwhile');
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
  }
}
