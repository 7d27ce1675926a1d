import { z } from 'zod';
import { env, eventsConfigShape, LIVE_CLASS_PROVIDERS, loadConfig, serviceConfigShape, Timezone } from '@tec/shared';

export const liveClassesConfigShape = {
  ...serviceConfigShape,
  ...eventsConfigShape,
  /** Which provider new classes use: `zoom` (needs the ZOOM_* variables), `jitsi` (no account) or `development`. */
  LIVE_CLASSES_PROVIDER: z.enum(LIVE_CLASS_PROVIDERS).default('development'),
  /** Zoom Server-to-Server OAuth app (Zoom App Marketplace → Build app → Server-to-Server OAuth). */
  ZOOM_ACCOUNT_ID: z.string().default(''),
  ZOOM_CLIENT_ID: z.string().default(''),
  ZOOM_CLIENT_SECRET: z.string().default(''),
  /** The app's "Secret Token" (Features → Access): signs webhooks and answers url_validation. */
  ZOOM_WEBHOOK_SECRET_TOKEN: z.string().default(''),
  /** REST v2 base; tests point it at the local fake. */
  ZOOM_API_BASE_URL: z.url().default('https://api.zoom.us/v2'),
  /** OAuth host (`POST <base>/oauth/token?grant_type=account_credentials`). */
  ZOOM_OAUTH_BASE_URL: z.url().default('https://zoom.us'),
  ZOOM_HTTP_TIMEOUT_MS: env.int(10_000),
  /** Retries of a 429/5xx/timeout (Retry-After honoured, else exponential backoff from ZOOM_RETRY_BASE_MS). */
  ZOOM_MAX_RETRIES: env.int(3),
  ZOOM_RETRY_BASE_MS: env.int(500),
  /** A webhook whose x-zm-request-timestamp is further than this from now is refused (replay protection). */
  ZOOM_WEBHOOK_TOLERANCE_SECONDS: env.int(300),
  /** The Zoom user that hosts meetings (`me` = the account owner; or a licensed user's id/email). */
  ZOOM_HOST_USER: z.string().min(1).default('me'),
  /** Jitsi room names are an HMAC of the class id with this secret (unguessable rooms). At least 32 characters. */
  LIVE_CLASSES_ROOM_SECRET: z.string().min(32).default('dev-live-classes-room-secret-change-me-0123'),
  JITSI_BASE_URL: z.url().default('https://meet.jit.si'),
  /** The web app's public origin: development join links and calendar feed URLs. */
  PUBLIC_APP_URL: z.url().default('http://localhost:3000'),
  /** Students can join this many minutes before the start (teachers: twice as early). */
  LIVE_CLASSES_JOIN_WINDOW_MINUTES: z.coerce.number().int().min(0).max(120).default(10),
  /** `starting_soon` is published this many minutes before a class. */
  LIVE_CLASSES_REMINDER_MINUTES: z.coerce.number().int().min(1).max(240).default(15),
  /** How often the lifecycle job looks (reminders, clock-driven status, attendance); 0 turns it off (tests). */
  LIVE_CLASSES_JOB_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(15),
  /** Attendance is computed this long after a class ends, so late participant_left webhooks are in. */
  LIVE_CLASSES_ATTENDANCE_SETTLE_SECONDS: z.coerce.number().int().min(0).default(120),
  /** A Zoom class with no meeting.ended webhook is completed by the clock this long after its end. */
  LIVE_CLASSES_END_GRACE_MINUTES: z.coerce.number().int().min(0).default(30),
  /** The demo seed's school time zone. */
  SCHOOL_TIMEZONE: Timezone.default('America/Monterrey'),
};

export type LiveClassesConfig = Readonly<z.infer<z.ZodObject<typeof liveClassesConfigShape>>>;

/** The one place the live-classes service reads its environment. */
export function loadLiveClassesConfig(source?: Record<string, string | undefined>): LiveClassesConfig {
  const config = loadConfig(liveClassesConfigShape, source);
  if (config.LIVE_CLASSES_PROVIDER === 'zoom') {
    const missing = (['ZOOM_ACCOUNT_ID', 'ZOOM_CLIENT_ID', 'ZOOM_CLIENT_SECRET', 'ZOOM_WEBHOOK_SECRET_TOKEN'] as const).filter((name) => !config[name]);
    if (missing.length) throw new Error(`${missing.join(', ')}: required when LIVE_CLASSES_PROVIDER=zoom (see docs/setup/zoom.md)`);
  }
  if (config.NODE_ENV === 'production' && config.LIVE_CLASSES_ROOM_SECRET.startsWith('dev-')) {
    throw new Error('LIVE_CLASSES_ROOM_SECRET: set a real secret in production');
  }
  return config;
}
