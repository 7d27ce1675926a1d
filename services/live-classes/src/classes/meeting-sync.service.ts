import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type Logger } from '@tec/shared';
import { MEETING_PROVIDERS, type MeetingProviders, type MeetingSpec } from '../providers/meeting-provider';
import { ClassesRepository, type ClassRow } from './classes.repository';

export function meetingSpec(row: ClassRow): MeetingSpec {
  return {
    classId: row.id,
    topic: `${row.course_code} · ${row.name}`,
    agenda: row.description,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    timezone: row.timezone,
    recordingEnabled: row.recording_enabled,
  };
}

/**
 * Keeps the provider's meeting in step with the class, after the class change committed (no HTTP call inside a
 * transaction). A failed call leaves the row flagged (`meeting_id` null, `meeting_sync_pending`, or a cancelled
 * class with an undeleted meeting) and the lifecycle job retries it.
 */
@Injectable()
export class MeetingSync {
  constructor(
    @Inject(MEETING_PROVIDERS) private readonly providers: MeetingProviders,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly classes: ClassesRepository,
  ) {}

  /** Creates, updates or deletes as the row needs; returns false when the provider call failed. */
  async sync(row: ClassRow): Promise<boolean> {
    const provider = this.providers[row.provider];
    try {
      if (row.status === 'cancelled') {
        if (row.meeting_id && !row.meeting_deleted) {
          await provider.deleteMeeting({ classId: row.id, meetingId: row.meeting_id });
          await this.classes.markMeetingDeleted(row.id);
        }
      } else if (!row.meeting_id) {
        await this.classes.setMeeting(row.id, await provider.createMeeting(meetingSpec(row)));
      } else if (row.meeting_sync_pending) {
        await provider.updateMeeting({ classId: row.id, meetingId: row.meeting_id }, meetingSpec(row));
        await this.classes.markMeetingSynced(row.id, row.updated_at);
      }
      return true;
    } catch (error) {
      this.logger.warn({ err: error, classId: row.id, provider: row.provider }, 'provider meeting sync failed; the lifecycle job retries');
      return false;
    }
  }

  async syncMany(rows: ClassRow[]): Promise<number> {
    let failed = 0;
    // One at a time: a series of 30 Zoom meetings must not burst into Zoom's rate limit.
    for (const row of rows) if (!(await this.sync(row))) failed += 1;
    return failed;
  }

  /** The row after a sync, for a caller that needs the meeting now (joining). */
  async ensureMeeting(row: ClassRow): Promise<ClassRow> {
    if (row.meeting_id) return row;
    await this.classes.setMeeting(row.id, await this.providers[row.provider].createMeeting(meetingSpec(row)));
    return (await this.classes.findById(row.id))!;
  }
}
