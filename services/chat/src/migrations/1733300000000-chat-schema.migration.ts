import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chat schema. Hand-written and reviewed. `users`, `courses`, `course_teachers`, `enrollments` and
 * `parent_links` are read models of core and parent-portal events (written only by src/events). The rest is chat's.
 * Unread counts are counters on `participants` (bumped by one statement per message, recomputed from the
 * watermark on read), so the inbox never counts messages.
 */
export class ChatSchema1733300000000 implements MigrationInterface {
  name = 'ChatSchema1733300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE "chat"."users" (
        "id" uuid PRIMARY KEY,
        "email" text NOT NULL,
        "first_name" text NOT NULL,
        "last_name" text NOT NULL,
        "role" text NOT NULL,
        "timezone" text NOT NULL,
        "locale" text NOT NULL,
        "date_of_birth" date,
        "active" boolean NOT NULL DEFAULT true,
        "updated_at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE "chat"."courses" (
        "id" uuid PRIMARY KEY,
        "code" text NOT NULL,
        "title" text NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE "chat"."course_teachers" (
        "course_id" uuid NOT NULL,
        "teacher_id" uuid NOT NULL,
        PRIMARY KEY ("course_id", "teacher_id"))`,
      `CREATE INDEX "course_teachers_teacher_idx" ON "chat"."course_teachers" ("teacher_id")`,
      `CREATE TABLE "chat"."enrollments" (
        "course_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "active" boolean NOT NULL,
        "enrolled_at" timestamptz NOT NULL,
        "dropped_at" timestamptz,
        PRIMARY KEY ("course_id", "student_id"))`,
      `CREATE INDEX "enrollments_student_idx" ON "chat"."enrollments" ("student_id") WHERE "active"`,
      `CREATE TABLE "chat"."parent_links" (
        "link_id" uuid PRIMARY KEY,
        "parent_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "relationship" text NOT NULL,
        "active" boolean NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE INDEX "parent_links_parent_idx" ON "chat"."parent_links" ("parent_id") WHERE "active"`,
      `CREATE INDEX "parent_links_student_idx" ON "chat"."parent_links" ("student_id") WHERE "active"`,

      `CREATE TABLE "chat"."policy" (
        "id" smallint PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
        "student_to_student" boolean NOT NULL DEFAULT true,
        "parent_to_teacher" boolean NOT NULL DEFAULT true,
        "edit_window_minutes" int NOT NULL DEFAULT 15,
        "flood_max_messages" int NOT NULL DEFAULT 20,
        "flood_window_seconds" int NOT NULL DEFAULT 10,
        "attachment_max_bytes" int NOT NULL DEFAULT 524288,
        "allowed_mime_types" text[] NOT NULL DEFAULT ARRAY['image/png','image/jpeg','image/gif','image/webp','application/pdf','text/plain'],
        "unread_reminder_minutes" int NOT NULL DEFAULT 60,
        "updated_by" uuid,
        "updated_at" timestamptz NOT NULL DEFAULT now())`,
      `INSERT INTO "chat"."policy" ("id") VALUES (1)`,

      `CREATE TABLE "chat"."conversations" (
        "id" uuid PRIMARY KEY,
        "kind" text NOT NULL CHECK ("kind" IN ('direct', 'course', 'group', 'announcement')),
        "title" text NOT NULL,
        "course_id" uuid,
        "direct_key" text UNIQUE,
        "auto_membership" boolean NOT NULL DEFAULT false,
        "created_by" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "last_seq" bigint NOT NULL DEFAULT 0,
        "last_message_id" uuid,
        "activity_at" timestamptz NOT NULL DEFAULT now(),
        CHECK (("kind" = 'direct') = ("direct_key" IS NOT NULL)))`,
      `CREATE UNIQUE INDEX "conversations_course_uq" ON "chat"."conversations" ("course_id") WHERE "kind" = 'course'`,
      `CREATE INDEX "conversations_course_idx" ON "chat"."conversations" ("course_id") WHERE "auto_membership"`,
      `CREATE TABLE "chat"."participants" (
        "conversation_id" uuid NOT NULL REFERENCES "chat"."conversations" ("id") ON DELETE CASCADE,
        "user_id" uuid NOT NULL,
        "role" text NOT NULL CHECK ("role" IN ('owner', 'admin', 'member')),
        "joined_at" timestamptz NOT NULL DEFAULT now(),
        "left_at" timestamptz,
        "muted" boolean NOT NULL DEFAULT false,
        "archived" boolean NOT NULL DEFAULT false,
        "last_read_seq" bigint NOT NULL DEFAULT 0,
        "unread_count" int NOT NULL DEFAULT 0,
        PRIMARY KEY ("conversation_id", "user_id"))`,
      `CREATE INDEX "participants_user_idx" ON "chat"."participants" ("user_id") WHERE "left_at" IS NULL`,

      `CREATE TABLE "chat"."attachments" (
        "id" uuid PRIMARY KEY,
        "conversation_id" uuid NOT NULL REFERENCES "chat"."conversations" ("id") ON DELETE CASCADE,
        "uploader_id" uuid NOT NULL,
        "file_name" text NOT NULL,
        "stored_name" text NOT NULL UNIQUE,
        "mime_type" text NOT NULL,
        "size_bytes" int NOT NULL,
        "sha256" text NOT NULL,
        "width" int,
        "height" int,
        "message_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE "chat"."messages" (
        "id" uuid PRIMARY KEY,
        "conversation_id" uuid NOT NULL REFERENCES "chat"."conversations" ("id") ON DELETE CASCADE,
        "seq" bigint NOT NULL,
        "sender_id" uuid NOT NULL,
        "body" text NOT NULL,
        "mentions" uuid[] NOT NULL DEFAULT '{}',
        "attachment_id" uuid REFERENCES "chat"."attachments" ("id"),
        "client_id" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "edited_at" timestamptz,
        "deleted_at" timestamptz,
        "deleted_by" uuid,
        "delete_reason" text,
        "search" tsvector GENERATED ALWAYS AS (to_tsvector('english', "body")) STORED,
        UNIQUE ("conversation_id", "seq"),
        UNIQUE ("conversation_id", "sender_id", "client_id"))`,
      `CREATE INDEX "messages_search_idx" ON "chat"."messages" USING gin ("search")`,
      `CREATE INDEX "messages_sender_idx" ON "chat"."messages" ("sender_id", "created_at")`,
      `CREATE TABLE "chat"."reactions" (
        "message_id" uuid NOT NULL REFERENCES "chat"."messages" ("id") ON DELETE CASCADE,
        "user_id" uuid NOT NULL,
        "emoji" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("message_id", "user_id", "emoji"))`,
      `CREATE TABLE "chat"."reports" (
        "id" uuid PRIMARY KEY,
        "message_id" uuid NOT NULL REFERENCES "chat"."messages" ("id"),
        "conversation_id" uuid NOT NULL REFERENCES "chat"."conversations" ("id"),
        "reporter_id" uuid NOT NULL,
        "reported_user_id" uuid NOT NULL,
        "reason" text NOT NULL,
        "status" text NOT NULL DEFAULT 'open' CHECK ("status" IN ('open', 'dismissed', 'removed')),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "resolved_by" uuid,
        "resolved_at" timestamptz,
        "resolution_note" text,
        UNIQUE ("message_id", "reporter_id"))`,
      `CREATE INDEX "reports_open_idx" ON "chat"."reports" ("created_at") WHERE "status" = 'open'`,

      `CREATE TABLE "chat"."presence_connections" (
        "connection_id" text PRIMARY KEY,
        "gateway_id" text NOT NULL,
        "user_id" uuid NOT NULL,
        "status" text NOT NULL CHECK ("status" IN ('online', 'idle')),
        "last_seen_at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE INDEX "presence_connections_user_idx" ON "chat"."presence_connections" ("user_id")`,
      `CREATE TABLE "chat"."user_presence" (
        "user_id" uuid PRIMARY KEY,
        "status" text NOT NULL CHECK ("status" IN ('online', 'idle', 'offline')),
        "changed_at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE "chat"."unread_reminders" (
        "user_id" uuid PRIMARY KEY,
        "reminded_at" timestamptz NOT NULL)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'unread_reminders', 'user_presence', 'presence_connections', 'reports', 'reactions', 'messages', 'attachments',
      'participants', 'conversations', 'policy', 'parent_links', 'enrollments', 'course_teachers', 'courses', 'users',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS "chat"."${table}"`);
    }
  }
}
