import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CONFIG, DATA_SOURCE, enqueueEvent, LOGGER, notificationsEvents, type Logger } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { WorkLoop } from '../common/work-signal';
import type { NotificationsConfig } from '../config';
import { UnsubscribeLinks } from '../preferences/unsubscribe-links';
import { TemplatesRepository } from '../templates/templates.repository';
import { EMAIL_PROVIDER } from '../tokens';
import { planBatches, type PlannedBatch } from './batch-builder';
import { DeliveriesRepository, type ClaimedDelivery } from './deliveries.repository';
import type { EmailProvider, SendOutcome } from './providers/email-provider';
import { nextAttemptAt, type RetryPolicy } from './retry-policy';
import { WorkSignalHost } from './work-signal.host';

export interface ProcessResult {
  processed: number;
  sent: number;
  failed: number;
  retrying: number;
}

/**
 * The send queue worker: woken by NOTIFY when emails are queued (no cron), plus a short poll for retries that
 * fall due. Claims due rows with SKIP LOCKED (instances share the queue), renders them into batched provider
 * requests, sends up to EMAIL_SEND_CONCURRENCY at once, and records each outcome.
 */
@Injectable()
export class EmailSendWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: WorkLoop;
  private readonly policy: RetryPolicy;

  constructor(
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EMAIL_PROVIDER) private readonly provider: EmailProvider,
    private readonly deliveries: DeliveriesRepository,
    private readonly templates: TemplatesRepository,
    private readonly links: UnsubscribeLinks,
    private readonly signal: WorkSignalHost,
  ) {
    this.policy = { maxRetries: config.EMAIL_MAX_RETRIES, baseDelayMs: config.EMAIL_RETRY_INTERVAL_MINUTES * 60_000, maxDelayMs: 6 * 3600_000 };
    this.loop = new WorkLoop('email-send', async () => (await this.processDue()).processed > 0, logger, config.EMAIL_WORKER_POLL_MS);
  }

  onApplicationBootstrap(): void {
    if (!this.config.NOTIFICATION_WORKERS) return;
    this.signal.onWake(() => this.loop.wake());
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    await this.provider.close?.();
  }

  /** Waits until the queue has nothing due (tests and the manual trigger). */
  async drain(): Promise<ProcessResult> {
    const total: ProcessResult = { processed: 0, sent: 0, failed: 0, retrying: 0 };
    for (;;) {
      const result = await this.processDue();
      total.processed += result.processed;
      total.sent += result.sent;
      total.failed += result.failed;
      total.retrying += result.retrying;
      if (result.processed === 0) return total;
    }
  }

  async processDue(): Promise<ProcessResult> {
    const result: ProcessResult = { processed: 0, sent: 0, failed: 0, retrying: 0 };
    const rows = await this.deliveries.claimDue(this.provider.maxBatchSize * this.config.EMAIL_SEND_CONCURRENCY, this.config.EMAIL_CLAIM_SECONDS);
    if (rows.length === 0) return result;
    result.processed = rows.length;
    const planned: PlannedBatch[] = [];
    const groups = new Map<string, ClaimedDelivery[]>();
    for (const row of rows) {
      const key = `${row.template_name}@${row.template_version}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    for (const group of groups.values()) {
      const first = group[0]!;
      const source = await this.templates.source(first.template_name, first.template_version);
      if (!source) {
        await this.fail(group, first.template_name, { kind: 'failed', code: 'TEMPLATE_VERSION_MISSING', message: `No version ${first.template_version} of ${first.template_name}` });
        result.failed += group.length;
        continue;
      }
      planned.push(...planBatches(group, source, this.batchContext(), this.provider.maxBatchSize));
    }
    let next = 0;
    const worker = async () => {
      while (next < planned.length) {
        const item = planned[next++]!;
        const tally = await this.sendNarrowing(item);
        result.sent += tally.sent;
        result.failed += tally.failed;
        result.retrying += tally.retrying;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.EMAIL_SEND_CONCURRENCY, planned.length) }, worker));
    return result;
  }

  /**
   * Sends one request. When a batch is refused for good (a 4xx) it may be one recipient's fault: SendGrid refuses
   * the whole request for one invalid address. Then the recipients it named fail alone and the rest are sent
   * again; without names, the batch is halved until the bad recipients stand alone. A single recipient's refusal
   * is final.
   */
  private async sendNarrowing(item: PlannedBatch): Promise<{ sent: number; failed: number; retrying: number }> {
    const outcome = await this.provider.send(item.batch);
    if (outcome.kind !== 'failed' || item.rows.length < 2) return this.record(item, outcome);
    const named = (outcome.badRecipients ?? []).filter((index) => index >= 0 && index < item.rows.length);
    const parts: PlannedBatch[] = [];
    const tally = { sent: 0, failed: 0, retrying: 0 };
    if (named.length > 0 && named.length < item.rows.length) {
      const bad = new Set(named);
      const pick = (keep: (index: number) => boolean) => subBatch(item, item.rows.map((_, index) => index).filter(keep));
      const failed = await this.record(pick((index) => bad.has(index)), outcome);
      tally.failed += failed.failed;
      parts.push(pick((index) => !bad.has(index)));
    } else {
      const half = Math.ceil(item.rows.length / 2);
      const indexes = item.rows.map((_, index) => index);
      parts.push(subBatch(item, indexes.slice(0, half)), subBatch(item, indexes.slice(half)));
    }
    this.logger.warn({ code: outcome.code, recipients: item.rows.length, named: named.length, template: item.batch.templateName }, 'email batch refused: narrowing to the bad recipients');
    for (const part of parts) {
      const result = await this.sendNarrowing(part);
      tally.sent += result.sent;
      tally.failed += result.failed;
      tally.retrying += result.retrying;
    }
    return tally;
  }

  private batchContext() {
    return {
      from: { email: this.config.SENDGRID_FROM_EMAIL, name: this.config.SENDGRID_FROM_NAME },
      appUrl: this.config.PUBLIC_APP_URL,
      links: (row: ClaimedDelivery) => {
        const claims = { email: row.recipient_email, userId: row.user_id, category: row.category };
        return { preferencesUrl: this.links.preferencesUrl(claims), unsubscribeUrl: this.links.oneClickUrl(claims) };
      },
    };
  }

  private async record(item: PlannedBatch, outcome: SendOutcome): Promise<{ sent: number; failed: number; retrying: number }> {
    const ids = item.rows.map((row) => row.id);
    const templateName = item.batch.templateName;
    if (outcome.kind === 'sent') {
      await this.deliveries.markSent(ids, templateName, outcome.messageId, this.provider.name);
      return { sent: ids.length, failed: 0, retrying: 0 };
    }
    if (outcome.kind === 'failed') {
      await this.fail(item.rows, templateName, outcome);
      return { sent: 0, failed: ids.length, retrying: 0 };
    }
    this.logger.warn({ code: outcome.code, recipients: ids.length, template: templateName }, 'email send will be retried');
    const exhausted: ClaimedDelivery[] = [];
    const byTime = new Map<number, string[]>();
    for (const row of item.rows) {
      const at = nextAttemptAt(row.attempts, outcome.code, outcome.retryAt, this.policy);
      if (!at) exhausted.push(row);
      else byTime.set(at.getTime(), [...(byTime.get(at.getTime()) ?? []), row.id]);
    }
    for (const [at, retryIds] of byTime) await this.deliveries.markRetry(retryIds, new Date(at), outcome.code, outcome.message);
    if (exhausted.length > 0) {
      await this.fail(exhausted, templateName, { kind: 'failed', code: outcome.code, message: `Gave up after ${this.policy.maxRetries + 1} attempts: ${outcome.message}` });
    }
    return { sent: 0, failed: exhausted.length, retrying: item.rows.length - exhausted.length };
  }

  private async fail(rows: ClaimedDelivery[], templateName: string, outcome: Extract<SendOutcome, { kind: 'failed' }>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const failed = await this.deliveries.markFailed(manager, rows.map((row) => row.id), templateName, outcome.code, outcome.message);
      for (const row of failed) {
        await enqueueEvent(manager, notificationsEvents.emailFailed, {
          deliveryId: row.id,
          userId: row.user_id,
          templateName,
          errorCode: outcome.code,
          errorMessage: outcome.message.slice(0, 500),
          at: new Date().toISOString(),
        });
      }
    });
  }
}

/** The same request for some of its recipients (their rows in the same order). */
function subBatch(item: PlannedBatch, indexes: number[]): PlannedBatch {
  return { batch: { ...item.batch, recipients: indexes.map((index) => item.batch.recipients[index]!) }, rows: indexes.map((index) => item.rows[index]!) };
}
