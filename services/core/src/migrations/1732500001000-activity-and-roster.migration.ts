import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Quiz results, forum replies, certificates, path milestones and roster imports. */
export class ActivityAndRoster1732500001000 implements MigrationInterface {
  name = 'ActivityAndRoster1732500001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "core"."quiz_results" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "course_id" uuid NOT NULL REFERENCES "core"."courses" ("id") ON DELETE CASCADE,
      "student_id" uuid NOT NULL REFERENCES "core"."users" ("id") ON DELETE CASCADE,
      "quiz_id" text NOT NULL,
      "quiz_name" text NOT NULL,
      "score" numeric(9,2) NOT NULL,
      "total_points" numeric(9,2) NOT NULL CHECK ("total_points" > 0),
      "graded_at" timestamptz NOT NULL DEFAULT now(),
      UNIQUE ("course_id", "quiz_id", "student_id")
    )`);
    await queryRunner.query(`CREATE TABLE "core"."forum_replies" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "course_id" uuid NOT NULL REFERENCES "core"."courses" ("id") ON DELETE CASCADE,
      "thread_id" text NOT NULL,
      "thread_title" text NOT NULL,
      "thread_author_id" uuid NOT NULL REFERENCES "core"."users" ("id") ON DELETE CASCADE,
      "replier_id" uuid NOT NULL REFERENCES "core"."users" ("id") ON DELETE CASCADE,
      "reply_text" text NOT NULL,
      "posted_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await queryRunner.query(`CREATE INDEX "forum_replies_course_idx" ON "core"."forum_replies" ("course_id", "posted_at" DESC)`);
    await queryRunner.query(`CREATE TABLE "core"."certificates" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "course_id" uuid NOT NULL REFERENCES "core"."courses" ("id") ON DELETE CASCADE,
      "student_id" uuid NOT NULL REFERENCES "core"."users" ("id") ON DELETE CASCADE,
      "certificate_url" text,
      "issued_at" timestamptz NOT NULL DEFAULT now(),
      UNIQUE ("course_id", "student_id")
    )`);
    await queryRunner.query(`CREATE TABLE "core"."path_milestones" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "student_id" uuid NOT NULL REFERENCES "core"."users" ("id") ON DELETE CASCADE,
      "path_id" text NOT NULL,
      "path_name" text NOT NULL,
      "completed_courses" int NOT NULL,
      "total_courses" int,
      "reached_at" timestamptz NOT NULL DEFAULT now(),
      UNIQUE ("student_id", "path_id", "completed_courses")
    )`);

    // The CSV stays in the row until the import finishes, so a restarted worker resumes at `next_row`.
    await queryRunner.query(`CREATE TABLE "core"."roster_imports" (
      "id" uuid PRIMARY KEY,
      "status" text NOT NULL CHECK ("status" IN ('running', 'completed', 'failed')),
      "csv" text,
      "total" int NOT NULL,
      "done" int NOT NULL DEFAULT 0,
      "failed" int NOT NULL DEFAULT 0,
      "next_row" int NOT NULL DEFAULT 0,
      "started_by_kind" text NOT NULL,
      "started_by_id" uuid NOT NULL,
      "locked_until" timestamptz,
      "failure" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "finished_at" timestamptz
    )`);
    await queryRunner.query(`CREATE INDEX "roster_imports_running_idx" ON "core"."roster_imports" ("created_at") WHERE "status" = 'running'`);
    await queryRunner.query(`CREATE TABLE "core"."roster_import_errors" (
      "import_id" uuid NOT NULL REFERENCES "core"."roster_imports" ("id") ON DELETE CASCADE,
      "row" int NOT NULL,
      "message" text NOT NULL,
      PRIMARY KEY ("import_id", "row")
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['roster_import_errors', 'roster_imports', 'path_milestones', 'certificates', 'forum_replies', 'quiz_results']) {
      await queryRunner.query(`DROP TABLE "core"."${table}"`);
    }
  }
}
