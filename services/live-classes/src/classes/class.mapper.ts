import type { EventLiveClass, LiveClass } from '@tec/shared';
import type { ClassRow } from './classes.repository';

const MINUTE = 60_000;

export function toLiveClass(row: ClassRow, joinWindowMinutes: number): LiveClass {
  return {
    id: row.id,
    courseId: row.course_id,
    courseCode: row.course_code,
    courseTitle: row.course_title,
    seriesId: row.series_id,
    name: row.name,
    description: row.description,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    timezone: row.timezone,
    maxParticipants: row.max_participants,
    recordingEnabled: row.recording_enabled,
    provider: row.provider,
    status: row.status,
    teacher: { id: row.teacher_id, firstName: row.teacher_first_name ?? '', lastName: row.teacher_last_name ?? '' },
    joinOpensAt: new Date(row.starts_at.getTime() - joinWindowMinutes * MINUTE).toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    endedAt: row.ended_at?.toISOString() ?? null,
    cancelledReason: row.cancelled_reason,
    participantCount: row.participant_count,
    openQuestionCount: row.open_question_count,
    recordingCount: row.recording_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toEventClass(row: ClassRow): EventLiveClass {
  return {
    id: row.id,
    seriesId: row.series_id,
    name: row.name,
    description: row.description,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    timezone: row.timezone,
    status: row.status,
    provider: row.provider,
    maxParticipants: row.max_participants,
    recordingEnabled: row.recording_enabled,
    path: `/live-classes/${row.id}`,
  };
}

export function eventCourse(row: ClassRow): { id: string; code: string; title: string } {
  return { id: row.course_id, code: row.course_code, title: row.course_title };
}
