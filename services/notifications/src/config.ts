import { z } from 'zod';
import { env, eventsConfigShape, loadConfig, serviceConfigShape } from '@tec/shared';
import { emailRetentionConfigShape } from './data-rights/retention.config';

const DEV_UNSUBSCRIBE_SECRET = 'dev-only-unsubscribe-secret-change-me-in-production';

export const notificationsConfigShape = {
  ...serviceConfigShape,
  ...eventsConfigShape,
  ...emailRetentionConfigShape,
  /** The plan's variables. With no key (or EMAIL_MOCK=true) and no SMTP_HOST, emails go to the console provider. */
  SENDGRID_API_KEY: z.string().min(1).optional(),
  SENDGRID_FROM_EMAIL: z.string().email().default('noreply@tec.example'),
  SENDGRID_FROM_NAME: z.string().min(1).default('TEC LMS'),
  /** Retries after the first attempt, for 429, 5xx and timeouts. */
  EMAIL_MAX_RETRIES: z.coerce.number().int().min(0).max(20).default(3),
  /** Base of the exponential backoff (doubles per attempt, with jitter). Fractions allowed (tests use milliseconds). */
  EMAIL_RETRY_INTERVAL_MINUTES: z.coerce.number().min(0).max(1440).default(5),
  EMAIL_MOCK: env.boolean(false),
  /** `auto`: SendGrid when a key is set and EMAIL_MOCK is off, else SMTP when SMTP_HOST is set, else console. */
  EMAIL_PROVIDER: z.enum(['auto', 'sendgrid', 'smtp', 'console']).default('auto'),
  /** Where @sendgrid/mail sends (a local fake in tests and benchmarks). */
  SENDGRID_BASE_URL: z.string().url().default('https://api.sendgrid.com/'),
  SENDGRID_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** The Event Webhook's verification key (Settings → Mail Settings → Event Webhook → Signed Event Webhook), base64 DER or PEM. */
  SENDGRID_WEBHOOK_PUBLIC_KEY: z.string().min(1).optional(),
  SENDGRID_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).default(300),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: env.port(587),
  SMTP_SECURE: env.boolean(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  /** Recipients per provider request (SendGrid allows 1000 personalizations). */
  EMAIL_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(500),
  /** Provider requests in flight at once per instance. */
  EMAIL_SEND_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** The worker is woken by NOTIFY on every commit; this fallback poll catches retries falling due. 0 = no timer (tests drive it). */
  EMAIL_WORKER_POLL_MS: z.coerce.number().int().min(0).default(2000),
  /** Run the send worker and the push notifier in this process (tests turn them off and drive them by hand). */
  NOTIFICATION_WORKERS: env.boolean(true),
  /** How long a claimed row stays claimed; a crashed worker's rows return to the queue after it. */
  EMAIL_CLAIM_SECONDS: z.coerce.number().int().min(5).default(120),
  /** Links in emails (app pages, the one-click unsubscribe through the gateway). */
  PUBLIC_APP_URL: z.string().url().default('http://localhost:3000'),
  /** HMAC key of the unsubscribe links (32+ characters). Must be set in production. */
  UNSUBSCRIBE_SECRET: z.string().min(32).default(DEV_UNSUBSCRIBE_SECRET),
  /** Local hour (in each user's timezone) when daily and weekly digests go out; weekly ones on DIGEST_WEEKDAY (1 = Monday). */
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  DIGEST_WEEKDAY: z.coerce.number().int().min(0).max(6).default(1),
  /** How often the digest scheduler looks for users whose digest hour has come; 0 = off (tests drive it). */
  DIGEST_SCAN_SECONDS: z.coerce.number().int().min(0).default(300),
};

export type NotificationsConfig = Readonly<z.infer<z.ZodObject<typeof notificationsConfigShape>>>;

/** The one place the notifications service reads its environment. */
export function loadNotificationsConfig(source?: Record<string, string | undefined>): NotificationsConfig {
  const config = loadConfig(notificationsConfigShape, source);
  if (config.NODE_ENV === 'production' && config.UNSUBSCRIBE_SECRET === DEV_UNSUBSCRIBE_SECRET) {
    throw new Error('Invalid configuration:\n  - UNSUBSCRIBE_SECRET: set a secret of 32+ characters in production');
  }
  return config;
}

export type EmailProviderName = 'sendgrid' | 'smtp' | 'console';

export function resolveProviderName(config: NotificationsConfig): EmailProviderName {
  if (config.EMAIL_PROVIDER !== 'auto') return config.EMAIL_PROVIDER;
  if (config.SENDGRID_API_KEY && !config.EMAIL_MOCK) return 'sendgrid';
  if (config.SMTP_HOST && !config.EMAIL_MOCK) return 'smtp';
  return 'console';
}
