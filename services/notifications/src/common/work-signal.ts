import { Client } from 'pg';
import type { Logger } from '@tec/shared';
import { WORK_CHANNEL } from './sql';

/**
 * Wakes the workers when work commits: a dedicated connection LISTENs on `notifications_work` (pooled connections
 * can't hold a LISTEN). Postgres delivers a NOTIFY only when its transaction commits, which is exactly when a
 * queued email or a new in-app notification becomes visible. Reconnects with a capped backoff; wakes once after
 * every (re)connect, since notifications sent while it was away are lost.
 */
export class WorkSignal {
  private client: Client | null = null;
  private closed = false;
  private failures = 0;
  private retry: NodeJS.Timeout | null = null;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  onWake(listener: () => void): void {
    this.listeners.push(listener);
  }

  start(): void {
    void this.connect();
  }

  private wake(): void {
    for (const listener of this.listeners) listener();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.url, application_name: 'notifications_work_listener' });
    this.client = client;
    client.on('notification', () => this.wake());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN "${WORK_CHANNEL}"`);
      this.failures = 0;
      this.wake();
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
    this.logger.warn({ err: error instanceof Error ? error.message : String(error), retryInMs: delay }, 'work listener lost; polling meanwhile');
    this.retry = setTimeout(() => void this.connect(), delay);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * Runs `work` when woken, never twice at once; a wake during a run schedules one more run. `work` returns true
 * when it filled its batch (more is probably waiting), which runs it again at once. An optional poll covers
 * retries falling due with nobody committing anything.
 */
export class WorkLoop {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly name: string,
    private readonly work: () => Promise<boolean>,
    private readonly logger: Logger,
    private readonly pollMs: number,
  ) {}

  start(): void {
    if (this.pollMs > 0) {
      this.timer = setInterval(() => this.wake(), this.pollMs);
      this.timer.unref();
    }
    this.wake();
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  /** Waits for the current run (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        if (await this.work()) this.again = true;
      } catch (error) {
        this.logger.error({ err: error, loop: this.name }, 'worker pass failed');
        return;
      }
    } while (this.again && !this.stopped);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }
}
