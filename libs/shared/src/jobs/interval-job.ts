import type { Logger } from 'pino';

/**
 * Runs a database-driven pass every few seconds, never two at once in this process. The pass itself keeps its state
 * in the database (so it survives restarts and is safe across instances); this only decides when to look.
 */
export class IntervalJob<T> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<T> | undefined;

  constructor(
    private readonly name: string,
    private readonly pass: () => Promise<T>,
    private readonly logger: Pick<Logger, 'error'>,
    private readonly onResult: (result: T) => void = () => undefined,
  ) {}

  /** Starts at once and then every `seconds`; 0 or less leaves the job off (tests drive the pass by hand). */
  start(seconds: number): void {
    if (seconds <= 0) return;
    this.timer = setInterval(() => void this.tick(), seconds * 1000);
    this.timer.unref();
    void this.tick();
  }

  /** Stops the timer and waits for a pass in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.pass();
    try {
      this.onResult(await this.running);
    } catch (error) {
      this.logger.error({ err: error, job: this.name }, 'scheduled pass failed');
    } finally {
      this.running = undefined;
    }
  }
}
