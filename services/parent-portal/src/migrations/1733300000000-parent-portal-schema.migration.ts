import type { MigrationInterface, QueryRunner } from 'typeorm';

const S = '"parent_portal"';

/**
 * The parent portal schema. Hand-written and reviewed.
 * - Read model (filled only by event handlers in src/events): users, courses, course_teachers, enrollments,
 *   assignments, grades, missing_work, sessions, attendance_records, live_classes, live_attendance.
 * - Own data: links (+ link_audit), pairing_codes (keyed hashes only), redeem_throttle, access_log, alert_settings,
 *   alert_state (one row per watched condition: the crossing memory), alerts, digest_settings, digests, settings.
 */
export class ParentPortalSchema1733300000000 implements MigrationInterface {
  name = 'ParentPortalSchema1733300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE ${S}."users" (
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
      `CREATE INDEX "users_email_idx" ON ${S}."users" (lower("email"))`,
      `CREATE INDEX "users_role_idx" ON ${S}."users" ("role") WHERE "active"`,
      `CREATE TABLE ${S}."courses" (
        "id" uuid PRIMARY KEY,
        "code" text NOT NULL,
        "title" text NOT NULL,
        "level" text,
        "updated_at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE ${S}."course_teachers" (
        "course_id" uuid NOT NULL,
        "teacher_id" uuid NOT NULL,
        PRIMARY KEY ("course_id", "teacher_id"))`,
      `CREATE INDEX "course_teachers_teacher_idx" ON ${S}."course_teachers" ("teacher_id")`,
      `CREATE TABLE ${S}."enrollments" (
        "course_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "active" boolean NOT NULL,
        "enrolled_at" timestamptz NOT NULL,
        "dropped_at" timestamptz,
        PRIMARY KEY ("course_id", "student_id"))`,
      `CREATE INDEX "enrollments_student_idx" ON ${S}."enrollments" ("student_id") WHERE "active"`,
      `CREATE TABLE ${S}."assignments" (
        "id" uuid PRIMARY KEY,
        "course_id" uuid NOT NULL,
        "title" text NOT NULL,
        "due_at" timestamptz,
        "max_score" numeric NOT NULL)`,
      `CREATE TABLE ${S}."grades" (
        "assignment_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "course_id" uuid NOT NULL,
        "score" numeric NOT NULL,
        "max_score" numeric NOT NULL,
        "percentage" numeric NOT NULL,
        "graded_at" timestamptz NOT NULL,
        PRIMARY KEY ("assignment_id", "student_id"))`,
      `CREATE INDEX "grades_student_idx" ON ${S}."grades" ("student_id", "graded_at" DESC)`,
      `CREATE TABLE ${S}."missing_work" (
        "assignment_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "course_id" uuid NOT NULL,
        "detected_at" timestamptz NOT NULL,
        "resolved_at" timestamptz,
        PRIMARY KEY ("assignment_id", "student_id"))`,
      `CREATE INDEX "missing_work_student_idx" ON ${S}."missing_work" ("student_id") WHERE "resolved_at" IS NULL`,
      `CREATE TABLE ${S}."sessions" (
        "id" uuid PRIMARY KEY,
        "course_id" uuid NOT NULL,
        "starts_at" timestamptz NOT NULL,
        "ends_at" timestamptz NOT NULL,
        "topic" text,
        "cancelled" boolean NOT NULL DEFAULT false)`,
      `CREATE INDEX "sessions_course_idx" ON ${S}."sessions" ("course_id", "starts_at")`,
      `CREATE TABLE ${S}."attendance_records" (
        "session_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "course_id" uuid NOT NULL,
        "status" text NOT NULL,
        "session_starts_at" timestamptz NOT NULL,
        "marked_at" timestamptz NOT NULL,
        PRIMARY KEY ("session_id", "student_id"))`,
      `CREATE INDEX "attendance_records_student_idx" ON ${S}."attendance_records" ("student_id", "course_id", "session_starts_at" DESC)`,
      `CREATE TABLE ${S}."live_classes" (
        "id" uuid PRIMARY KEY,
        "course_id" uuid NOT NULL,
        "name" text NOT NULL,
        "starts_at" timestamptz NOT NULL,
        "ends_at" timestamptz NOT NULL,
        "status" text NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE INDEX "live_classes_course_idx" ON ${S}."live_classes" ("course_id", "starts_at")`,
      `CREATE TABLE ${S}."live_attendance" (
        "class_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "course_id" uuid NOT NULL,
        "minutes_attended" numeric NOT NULL,
        "attended_ratio" numeric NOT NULL,
        "revision" int NOT NULL,
        PRIMARY KEY ("class_id", "student_id"))`,
      `CREATE INDEX "live_attendance_student_idx" ON ${S}."live_attendance" ("student_id")`,

      `CREATE TABLE ${S}."links" (
        "id" uuid PRIMARY KEY,
        "parent_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "relationship" text NOT NULL CHECK ("relationship" IN ('parent', 'guardian', 'other')),
        "origin" text NOT NULL CHECK ("origin" IN ('pairing_code', 'admin')),
        "approval" text NOT NULL CHECK ("approval" IN ('pending', 'approved', 'rejected')),
        "consent" text NOT NULL DEFAULT 'pending' CHECK ("consent" IN ('pending', 'given', 'withdrawn')),
        "active" boolean NOT NULL DEFAULT false,
        "requested_at" timestamptz NOT NULL DEFAULT now(),
        "decided_at" timestamptz,
        "decided_by" uuid,
        "decision_note" text,
        "consent_changed_at" timestamptz,
        "revoked_at" timestamptz,
        "revoked_by" uuid,
        "updated_at" timestamptz NOT NULL DEFAULT now())`,
      // One open link per pair: a rejected or revoked one ends, and a new code starts a new link.
      `CREATE UNIQUE INDEX "links_open_pair_idx" ON ${S}."links" ("parent_id", "student_id") WHERE "approval" <> 'rejected' AND "revoked_at" IS NULL`,
      `CREATE INDEX "links_parent_active_idx" ON ${S}."links" ("parent_id") WHERE "active"`,
      `CREATE INDEX "links_student_idx" ON ${S}."links" ("student_id")`,
      `CREATE INDEX "links_pending_idx" ON ${S}."links" ("requested_at") WHERE "approval" = 'pending' AND "revoked_at" IS NULL`,
      `CREATE TABLE ${S}."link_audit" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "link_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "action" text NOT NULL,
        "actor_id" uuid,
        "actor_role" text,
        "note" text,
        "at" timestamptz NOT NULL DEFAULT clock_timestamp())`,
      `CREATE INDEX "link_audit_link_idx" ON ${S}."link_audit" ("link_id", "at")`,
      `CREATE TABLE ${S}."pairing_codes" (
        "id" uuid PRIMARY KEY,
        "student_id" uuid NOT NULL,
        "code_hash" bytea NOT NULL UNIQUE,
        "hint" text NOT NULL,
        "created_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        "used_by" uuid,
        "revoked_at" timestamptz)`,
      `CREATE INDEX "pairing_codes_student_idx" ON ${S}."pairing_codes" ("student_id", "expires_at") WHERE "used_at" IS NULL AND "revoked_at" IS NULL`,
      `CREATE TABLE ${S}."redeem_throttle" (
        "parent_id" uuid PRIMARY KEY,
        "failures" int NOT NULL DEFAULT 0,
        "window_started_at" timestamptz NOT NULL,
        "locked_until" timestamptz)`,
      `CREATE TABLE ${S}."access_log" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "student_id" uuid NOT NULL,
        "viewer_id" uuid NOT NULL,
        "viewer_role" text NOT NULL,
        "resource" text NOT NULL,
        "at" timestamptz NOT NULL DEFAULT clock_timestamp())`,
      `CREATE INDEX "access_log_student_idx" ON ${S}."access_log" ("student_id", "at" DESC)`,
      `CREATE TABLE ${S}."alert_settings" (
        "parent_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "settings" jsonb NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("parent_id", "student_id"))`,
      `CREATE TABLE ${S}."alert_state" (
        "parent_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "condition" text NOT NULL,
        "crossed" boolean NOT NULL DEFAULT false,
        "value" numeric,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("parent_id", "student_id", "condition"))`,
      `CREATE TABLE ${S}."alerts" (
        "id" uuid PRIMARY KEY,
        "parent_id" uuid NOT NULL,
        "student_id" uuid NOT NULL,
        "type" text NOT NULL,
        "course_id" uuid,
        "title" text NOT NULL,
        "message" text NOT NULL,
        "value" numeric,
        "threshold" numeric,
        "subject" jsonb,
        "created_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
        "read_at" timestamptz)`,
      `CREATE INDEX "alerts_parent_idx" ON ${S}."alerts" ("parent_id", "created_at" DESC)`,
      `CREATE INDEX "alerts_parent_child_idx" ON ${S}."alerts" ("parent_id", "student_id", "created_at" DESC)`,
      `CREATE TABLE ${S}."digest_settings" (
        "parent_id" uuid PRIMARY KEY,
        "weekly" boolean NOT NULL DEFAULT true,
        "daily" boolean NOT NULL DEFAULT false,
        "updated_at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE ${S}."digests" (
        "id" uuid PRIMARY KEY,
        "parent_id" uuid NOT NULL,
        "period" text NOT NULL,
        "period_key" text NOT NULL,
        "outcome" text NOT NULL CHECK ("outcome" IN ('sent', 'skipped')),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        UNIQUE ("parent_id", "period", "period_key"))`,
      `CREATE TABLE ${S}."settings" (
        "key" text PRIMARY KEY,
        "value" jsonb NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now())`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'settings',
      'digests',
      'digest_settings',
      'alerts',
      'alert_state',
      'alert_settings',
      'access_log',
      'redeem_throttle',
      'pairing_codes',
      'link_audit',
      'links',
      'live_attendance',
      'live_classes',
      'attendance_records',
      'sessions',
      'missing_work',
      'grades',
      'assignments',
      'enrollments',
      'course_teachers',
      'courses',
      'users',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${S}."${table}"`);
    }
  }
}
