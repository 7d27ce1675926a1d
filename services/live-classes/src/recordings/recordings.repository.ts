import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, type LiveRecording, returningRows } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

export interface NewRecording {
  id: string;
  classId: string;
  providerRecordingId: string;
  playUrl: string;
  recordingStart: Date | null;
  recordingEnd: Date | null;
  durationMinutes: number | null;
  files: LiveRecording['files'];
}

interface RecordingRow {
  id: string;
  class_id: string;
  class_name: string;
  course_id: string;
  course_code: string;
  course_title: string;
  provider: LiveRecording['provider'];
  play_url: string;
  recording_start: Date | null;
  recording_end: Date | null;
  duration_minutes: number | null;
  files: LiveRecording['files'];
  created_at: Date;
}

@Injectable()
export class RecordingsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** False when this provider recording was stored already (a repeated recording.completed). */
  async insert(recording: NewRecording, db: EntityManager): Promise<boolean> {
    const rows = returningRows(
      await db.query(
        `INSERT INTO "live_classes"."recordings" (id, class_id, provider_recording_id, play_url, recording_start, recording_end, duration_minutes, files)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (provider_recording_id) DO NOTHING RETURNING id`,
        [recording.id, recording.classId, recording.providerRecordingId, recording.playUrl, recording.recordingStart, recording.recordingEnd, recording.durationMinutes, JSON.stringify(recording.files)],
      ),
    );
    return rows.length > 0;
  }

  /** Recordings of classes in the visible courses (null = all), newest first. */
  async list(courseIds: string[] | null, filter: { courseId?: string; classId?: string; limit: number }): Promise<LiveRecording[]> {
    const rows = await this.dataSource.query<RecordingRow[]>(
      `SELECT r.*, c.name AS class_name, c.course_id, co.code AS course_code, co.title AS course_title, c.provider
         FROM "live_classes"."recordings" r
         JOIN "live_classes"."classes" c ON c.id = r.class_id
         JOIN "live_classes"."courses" co ON co.id = c.course_id
        WHERE ($1::uuid[] IS NULL OR c.course_id = ANY($1::uuid[])) AND ($2::uuid IS NULL OR c.course_id = $2) AND ($3::uuid IS NULL OR c.id = $3)
        ORDER BY COALESCE(r.recording_start, r.created_at) DESC, r.id LIMIT $4`,
      [courseIds, filter.courseId ?? null, filter.classId ?? null, filter.limit],
    );
    return rows.map((row) => ({
      id: row.id,
      classId: row.class_id,
      className: row.class_name,
      courseId: row.course_id,
      courseCode: row.course_code,
      courseTitle: row.course_title,
      provider: row.provider,
      playUrl: row.play_url,
      recordingStart: row.recording_start?.toISOString() ?? null,
      recordingEnd: row.recording_end?.toISOString() ?? null,
      durationMinutes: row.duration_minutes,
      files: row.files,
      createdAt: row.created_at.toISOString(),
    }));
  }
}
