import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, LOGGER, type Logger } from '@tec/shared';
import { WorkSignal } from '../common/work-signal';
import type { NotificationsConfig } from '../config';

/** The one LISTEN connection of this process, shared by the send worker and the push notifier. */
@Injectable()
export class WorkSignalHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly signal: WorkSignal;

  constructor(@Inject(CONFIG) private readonly config: NotificationsConfig, @Inject(LOGGER) logger: Logger) {
    this.signal = new WorkSignal(config.DATABASE_URL, logger);
  }

  onWake(listener: () => void): void {
    this.signal.onWake(listener);
  }

  onApplicationBootstrap(): void {
    if (this.config.NOTIFICATION_WORKERS) this.signal.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.signal.close();
  }
}
