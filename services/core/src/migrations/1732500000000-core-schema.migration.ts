import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts, sessions, API keys, courses, enrollments and coursework. Hand-written and reviewed.
 * Emails are stored lower-case and course codes upper-case (the contracts normalise them); the unique
 * indexes still use lower()/upper() so a direct SQL insert cannot create a case-twin.
 */
export class CoreSchema1732500000000 implements MigrationInterface {
  name = 'CoreSchema1732500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "core"."users" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "email" text NOT NULL,
      "first_name" text NOT NULL,
      "last_name" text NOT NULL,
      "role" text NOT NULL CHECK ("role" IN ('student', 'teacher', 'parent', 'admin')),
      "timezone" text NOT NULL DEFAULT 'UTC',
      "locale" text NOT NULL DEFAULT 'en',
      "date_of_birth" date,
      "password_hash" text,
      "active" boolean NOT NULL DEFAULT true,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key" ON "core"."users" (lower("email"))`);
    await queryRunner.query(`CREATE INDEX "users_role_idx" ON "core"."users" ("role")`);

    // One row per refresh-token family (a sign-in). `id` is the `sid` claim of its access tokens.
    await queryRunner.query(`CREATE TABLE "core"."auth_sessions" (
      "id" uuid PRIMARY KEY,
      "user_id" uuid NOT NULL REFERENCES "core"."users" ("id") ON DELETE CASCADE,
      "user_agent" text,
      "ip" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "last_used_at" timestamptz NOT NULL DEFAULT now(),
      "revoked_at" timestamptz,
      "revoked_reason" text
    )`);
    await queryRunner.query(`CREATE INDEX "auth_sessions_user_idx" ON "core"."auth_sessions" ("user_id") WHERE "revoked_at" IS NULL`);
    await queryRunner.query(`CREATE TABLE "core"."refresh_tokens" (
      "id" uuid PRIMARY KEY,
      "session_id" uuid NOT NULL REFERENCES "core"."auth_sessions" ("id") ON DELETE CASCADE,
      "token_hash" bytea NOT NULL UNIQUE,
      "expires_at" timestamptz NOT NULL,
      "used_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await queryRunner.query(`CREATE INDEX "refresh_tokens_session_idx" ON "core"."refresh_tokens" ("session_id")`);

    await queryRunner.query(`CREATE TABLE "core"."api_keys" (
      "id" uuid PRIMARY KEY,
      "name" text NOT NULL,
      "scopes" text[] NOT NULL,
      "secret_hash" bytea NOT NULL,
      "created_by" uuid NOT NULL REFERENCES "core"."users" ("id"),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "last_used_at" timestamptz,
      "revoked_at" timestamptz
    )`);

    await queryRunner.query(`CREATE TABLE "core"."courses" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "code" text NOT NULL,
      "title" text NOT NULL,
      "description" text NOT NULL DEFAULT '',
      "level" text NOT NULL CHECK ("level" IN ('grade12', 'bachelor')),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "courses_code_key" ON "core"."courses" (upper("code"))`);
    await queryRunner.query(`CREATE TABLE "core"."course_teachers" (
      "course_id" uuid NOT NULL REFERENCES "core"."courses" ("id") ON DELETE CASCADE,
      "teacher_id" uuid NOT NULL REFERENCES "core"."users" ("id") ON DELETE CASCADE,
      "assigned_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("course_id", "teacher_id")
    )`);
    await queryRunner.query(`CREATE INDEX "course_teachers_teacher_idx" ON "core"."course_teachers" ("teacher_id")`);
    await queryRunner.query(`CREATE TABLE "core"."enrollments" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "course_id" uuid NOT NULL REFERENCES "core"."courses" ("id") ON DELETE CASCADE,
      "student_id" uuid NOT NULL REFERENCES "core"."users" ("id") ON DELETE CASCADE,
      "status" text NOT NULL CHECK ("status" IN ('active', 'dropped')),
      "enrolled_at" timestamptz NOT NULL DEFAULT now(),
      "dropped_at" timestamptz,
      UNIQUE ("course_id", "student_id")
    )`);
    await queryRunner.query(`CREATE INDEX "enrollments_student_idx" ON "core"."enrollments" ("student_id") WHERE "status" = 'active'`);

    await queryRunner.query(`CREATE TABLE "core"."assignments" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "course_id" uuid NOT NULL REFERENCES "core"."courses" ("id") ON DELETE CASCADE,
      "title" text NOT NULL,
      "description" text NOT NULL DEFAULT '',
      "due_at" timestamptz NOT NULL,
      "max_score" numeric(9,2) NOT NULL CHECK ("max_score" > 0),
      "created_by" uuid REFERENCES "core"."users" ("id") ON DELETE SET NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await queryRunner.query(`CREATE INDEX "assignments_course_due_idx" ON "core"."assignments" ("course_id", "due_at")`);
    await queryRunner.query(`CREATE INDEX "assignments_due_idx" ON "core"."assignments" ("due_at")`);
    await queryRunner.query(`CREATE TABLE "core"."submissions" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "assignment_id" uuid NOT NULL REFERENCES "core"."assignments" ("id") ON DELETE CASCADE,
      "student_id" uuid NOT NULL REFERENCES "core"."users" ("id") ON DELETE CASCADE,
      "content" text,
      "submitted_at" timestamptz NOT NULL,
      UNIQUE ("assignment_id", "student_id")
    )`);
    await queryRunner.query(`CREATE TABLE "core"."grades" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "assignment_id" uuid NOT NULL REFERENCES "core"."assignments" ("id") ON DELETE CASCADE,
      "student_id" uuid NOT NULL REFERENCES "core"."users" ("id") ON DELETE CASCADE,
      "score" numeric(9,2) NOT NULL CHECK ("score" >= 0),
      "feedback" text,
      "graded_by" uuid REFERENCES "core"."users" ("id") ON DELETE SET NULL,
      "graded_at" timestamptz NOT NULL DEFAULT now(),
      UNIQUE ("assignment_id", "student_id")
    )`);
    await queryRunner.query(`CREATE INDEX "grades_student_idx" ON "core"."grades" ("student_id", "graded_at" DESC)`);
    // The marker that makes assignment_missing once-only: inserted with ON CONFLICT DO NOTHING.
    await queryRunner.query(`CREATE TABLE "core"."missing_assignment_notices" (
      "assignment_id" uuid NOT NULL REFERENCES "core"."assignments" ("id") ON DELETE CASCADE,
      "student_id" uuid NOT NULL REFERENCES "core"."users" ("id") ON DELETE CASCADE,
      "detected_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("assignment_id", "student_id")
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'missing_assignment_notices',
      'grades',
      'submissions',
      'assignments',
      'enrollments',
      'course_teachers',
      'courses',
      'api_keys',
      'refresh_tokens',
      'auth_sessions',
      'users',
    ]) {
      await queryRunner.query(`DROP TABLE "core"."${table}"`);
    }
  }
}
