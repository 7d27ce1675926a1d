import { PgChannelListener, type Logger } from '@tec/shared';
import { WORK_CHANNEL } from './sql';

/**
 * Wakes the workers when work commits: the platform's channel listener on `notifications_work`. Postgres delivers
 * a NOTIFY only when its transaction commits, which is exactly when a queued email or a new in-app notification
 * becomes visible; it also wakes once after every (re)connect, since notifications sent while away are lost.
 */
export class WorkSignal {
  private readonly listeners: (() => void)[] = [];
  private readonly channel: PgChannelListener;

  constructor(url: string, logger: Logger) {
    this.channel = new PgChannelListener(url, WORK_CHANNEL, () => this.wake(), logger);
  }

  onWake(listener: () => void): void {
    this.listeners.push(listener);
  }

  start(): void {
    this.channel.start();
  }

  private wake(): void {
    for (const listener of this.listeners) listener();
  }

  close(): Promise<void> {
    return this.channel.close();
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
