import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notifications schema: the users read model (from core events), templates with their versions,
 * preferences and quiet hours, in-app notifications, the email queue with its timeline, suppressions,
 * webhook dedupe, daily analytics and digests.
 */
export class NotificationsSchema1733000000000 implements MigrationInterface {
  name = 'NotificationsSchema1733000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE "notifications"."users" (
      "id" uuid PRIMARY KEY,
      "email" text NOT NULL,
      "first_name" text NOT NULL,
      "last_name" text NOT NULL,
      "role" text NOT NULL,
      "timezone" text NOT NULL,
      "locale" text NOT NULL,
      "date_of_birth" date,
      "active" boolean NOT NULL DEFAULT true,
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q(`CREATE INDEX "users_email_idx" ON "notifications"."users" (lower("email"))`);
    await q(`CREATE INDEX "users_role_idx" ON "notifications"."users" ("role") WHERE "active"`);

    await q(`CREATE TABLE "notifications"."templates" (
      "name" text PRIMARY KEY,
      "category" text NOT NULL,
      "description" text NOT NULL,
      "subject" text NOT NULL,
      "html" text NOT NULL,
      "text" text NOT NULL,
      "variables" jsonb NOT NULL DEFAULT '[]',
      "sample_data" jsonb NOT NULL DEFAULT '{}',
      "active" boolean NOT NULL DEFAULT true,
      "version" int NOT NULL DEFAULT 1,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "updated_by" uuid
    )`);
    await q(`CREATE TABLE "notifications"."template_versions" (
      "name" text NOT NULL REFERENCES "notifications"."templates" ("name") ON DELETE CASCADE,
      "version" int NOT NULL,
      "subject" text NOT NULL,
      "html" text NOT NULL,
      "text" text NOT NULL,
      "variables" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "created_by" uuid,
      PRIMARY KEY ("name", "version")
    )`);

    await q(`CREATE TABLE "notifications"."preferences" (
      "user_id" uuid NOT NULL,
      "category" text NOT NULL,
      "channel" text NOT NULL CHECK ("channel" IN ('email', 'in_app')),
      "mode" text NOT NULL CHECK ("mode" IN ('off', 'immediately', 'daily_digest', 'weekly_digest')),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("user_id", "category", "channel")
    )`);
    await q(`CREATE TABLE "notifications"."user_settings" (
      "user_id" uuid PRIMARY KEY,
      "quiet_enabled" boolean NOT NULL DEFAULT false,
      "quiet_start" text NOT NULL DEFAULT '22:00',
      "quiet_end" text NOT NULL DEFAULT '07:00',
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);

    // dedupe_key = <event id>:<recipient>: one in-app notification per (event, recipient), whatever redelivers.
    await q(`CREATE TABLE "notifications"."notifications" (
      "id" uuid PRIMARY KEY,
      "user_id" uuid NOT NULL,
      "category" text NOT NULL,
      "title" text NOT NULL,
      "body" text NOT NULL,
      "link" text,
      "dedupe_key" text NOT NULL UNIQUE,
      "silent" boolean NOT NULL DEFAULT false,
      "pushed_at" timestamptz,
      "read_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q(`CREATE INDEX "notifications_user_idx" ON "notifications"."notifications" ("user_id", "created_at" DESC, "id" DESC)`);
    await q(`CREATE INDEX "notifications_unread_idx" ON "notifications"."notifications" ("user_id") WHERE "read_at" IS NULL`);
    await q(`CREATE INDEX "notifications_unpushed_idx" ON "notifications"."notifications" ("created_at") WHERE "pushed_at" IS NULL`);

    // dedupe_key = <event id>:<recipient>:email. The row id is the idempotency key sent with the email.
    await q(`CREATE TABLE "notifications"."email_deliveries" (
      "id" uuid PRIMARY KEY,
      "dedupe_key" text NOT NULL UNIQUE,
      "user_id" uuid,
      "recipient_email" text NOT NULL,
      "recipient_name" text NOT NULL DEFAULT '',
      "category" text NOT NULL,
      "template_name" text NOT NULL,
      "template_version" int NOT NULL,
      "template_data" jsonb NOT NULL,
      "subject" text NOT NULL,
      "critical" boolean NOT NULL DEFAULT false,
      "status" text NOT NULL,
      "attempts" int NOT NULL DEFAULT 0,
      "next_attempt_at" timestamptz,
      "locked_until" timestamptz,
      "last_attempt_at" timestamptz,
      "sent_at" timestamptz,
      "delivered_at" timestamptz,
      "opened_at" timestamptz,
      "clicked_at" timestamptz,
      "provider_message_id" text,
      "error_code" text,
      "error_message" text,
      "event_id" text,
      "event_subject" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q(`CREATE INDEX "email_deliveries_due_idx" ON "notifications"."email_deliveries" ("next_attempt_at") WHERE "status" IN ('pending', 'sending')`);
    await q(`CREATE INDEX "email_deliveries_log_idx" ON "notifications"."email_deliveries" ("created_at" DESC, "id" DESC)`);
    await q(`CREATE INDEX "email_deliveries_recipient_idx" ON "notifications"."email_deliveries" (lower("recipient_email"))`);
    await q(`CREATE INDEX "email_deliveries_status_idx" ON "notifications"."email_deliveries" ("status", "updated_at")`);
    await q(`CREATE TABLE "notifications"."delivery_events" (
      "id" bigserial PRIMARY KEY,
      "delivery_id" uuid NOT NULL REFERENCES "notifications"."email_deliveries" ("id") ON DELETE CASCADE,
      "type" text NOT NULL,
      "detail" jsonb,
      "at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q(`CREATE INDEX "delivery_events_delivery_idx" ON "notifications"."delivery_events" ("delivery_id", "at", "id")`);

    await q(`CREATE TABLE "notifications"."suppressions" (
      "email" text PRIMARY KEY,
      "reason" text NOT NULL,
      "detail" text,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q(`CREATE TABLE "notifications"."webhook_events" (
      "sg_event_id" text PRIMARY KEY,
      "delivery_id" uuid,
      "type" text NOT NULL,
      "received_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q(`CREATE TABLE "notifications"."analytics_daily" (
      "day" date NOT NULL,
      "template_name" text NOT NULL,
      "sent" int NOT NULL DEFAULT 0,
      "delivered" int NOT NULL DEFAULT 0,
      "bounced" int NOT NULL DEFAULT 0,
      "dropped" int NOT NULL DEFAULT 0,
      "deferred" int NOT NULL DEFAULT 0,
      "failed" int NOT NULL DEFAULT 0,
      "opened" int NOT NULL DEFAULT 0,
      "clicked" int NOT NULL DEFAULT 0,
      PRIMARY KEY ("day", "template_name")
    )`);

    await q(`CREATE TABLE "notifications"."digest_items" (
      "id" uuid PRIMARY KEY,
      "user_id" uuid NOT NULL,
      "channel" text NOT NULL,
      "period" text NOT NULL CHECK ("period" IN ('daily', 'weekly')),
      "category" text NOT NULL,
      "title" text NOT NULL,
      "body" text NOT NULL,
      "link" text,
      "dedupe_key" text NOT NULL UNIQUE,
      "digest_key" text,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q(`CREATE INDEX "digest_items_pending_idx" ON "notifications"."digest_items" ("user_id", "channel", "period") WHERE "digest_key" IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'digest_items',
      'analytics_daily',
      'webhook_events',
      'suppressions',
      'delivery_events',
      'email_deliveries',
      'notifications',
      'user_settings',
      'preferences',
      'template_versions',
      'templates',
      'users',
    ]) {
      await queryRunner.query(`DROP TABLE "notifications"."${table}"`);
    }
  }
}
