import { bootTestService } from '@tec/shared/testing';
import { buildServiceModule as buildAttendance } from '../../../services/attendance/src/app.module';
import { attendanceConfigShape } from '../../../services/attendance/src/config';
import { attendanceEntities } from '../../../services/attendance/src/entities';
import { attendanceMigrations } from '../../../services/attendance/src/migrations';
import { buildServiceModule as buildChat } from '../../../services/chat/src/app.module';
import { chatConfigShape } from '../../../services/chat/src/config';
import { chatEntities } from '../../../services/chat/src/entities';
import { chatMigrations } from '../../../services/chat/src/migrations';
import { buildServiceModule as buildLive } from '../../../services/live-classes/src/app.module';
import { liveClassesConfigShape } from '../../../services/live-classes/src/config';
import { liveClassesEntities } from '../../../services/live-classes/src/entities';
import { liveClassesMigrations } from '../../../services/live-classes/src/migrations';
import { buildServiceModule as buildNotifications } from '../../../services/notifications/src/app.module';
import { notificationsConfigShape } from '../../../services/notifications/src/config';
import { notificationsEntities } from '../../../services/notifications/src/entities';
import { notificationsMigrations } from '../../../services/notifications/src/migrations';
import { buildServiceModule as buildPortal } from '../../../services/parent-portal/src/app.module';
import { parentPortalConfigShape } from '../../../services/parent-portal/src/config';
import { parentPortalEntities } from '../../../services/parent-portal/src/entities';
import { parentPortalMigrations } from '../../../services/parent-portal/src/migrations';
import { SendGridFake } from '../../../services/notifications/test/support/sendgrid-fake';
import { http, login, startStack, type Stack } from '../harness';

export const ZOOM_WEBHOOK_SECRET = 'security-zoom-webhook-secret';
export const SERVICE_NAMES = ['core', 'notifications', 'attendance', 'chat', 'live-classes', 'parent-portal'] as const;

export type Session = Awaited<ReturnType<typeof login>>;

export interface FullStack {
  stack: Stack;
  sendgrid: SendGridFake;
  close(): Promise<void>;
}

/** Every service (core seeded with the demo school, plus the five capabilities) behind one real gateway. */
export async function startFullStack(env: Record<string, string> = {}): Promise<FullStack> {
  const sendgrid = await new SendGridFake().start();
  const dir = `/tmp/security-${process.pid}-${Date.now()}`;
  const stack = await startStack({
    env: { RATE_LIMIT_PER_USER: '1000000', RATE_LIMIT_LOGIN: '1000000', ...env },
    services: {
      notifications: ({ nats }) =>
        bootTestService({
          nats,
          schema: 'notifications',
          entities: notificationsEntities,
          migrations: notificationsMigrations,
          configShape: notificationsConfigShape,
          buildModule: (config) => buildNotifications(config),
          env: {
            SENDGRID_API_KEY: 'SG.test-key',
            SENDGRID_BASE_URL: sendgrid.url,
            SENDGRID_WEBHOOK_PUBLIC_KEY: sendgrid.webhookPublicKey,
            EMAIL_WORKER_POLL_MS: '200',
            DIGEST_SCAN_SECONDS: '0',
          },
        }),
      attendance: ({ nats }) =>
        bootTestService({
          nats,
          schema: 'attendance',
          entities: attendanceEntities,
          migrations: attendanceMigrations,
          configShape: attendanceConfigShape,
          buildModule: (config) => buildAttendance(config),
          env: { ATTENDANCE_JOB_INTERVAL_SECONDS: '0', ATTENDANCE_COUNTS_PUSH_MS: '50', ATTENDANCE_EVIDENCE_DIR: `${dir}/evidence` },
        }),
      chat: ({ nats }) =>
        bootTestService({
          nats,
          schema: 'chat',
          entities: chatEntities,
          migrations: chatMigrations,
          configShape: chatConfigShape,
          buildModule: (config) => buildChat(config),
          env: { CHAT_JOB_INTERVAL_SECONDS: '0', CHAT_POLICY_CACHE_MS: '0', CHAT_ATTACHMENTS_DIR: `${dir}/attachments` },
        }),
      'live-classes': ({ nats }) =>
        bootTestService({
          nats,
          schema: 'live_classes',
          entities: liveClassesEntities,
          migrations: liveClassesMigrations,
          configShape: liveClassesConfigShape,
          buildModule: (config) => buildLive(config),
          env: { LIVE_CLASSES_JOB_INTERVAL_SECONDS: '0', LIVE_CLASSES_PROVIDER: 'development', ZOOM_WEBHOOK_SECRET_TOKEN: ZOOM_WEBHOOK_SECRET },
        }),
      'parent-portal': ({ nats }) =>
        bootTestService({
          nats,
          schema: 'parent_portal',
          entities: parentPortalEntities,
          migrations: parentPortalMigrations,
          configShape: parentPortalConfigShape,
          buildModule: (config) => buildPortal(config),
          env: { PARENT_PORTAL_JOB_INTERVAL_SECONDS: '0', PARENT_PORTAL_CHAT_TIMEOUT_MS: '500' },
        }),
    },
  });
  return {
    stack,
    sendgrid,
    close: async () => {
      await stack.close();
      await sendgrid.stop();
    },
  };
}

export async function until<T>(probe: () => Promise<T | null | undefined | false>, label: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every service answers health with status ok (through the gateway's aggregate health). */
export async function allHealthy(stack: Stack): Promise<Record<string, string>> {
  const reply = await http<{ status: string; services: Record<string, { status: string }> }>(stack, 'GET', '/api/v1/health');
  return Object.fromEntries(Object.entries(reply.body.services ?? {}).map(([name, value]) => [name, value.status]));
}
