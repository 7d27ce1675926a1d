import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { HealthCheck, HealthReport, HealthStatus, OutboxHealthCheck } from '../contracts/health';
import { outboxLag } from '../events/outbox.repository';
import { DATA_SOURCE, LOGGER, NATS_CONNECTION, PLATFORM_OPTIONS, type PlatformOptions } from '../nest/tokens';

/** A check slower than this counts as down: a health probe must answer fast even when a dependency hangs. */
export const HEALTH_CHECK_TIMEOUT_MS = 1000;
/** An outbox row older than this means events are not flowing: degraded, not down, as the service still serves. */
export const OUTBOX_DEGRADED_AFTER_MS = 60_000;

class CheckTimeout extends Error {}

async function timed<T>(work: () => Promise<T>, timeoutMs: number): Promise<{ value: T; latencyMs: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout()), timeoutMs);
  });
  try {
    const value = await Promise.race([work(), timeout]);
    return { value, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
  } finally {
    clearTimeout(timer);
  }
}

function failure(error: unknown, started: number): HealthCheck {
  return {
    status: 'down',
    latencyMs: Math.round(performance.now() - started),
    error: error instanceof CheckTimeout ? 'timed out' : 'unreachable',
  };
}

function overall(checks: HealthReport['checks']): HealthStatus {
  if (checks.database.status === 'down' || checks.nats.status === 'down') return 'down';
  return Object.values(checks).some((check) => check.status !== 'ok') ? 'degraded' : 'ok';
}

/** The service's own view of its dependencies. Details go to the log; the report says only what is public. */
@Injectable()
export class HealthService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async check(timeoutMs = HEALTH_CHECK_TIMEOUT_MS): Promise<HealthReport> {
    const [database, nats, outbox] = await Promise.all([
      this.checkDatabase(timeoutMs),
      this.checkNats(timeoutMs),
      this.checkOutbox(timeoutMs),
    ]);
    const checks = { database, nats, outbox };
    return { service: this.options.serviceName, status: overall(checks), checkedAt: new Date().toISOString(), checks };
  }

  private async checkDatabase(timeoutMs: number): Promise<HealthCheck> {
    const started = performance.now();
    try {
      const { latencyMs } = await timed(() => this.dataSource.query('SELECT 1'), timeoutMs);
      return { status: 'ok', latencyMs };
    } catch (error) {
      this.logger.warn({ err: String(error) }, 'health: database check failed');
      return failure(error, started);
    }
  }

  private async checkNats(timeoutMs: number): Promise<HealthCheck> {
    const started = performance.now();
    if (this.nats.isClosed()) return { status: 'down', latencyMs: 0, error: 'closed' };
    try {
      const { latencyMs } = await timed(() => this.nats.flush(), timeoutMs);
      return { status: 'ok', latencyMs };
    } catch (error) {
      this.logger.warn({ err: String(error) }, 'health: nats check failed');
      return failure(error, started);
    }
  }

  private async checkOutbox(timeoutMs: number): Promise<OutboxHealthCheck> {
    const started = performance.now();
    try {
      const { value, latencyMs } = await timed(() => outboxLag(this.dataSource), timeoutMs);
      const status = value.oldestAgeMs > OUTBOX_DEGRADED_AFTER_MS ? 'degraded' : 'ok';
      return { status, latencyMs, ...value, ...(status === 'degraded' ? { error: 'events are not being published' } : {}) };
    } catch (error) {
      return { ...failure(error, started), pending: 0, oldestAgeMs: 0 };
    }
  }
}
