import { z } from 'zod';
import { env, eventsConfigShape, loadConfig, serviceConfigShape, Timezone } from '@tec/shared';

export const attendanceConfigShape = {
  ...serviceConfigShape,
  ...eventsConfigShape,
  /** HMAC key of the check-in QR tokens (with a per-session secret on top). At least 32 characters. */
  ATTENDANCE_QR_SECRET: z.string().min(32).default('dev-attendance-qr-secret-change-me-0123456789'),
  /** A new token every N seconds: a screenshot sent to an absent friend goes stale this fast. */
  ATTENDANCE_QR_ROTATION_SECONDS: z.coerce.number().int().min(5).max(300).default(15),
  /** A token is still accepted this long after its window ends (slow scans, network). */
  ATTENDANCE_QR_GRACE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  /** The web app's public origin; the QR code encodes `<PUBLIC_APP_URL>/check-in?t=<token>`. */
  PUBLIC_APP_URL: z.url().default('http://localhost:3000'),
  /** How often the lifecycle job looks for sessions to remind about and to close; 0 turns it off (tests). */
  ATTENDANCE_JOB_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(15),
  /** `session_starting_soon` is published this many minutes before a session (the plan's 15-minute alert). */
  ATTENDANCE_REMINDER_MINUTES: z.coerce.number().int().min(1).max(240).default(15),
  /** Where exemption evidence files are stored (local-disk storage). */
  ATTENDANCE_EVIDENCE_DIR: z.string().min(1).default('.data/attendance-evidence'),
  /** At most one check-in counter push per session this often (the projector); records are pushed each. */
  ATTENDANCE_COUNTS_PUSH_MS: env.int(250),
  /** The demo seed's school time zone (sessions at 08:00 and 10:00 local). */
  SCHOOL_TIMEZONE: Timezone.default('America/Monterrey'),
};

export type AttendanceConfig = Readonly<z.infer<z.ZodObject<typeof attendanceConfigShape>>>;

/** The one place the attendance service reads its environment. */
export function loadAttendanceConfig(source?: Record<string, string | undefined>): AttendanceConfig {
  const config = loadConfig(attendanceConfigShape, source);
  if (config.NODE_ENV === 'production' && config.ATTENDANCE_QR_SECRET.startsWith('dev-')) {
    throw new Error('ATTENDANCE_QR_SECRET: set a real secret in production');
  }
  return config;
}
