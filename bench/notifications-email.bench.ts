/**
 * Sending 10,000 emails through the notifications service against a plain loop, in the same run, against the
 * same local SendGrid-compatible fake (v3 /v3/mail/send wire format).
 *
 * ours:     the dispatcher queues each email in Postgres (dedupe key, template version, timeline) in transactions of
 *           500, as a fan-out to a whole school would; the worker, woken by NOTIFY on commit, claims rows with
 *           SKIP LOCKED, renders one tokenized body per template version and sends up to 1000 recipients per
 *           request (personalizations with escaped substitutions), 4 requests in flight, and records every outcome.
 * baseline: `for (const r of recipients) await sgMail.send({...})`: one request per email, nothing recorded,
 *           no retries, no dedupe (a crash halfway loses track of who got what).
 *
 * Latency is queued → sent: ours from the queue row's commit to its `sent_at`; the baseline's emails are all
 * "queued" in memory when the loop starts. Both runs must deliver exactly one email per recipient.
 * Run: npm run bench notifications   (BENCH_EMAILS, BENCH_SENDGRID_LATENCY_MS to change the load)
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from '@sendgrid/client';
import sgMail from '@sendgrid/mail';
import { DATA_SOURCE } from '@tec/shared';
import { bootTestService } from '@tec/shared/testing';
import type { DataSource } from 'typeorm';
import { buildServiceModule } from '../services/notifications/src/app.module';
import { notificationsConfigShape } from '../services/notifications/src/config';
import { NotificationDispatcher } from '../services/notifications/src/dispatch/notification-dispatcher';
import { notificationsEntities } from '../services/notifications/src/entities';
import { notificationsMigrations } from '../services/notifications/src/migrations';
import { SendGridFake } from '../services/notifications/test/support/sendgrid-fake';
import { report, summarize } from './lib/stats';

const EMAILS = Number(process.env.BENCH_EMAILS ?? 10_000);
const LATENCY_MS = Number(process.env.BENCH_SENDGRID_LATENCY_MS ?? 0);
const QUEUE_CHUNK = 500;

const recipients = Array.from({ length: EMAILS }, (_, index) => ({
  id: randomUUID(),
  email: `student${index}@bench.example`,
  firstName: `Student${index}`,
  lastName: 'Bench',
  role: 'student',
  timezone: 'Europe/Madrid',
  locale: 'en',
  active: true,
}));
const quizData = (firstName: string) => ({ student_name: firstName, quiz_name: 'Derivatives', course_name: 'Mathematics 12A', score: 18, total_points: 20, percentage: 90, quiz_link: '/courses' });

function exactlyOnce(fake: SendGridFake): { duplicates: number; lost: number } {
  const counts = new Map<string, number>();
  for (const email of fake.emails) counts.set(email.to, (counts.get(email.to) ?? 0) + 1);
  let duplicates = 0;
  for (const count of counts.values()) duplicates += Math.max(0, count - 1);
  const lost = recipients.filter((recipient) => !counts.has(recipient.email)).length;
  return { duplicates, lost };
}

async function runBaseline(fake: SendGridFake) {
  fake.reset();
  const client = new Client();
  client.setApiKey('SG.test-key');
  client.setDefaultRequest('baseUrl', fake.url);
  sgMail.setClient(client);
  const latencies: number[] = [];
  const start = performance.now();
  for (const recipient of recipients) {
    await sgMail.send({
      to: { email: recipient.email, name: recipient.firstName },
      from: { email: 'noreply@tec.example', name: 'TEC LMS' },
      subject: 'Your quiz Derivatives has been graded',
      text: `Hi ${recipient.firstName}, your quiz Derivatives has been graded: 18/20.`,
      html: `<p>Hi ${recipient.firstName}, your quiz <strong>Derivatives</strong> has been graded: 18/20.</p>`,
    });
    latencies.push(performance.now() - start);
  }
  return { summary: summarize(latencies, performance.now() - start), ...exactlyOnce(fake), requests: fake.requests.length };
}

async function runOurs(fake: SendGridFake) {
  fake.reset();
  const service = await bootTestService({
    schema: 'notifications',
    entities: notificationsEntities,
    migrations: notificationsMigrations,
    configShape: notificationsConfigShape,
    buildModule: (config) => buildServiceModule(config),
    env: { SENDGRID_API_KEY: 'SG.test-key', SENDGRID_BASE_URL: fake.url, EMAIL_BATCH_SIZE: '1000', EMAIL_SEND_CONCURRENCY: '4', EMAIL_WORKER_POLL_MS: '500', DIGEST_SCAN_SECONDS: '0' },
  });
  try {
    const dataSource = service.app.get<DataSource>(DATA_SOURCE);
    const dispatcher = service.app.get(NotificationDispatcher);
    const start = performance.now();
    const startedAt = new Date();
    for (let index = 0; index < EMAILS; index += QUEUE_CHUNK) {
      await dataSource.transaction(async (manager) => {
        for (const recipient of recipients.slice(index, index + QUEUE_CHUNK)) {
          await dispatcher.queueEmail(
            manager,
            { eventId: null, eventSubject: null, category: 'grades', template: 'quiz_graded' },
            { recipient, data: quizData(recipient.firstName) },
            { key: `bench:${recipient.id}`, suppressed: false, critical: false, notBefore: new Date() },
          );
        }
        await manager.query(`SELECT pg_notify('notifications_work', '')`);
      });
    }
    for (;;) {
      const [row] = await dataSource.query<{ sent: number; open: number }[]>(
        `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status IN ('pending', 'sending'))::int AS open FROM "notifications"."email_deliveries"`,
      );
      if (row!.sent + 0 >= EMAILS || row!.open === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const elapsed = performance.now() - start;
    const rows = await dataSource.query<{ ms: number }[]>(
      `SELECT extract(epoch FROM (sent_at - created_at)) * 1000 AS ms FROM "notifications"."email_deliveries" WHERE status = 'sent' AND created_at >= $1`,
      [startedAt],
    );
    return { summary: summarize(rows.map((row) => Number(row.ms)), elapsed), ...exactlyOnce(fake), requests: fake.requests.length };
  } finally {
    await service.close();
  }
}

async function main(): Promise<void> {
  const fake = await new SendGridFake().start();
  fake.latencyMs = LATENCY_MS;
  try {
    const baseline = await runBaseline(fake);
    const ours = await runOurs(fake);
    for (const [label, run] of [['ours', ours], ['baseline', baseline]] as const) {
      console.log(`${label}: ${run.requests} requests to the fake, ${run.duplicates} duplicates, ${run.lost} lost`);
    }
    report({
      name: 'notifications-email',
      description: `${EMAILS} emails to the SendGrid fake (${LATENCY_MS} ms added per request): queued → sent`,
      ours: ours.summary,
      baseline: baseline.summary,
      throughputRatio: ours.summary.throughputPerSecond / baseline.summary.throughputPerSecond,
    });
    if (ours.duplicates + ours.lost + baseline.duplicates + baseline.lost > 0) throw new Error('duplicates or losses');
  } finally {
    await fake.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
