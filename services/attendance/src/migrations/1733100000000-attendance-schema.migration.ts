import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The attendance schema. Hand-written and reviewed. The first five tables are the read model of core's
 * `core.v1.*` events (never written by use cases); the rest is attendance's own data.
 * One record per (session, student) is a unique constraint, so concurrent check-ins cannot duplicate.
 */
export class AttendanceSchema1733100000000 implements MigrationInterface {
  name = 'AttendanceSchema1733100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE "attendance"."users" (
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
      `CREATE TABLE "attendance"."courses" (
        "id" uuid PRIMARY KEY,
        "code" text NOT NULL,
        "title" text NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE "attendance"."course_teachers" (
        "course_id" uuid NOT NULL,
        "teacher_id" uuid NOT NULL,
        PRIMARY KEY ("course_id", "teacher_id"))`,
      `CREATE INDEX "course_teachers_teacher_idx" ON "attendance"."course_teachers" ("teacher_id")`,
      `CREATE TABLE "attendance"."enrollments" (
        "course_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "active" boolean NOT NULL,
        "enrolled_at" timestamptz NOT NULL,
        "dropped_at" timestamptz,
        PRIMARY KEY ("course_id", "student_id"))`,
      `CREATE INDEX "enrollments_student_idx" ON "attendance"."enrollments" ("student_id") WHERE "active"`,

      `CREATE TABLE "attendance"."policies" (
        "course_id" uuid PRIMARY KEY,
        "late_after_minutes" int NOT NULL,
        "checkin_opens_before_minutes" int NOT NULL,
        "checkin_closes_after_minutes" int NOT NULL,
        "excused_leaves_denominator" boolean NOT NULL,
        "low_attendance_threshold" numeric(5,2) NOT NULL,
        "min_sessions_for_alert" int NOT NULL,
        "consecutive_absence_alert" int NOT NULL,
        "updated_by" uuid,
        "updated_at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE "attendance"."sessions" (
        "id" uuid PRIMARY KEY,
        "course_id" uuid NOT NULL,
        "series_id" uuid,
        "starts_at" timestamptz NOT NULL,
        "ends_at" timestamptz NOT NULL,
        "topic" text,
        "status" text NOT NULL DEFAULT 'scheduled' CHECK ("status" IN ('scheduled', 'cancelled')),
        "cancelled_reason" text,
        "checkin_opens_at" timestamptz NOT NULL,
        "late_after" timestamptz NOT NULL,
        "checkin_closes_at" timestamptz NOT NULL,
        "geofence" jsonb,
        "ip_allow_list" text[] NOT NULL DEFAULT '{}',
        "qr_secret" bytea NOT NULL,
        "reminder_sent_at" timestamptz,
        "closed_at" timestamptz,
        "created_by" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CHECK ("ends_at" > "starts_at"))`,
      `CREATE INDEX "sessions_course_starts_idx" ON "attendance"."sessions" ("course_id", "starts_at")`,
      `CREATE INDEX "sessions_series_idx" ON "attendance"."sessions" ("series_id") WHERE "series_id" IS NOT NULL`,
      // The lifecycle job's two scans.
      `CREATE INDEX "sessions_to_close_idx" ON "attendance"."sessions" ("checkin_closes_at") WHERE "status" = 'scheduled' AND "closed_at" IS NULL`,
      `CREATE INDEX "sessions_to_remind_idx" ON "attendance"."sessions" ("starts_at") WHERE "status" = 'scheduled' AND "reminder_sent_at" IS NULL`,

      `CREATE TABLE "attendance"."records" (
        "id" uuid PRIMARY KEY,
        "session_id" uuid NOT NULL REFERENCES "attendance"."sessions" ("id") ON DELETE CASCADE,
        "course_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "session_starts_at" timestamptz NOT NULL,
        "status" text NOT NULL CHECK ("status" IN ('present', 'late', 'absent', 'excused')),
        "method" text NOT NULL CHECK ("method" IN ('qr_code', 'manual', 'bulk', 'live_class', 'auto', 'exemption')),
        "marked_by" uuid,
        "marked_at" timestamptz NOT NULL DEFAULT now(),
        "checked_in_at" timestamptz,
        "latitude" double precision,
        "longitude" double precision,
        "device_hash" text,
        "client_hash" text,
        "note" text,
        CONSTRAINT "records_session_student_key" UNIQUE ("session_id", "student_id"))`,
      `CREATE INDEX "records_course_starts_idx" ON "attendance"."records" ("course_id", "session_starts_at")`,
      `CREATE INDEX "records_student_starts_idx" ON "attendance"."records" ("student_id", "course_id", "session_starts_at" DESC)`,
      `CREATE TABLE "attendance"."device_claims" (
        "session_id" uuid NOT NULL REFERENCES "attendance"."sessions" ("id") ON DELETE CASCADE,
        "device_hash" text NOT NULL,
        "student_id" uuid NOT NULL,
        "claimed_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("session_id", "device_hash"))`,
      `CREATE TABLE "attendance"."flags" (
        "id" uuid PRIMARY KEY,
        "session_id" uuid NOT NULL REFERENCES "attendance"."sessions" ("id") ON DELETE CASCADE,
        "student_id" uuid NOT NULL,
        "reason" text NOT NULL,
        "other_student_id" uuid,
        "details" jsonb NOT NULL DEFAULT '{}',
        "created_at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE INDEX "flags_session_idx" ON "attendance"."flags" ("session_id", "created_at")`,
      // Kept when a session is cancelled (no foreign key): the trail outlives the records.
      `CREATE TABLE "attendance"."audit" (
        "id" bigserial PRIMARY KEY,
        "record_id" uuid NOT NULL,
        "session_id" uuid NOT NULL,
        "course_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "from_status" text,
        "to_status" text NOT NULL,
        "method" text NOT NULL,
        "actor_id" uuid,
        "note" text,
        "at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE INDEX "audit_session_idx" ON "attendance"."audit" ("session_id", "id" DESC)`,
      `CREATE INDEX "audit_course_idx" ON "attendance"."audit" ("course_id", "id" DESC)`,
      `CREATE TABLE "attendance"."stats" (
        "course_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "present" int NOT NULL DEFAULT 0,
        "late" int NOT NULL DEFAULT 0,
        "absent" int NOT NULL DEFAULT 0,
        "excused" int NOT NULL DEFAULT 0,
        "below_threshold" boolean NOT NULL DEFAULT false,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("course_id", "student_id"),
        CHECK ("present" >= 0 AND "late" >= 0 AND "absent" >= 0 AND "excused" >= 0))`,
      // Alerts published once per key (a streak is keyed by its first session).
      `CREATE TABLE "attendance"."alerts" (
        "kind" text NOT NULL,
        "course_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "key" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("kind", "course_id", "student_id", "key"))`,
      `CREATE TABLE "attendance"."exemptions" (
        "id" uuid PRIMARY KEY,
        "student_id" uuid NOT NULL,
        "course_id" uuid NOT NULL,
        "session_id" uuid NOT NULL REFERENCES "attendance"."sessions" ("id") ON DELETE CASCADE,
        "reason" text NOT NULL,
        "status" text NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'approved', 'rejected')),
        "evidence_key" text,
        "evidence_name" text,
        "evidence_mime" text,
        "evidence_size" int,
        "requested_by" uuid NOT NULL,
        "requested_at" timestamptz NOT NULL DEFAULT now(),
        "decided_by" uuid,
        "decided_at" timestamptz,
        "decision_note" text)`,
      `CREATE UNIQUE INDEX "exemptions_open_key" ON "attendance"."exemptions" ("student_id", "session_id") WHERE "status" <> 'rejected'`,
      `CREATE INDEX "exemptions_course_idx" ON "attendance"."exemptions" ("course_id", "status", "requested_at" DESC)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['exemptions', 'alerts', 'stats', 'audit', 'flags', 'device_claims', 'records', 'sessions', 'policies', 'enrollments', 'course_teachers', 'courses', 'users']) {
      await queryRunner.query(`DROP TABLE IF EXISTS "attendance"."${table}"`);
    }
  }
}
