import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live_classes schema. Hand-written and reviewed. The first four tables are the read model of core's
 * `core.v1.*` events (never written by use cases); the rest is the service's own data.
 * Invariants held by the database: one participant row per (class, user) (capacity counts them), one vote per
 * (question, voter), one webhook row per delivery key (duplicate deliveries are dropped), one presence row per
 * (class, participant, kind, instant), one result per (class, student).
 */
export class LiveClassesSchema1734000000000 implements MigrationInterface {
  name = 'LiveClassesSchema1734000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE "live_classes"."users" (
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
      `CREATE INDEX "users_email_idx" ON "live_classes"."users" (lower("email"))`,
      `CREATE TABLE "live_classes"."courses" (
        "id" uuid PRIMARY KEY,
        "code" text NOT NULL,
        "title" text NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE "live_classes"."course_teachers" (
        "course_id" uuid NOT NULL,
        "teacher_id" uuid NOT NULL,
        PRIMARY KEY ("course_id", "teacher_id"))`,
      `CREATE INDEX "course_teachers_teacher_idx" ON "live_classes"."course_teachers" ("teacher_id")`,
      `CREATE TABLE "live_classes"."enrollments" (
        "course_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "active" boolean NOT NULL,
        "enrolled_at" timestamptz NOT NULL,
        "dropped_at" timestamptz,
        PRIMARY KEY ("course_id", "student_id"))`,
      `CREATE INDEX "enrollments_student_idx" ON "live_classes"."enrollments" ("student_id") WHERE "active"`,

      `CREATE TABLE "live_classes"."classes" (
        "id" uuid PRIMARY KEY,
        "course_id" uuid NOT NULL,
        "series_id" uuid,
        "name" text NOT NULL,
        "description" text,
        "starts_at" timestamptz NOT NULL,
        "ends_at" timestamptz NOT NULL,
        "timezone" text NOT NULL,
        "max_participants" int,
        "recording_enabled" boolean NOT NULL,
        "provider" text NOT NULL CHECK ("provider" IN ('zoom', 'jitsi', 'development')),
        "status" text NOT NULL DEFAULT 'scheduled' CHECK ("status" IN ('scheduled', 'in_progress', 'completed', 'cancelled')),
        "teacher_id" uuid NOT NULL,
        "meeting_id" text,
        "meeting_uuid" text,
        "meeting_join_url" text,
        "meeting_start_url" text,
        "meeting_password" text,
        -- The provider call runs after the commit; these flag work the lifecycle job retries if it failed.
        "meeting_sync_pending" boolean NOT NULL DEFAULT false,
        "meeting_deleted" boolean NOT NULL DEFAULT false,
        "started_at" timestamptz,
        "ended_at" timestamptz,
        "cancelled_reason" text,
        "reminder_sent_at" timestamptz,
        "attendance_due_at" timestamptz,
        "attendance_revision" int NOT NULL DEFAULT 0,
        "attendance_computed_at" timestamptz,
        "created_by" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CHECK ("ends_at" > "starts_at"))`,
      `CREATE INDEX "classes_course_starts_idx" ON "live_classes"."classes" ("course_id", "starts_at")`,
      `CREATE INDEX "classes_teacher_starts_idx" ON "live_classes"."classes" ("teacher_id", "starts_at") WHERE "status" <> 'cancelled'`,
      `CREATE INDEX "classes_series_idx" ON "live_classes"."classes" ("series_id") WHERE "series_id" IS NOT NULL`,
      `CREATE UNIQUE INDEX "classes_meeting_idx" ON "live_classes"."classes" ("provider", "meeting_id") WHERE "meeting_id" IS NOT NULL`,
      // The lifecycle job's scans.
      `CREATE INDEX "classes_to_remind_idx" ON "live_classes"."classes" ("starts_at") WHERE "status" = 'scheduled' AND "reminder_sent_at" IS NULL`,
      `CREATE INDEX "classes_open_idx" ON "live_classes"."classes" ("ends_at") WHERE "status" IN ('scheduled', 'in_progress')`,
      `CREATE INDEX "classes_meeting_work_idx" ON "live_classes"."classes" ("starts_at")
        WHERE ("status" = 'scheduled' AND ("meeting_id" IS NULL OR "meeting_sync_pending")) OR ("status" = 'cancelled' AND "meeting_id" IS NOT NULL AND NOT "meeting_deleted")`,
      `CREATE INDEX "classes_attendance_due_idx" ON "live_classes"."classes" ("attendance_due_at") WHERE "attendance_due_at" IS NOT NULL`,

      `CREATE TABLE "live_classes"."participants" (
        "class_id" uuid NOT NULL REFERENCES "live_classes"."classes" ("id") ON DELETE CASCADE,
        "user_id" uuid NOT NULL,
        "role" text NOT NULL CHECK ("role" IN ('host', 'attendee')),
        "registrant_id" text,
        "join_url" text NOT NULL,
        "first_clicked_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("class_id", "user_id"))`,
      `CREATE INDEX "participants_registrant_idx" ON "live_classes"."participants" ("registrant_id") WHERE "registrant_id" IS NOT NULL`,
      `CREATE TABLE "live_classes"."join_clicks" (
        "id" uuid PRIMARY KEY,
        "class_id" uuid NOT NULL REFERENCES "live_classes"."classes" ("id") ON DELETE CASCADE,
        "user_id" uuid NOT NULL,
        "clicked_at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE INDEX "join_clicks_class_idx" ON "live_classes"."join_clicks" ("class_id", "user_id")`,

      `CREATE TABLE "live_classes"."webhook_events" (
        "id" uuid PRIMARY KEY,
        "provider" text NOT NULL,
        "delivery_key" text NOT NULL,
        "event" text NOT NULL,
        "payload" jsonb NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now(),
        "processed_at" timestamptz,
        "attempts" int NOT NULL DEFAULT 0,
        "last_error" text,
        UNIQUE ("provider", "delivery_key"))`,
      `CREATE INDEX "webhook_events_pending_idx" ON "live_classes"."webhook_events" ("received_at") WHERE "processed_at" IS NULL`,
      `CREATE TABLE "live_classes"."presence_events" (
        "id" bigserial PRIMARY KEY,
        "class_id" uuid NOT NULL REFERENCES "live_classes"."classes" ("id") ON DELETE CASCADE,
        "user_id" uuid,
        "participant_key" text NOT NULL,
        "kind" text NOT NULL CHECK ("kind" IN ('joined', 'left', 'waiting_joined', 'waiting_left')),
        "at" timestamptz NOT NULL,
        "display_name" text,
        "email" text,
        UNIQUE ("class_id", "participant_key", "kind", "at"))`,
      `CREATE INDEX "presence_events_user_idx" ON "live_classes"."presence_events" ("class_id", "user_id")`,

      `CREATE TABLE "live_classes"."questions" (
        "id" uuid PRIMARY KEY,
        "class_id" uuid NOT NULL REFERENCES "live_classes"."classes" ("id") ON DELETE CASCADE,
        "asker_id" uuid NOT NULL,
        "text" text NOT NULL,
        "votes" int NOT NULL DEFAULT 0 CHECK ("votes" >= 0),
        "answered" boolean NOT NULL DEFAULT false,
        "answer_text" text,
        "answered_by" uuid,
        "answered_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE INDEX "questions_class_idx" ON "live_classes"."questions" ("class_id", "votes" DESC, "created_at")`,
      `CREATE TABLE "live_classes"."question_votes" (
        "question_id" uuid NOT NULL REFERENCES "live_classes"."questions" ("id") ON DELETE CASCADE,
        "voter_id" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("question_id", "voter_id"))`,

      `CREATE TABLE "live_classes"."recordings" (
        "id" uuid PRIMARY KEY,
        "class_id" uuid NOT NULL REFERENCES "live_classes"."classes" ("id") ON DELETE CASCADE,
        "provider_recording_id" text NOT NULL UNIQUE,
        "play_url" text NOT NULL,
        "recording_start" timestamptz,
        "recording_end" timestamptz,
        "duration_minutes" int,
        "files" jsonb NOT NULL DEFAULT '[]',
        "created_at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE INDEX "recordings_class_idx" ON "live_classes"."recordings" ("class_id")`,

      `CREATE TABLE "live_classes"."attendance_results" (
        "class_id" uuid NOT NULL REFERENCES "live_classes"."classes" ("id") ON DELETE CASCADE,
        "student_id" uuid NOT NULL,
        "minutes_attended" numeric(8,2) NOT NULL,
        "attended_ratio" numeric(6,4) NOT NULL,
        "score" numeric(5,2) NOT NULL,
        "first_joined_at" timestamptz,
        "questions_asked" int NOT NULL,
        "votes_given" int NOT NULL,
        "join_clicks" int NOT NULL,
        "computed_at" timestamptz NOT NULL,
        PRIMARY KEY ("class_id", "student_id"))`,

      `CREATE TABLE "live_classes"."calendar_tokens" (
        "user_id" uuid PRIMARY KEY,
        "token" text NOT NULL UNIQUE,
        "created_at" timestamptz NOT NULL DEFAULT now())`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'calendar_tokens', 'attendance_results', 'recordings', 'question_votes', 'questions', 'presence_events', 'webhook_events',
      'join_clicks', 'participants', 'classes', 'enrollments', 'course_teachers', 'courses', 'users',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS "live_classes"."${table}"`);
    }
  }
}
