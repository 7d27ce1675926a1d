import { DATA_SOURCE, type AuthContext } from '@tec/shared';
import { bootTestService, coreEventFactory, type CoreEventFactory, type TestNats, type TestService } from '@tec/shared/testing';
import type { DataSource } from 'typeorm';
import { buildServiceModule } from '../src/app.module';
import { notificationsConfigShape, type NotificationsConfig } from '../src/config';
import { DigestScheduler } from '../src/digests/digest.scheduler';
import { EmailSendWorker } from '../src/email/email-send.worker';
import { notificationsEntities } from '../src/entities';
import { PushNotifier } from '../src/inbox/push-notifier';
import { notificationsMigrations } from '../src/migrations';
import { SendGridFake } from './support/sendgrid-fake';

import { asUser as as, codeOf, waitFor } from '@tec/shared/testing';

// The platform's test assertions, under the names this service's tests use.
export { as, codeOf, waitFor };

export interface NotificationsTestService extends TestService<NotificationsConfig> {
  fake: SendGridFake;
  core: CoreEventFactory;
  dataSource: DataSource;
  worker: EmailSendWorker;
  push: PushNotifier;
  digests: DigestScheduler;
}

/**
 * Boots the whole notifications service (consumers on, real Postgres and NATS) with SendGrid pointed at a local
 * fake. The workers are off: tests drain the queue themselves, so timings are deterministic.
 */
export async function bootNotifications(env: Record<string, string> = {}, options: { nats?: TestNats; fake?: SendGridFake } = {}): Promise<NotificationsTestService> {
  const fake = options.fake ?? (await new SendGridFake().start());
  const service = await bootTestService({
    schema: 'notifications',
    entities: notificationsEntities,
    migrations: notificationsMigrations,
    configShape: notificationsConfigShape,
    nats: options.nats,
    buildModule: (config) => buildServiceModule(config, { events: { ackWaitMs: 1500, retryBaseMs: 100, retryMaxMs: 500 } }),
    env: {
      SENDGRID_API_KEY: 'SG.test-key',
      SENDGRID_BASE_URL: fake.url,
      SENDGRID_TIMEOUT_MS: '1000',
      SENDGRID_WEBHOOK_PUBLIC_KEY: fake.webhookPublicKey,
      EMAIL_RETRY_INTERVAL_MINUTES: '0',
      NOTIFICATION_WORKERS: 'false',
      DIGEST_SCAN_SECONDS: '0',
      RPC_TIMEOUT_MS: '15000',
      ...env,
    },
  });
  const close = service.close;
  return Object.assign(service, {
    fake,
    core: coreEventFactory(service.nats, service.prefix),
    dataSource: service.app.get<DataSource>(DATA_SOURCE),
    worker: service.app.get(EmailSendWorker),
    push: service.app.get(PushNotifier),
    digests: service.app.get(DigestScheduler),
    close: async () => {
      await close();
      if (!options.fake) await fake.stop();
    },
  });
}

export const SERVICE: AuthContext = { kind: 'service', service: 'gateway' };

export async function deliveriesOf(service: NotificationsTestService, email: string) {
  return service.dataSource.query<{ id: string; status: string; attempts: number; error_code: string | null; error_message: string | null; template_name: string; next_attempt_at: Date | null }[]>(
    `SELECT id, status, attempts, error_code, error_message, template_name, next_attempt_at FROM "notifications"."email_deliveries" WHERE recipient_email = lower($1) ORDER BY created_at`,
    [email],
  );
}

export async function inAppOf(service: NotificationsTestService, userId: string) {
  return service.dataSource.query<{ id: string; title: string; silent: boolean }[]>(`SELECT id, title, silent FROM "notifications"."notifications" WHERE user_id = $1`, [userId]);
}
