import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type ChatPolicy } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

const SELECT = `student_to_student AS "studentToStudent", parent_to_teacher AS "parentToTeacher", edit_window_minutes AS "editWindowMinutes",
  flood_max_messages AS "floodMaxMessages", flood_window_seconds AS "floodWindowSeconds", attachment_max_bytes AS "attachmentMaxBytes",
  allowed_mime_types AS "allowedMimeTypes", unread_reminder_minutes AS "unreadReminderMinutes",
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"`;

const COLUMNS: Record<Exclude<keyof ChatPolicy, 'updatedAt'>, string> = {
  studentToStudent: 'student_to_student',
  parentToTeacher: 'parent_to_teacher',
  editWindowMinutes: 'edit_window_minutes',
  floodMaxMessages: 'flood_max_messages',
  floodWindowSeconds: 'flood_window_seconds',
  attachmentMaxBytes: 'attachment_max_bytes',
  allowedMimeTypes: 'allowed_mime_types',
  unreadReminderMinutes: 'unread_reminder_minutes',
};

/** The school's one policy row (id = 1, created by the migration). */
@Injectable()
export class PolicyRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async get(db: EntityManager = this.dataSource.manager): Promise<ChatPolicy> {
    const rows = await db.query<ChatPolicy[]>(`SELECT ${SELECT} FROM "chat"."policy" WHERE id = 1`);
    return rows[0]!;
  }

  async update(adminId: string, changes: Partial<Omit<ChatPolicy, 'updatedAt'>>, db: EntityManager = this.dataSource.manager): Promise<ChatPolicy> {
    const sets: string[] = [];
    const params: unknown[] = [adminId];
    for (const [key, value] of Object.entries(changes) as [keyof typeof COLUMNS, unknown][]) {
      if (value === undefined) continue;
      params.push(value);
      sets.push(`${COLUMNS[key]} = $${params.length}`);
    }
    const rows = await db.query<[ChatPolicy[], number]>(
      `UPDATE "chat"."policy" SET ${[...sets, 'updated_by = $1', 'updated_at = now()'].join(', ')} WHERE id = 1 RETURNING ${SELECT}`,
      params,
    );
    return rows[0]![0]!;
  }
}
