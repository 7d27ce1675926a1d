import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, DATA_SOURCE, enqueueEvent, inTransaction, liveClassesEvents, LOGGER, type Logger } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { eventCourse, toEventClass } from '../classes/class.mapper';
import { ClassesRepository, type ClassRow } from '../classes/classes.repository';
import { ClassesService } from '../classes/classes.service';
import type { LiveClassesConfig } from '../config';
import { ParticipantsRepository } from '../joining/participants.repository';
import type { PresenceKind } from '../presence/intervals';
import { PresenceRepository } from '../presence/presence.repository';
import { ClassPush } from '../realtime/class-push';
import { RecordingsRepository } from '../recordings/recordings.repository';
import { RosterRepository } from '../roster/roster.repository';
import { WebhookEventsRepository, type WebhookEventRow } from './webhook-events.repository';

const PRESENCE_EVENTS: Record<string, PresenceKind> = {
  'meeting.participant_joined': 'joined',
  'meeting.participant_left': 'left',
  'meeting.participant_joined_waiting_room': 'waiting_joined',
  'meeting.participant_put_in_waiting_room': 'waiting_joined',
  'meeting.participant_left_waiting_room': 'waiting_left',
  'meeting.participant_admitted': 'waiting_left',
};

function str(value: unknown): string | null {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number') return String(value);
  return null;
}

function date(value: unknown, fallback: Date): Date {
  const parsed = typeof value === 'string' ? new Date(value) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : fallback;
}

/**
 * Applies accepted Zoom events, each in one transaction with the events it publishes, then pushes. Status moves
 * only forward (a late meeting.started after meeting.ended changes nothing); presence rows are idempotent; a
 * recording is stored once per Zoom recording uuid.
 */
@Injectable()
export class WebhookProcessor implements OnApplicationShutdown {
  private draining: Promise<number> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: LiveClassesConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly webhookEvents: WebhookEventsRepository,
    private readonly classes: ClassesRepository,
    private readonly classesService: ClassesService,
    private readonly participants: ParticipantsRepository,
    private readonly presence: PresenceRepository,
    private readonly recordings: RecordingsRepository,
    private readonly roster: RosterRepository,
    private readonly push: ClassPush,
  ) {}

  /** Starts a drain after the current reply (coalesced: one drain at a time, re-run if kicked meanwhile). */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    setImmediate(() => void this.drain().catch((error: unknown) => this.logger.error({ err: error }, 'zoom webhook drain failed')));
  }

  /** Processes every pending event; returns how many. */
  async drain(): Promise<number> {
    if (this.draining) return this.draining;
    this.draining = (async () => {
      let total = 0;
      do {
        this.again = false;
        for (;;) {
          const done = await this.batch(50);
          total += done;
          if (done < 50) break;
        }
      } while (this.again && !this.stopped);
      return total;
    })().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  onApplicationShutdown(): Promise<unknown> {
    this.stopped = true;
    return this.draining ?? Promise.resolve();
  }

  private async batch(limit: number): Promise<number> {
    const pushes: ClassRow[] = [];
    const failures: { id: string; error: string }[] = [];
    const processed: string[] = [];
    const count = await inTransaction(this.dataSource, async (db) => {
      const rows = await this.webhookEvents.claim(limit, db);
      for (const row of rows) {
        try {
          // A savepoint per event: one bad event does not undo the others of the batch.
          await db.query('SAVEPOINT webhook_event');
          const changed = await this.apply(row, db);
          if (changed) pushes.push(changed);
          await db.query('RELEASE SAVEPOINT webhook_event');
          processed.push(row.id);
        } catch (error) {
          await db.query('ROLLBACK TO SAVEPOINT webhook_event');
          failures.push({ id: row.id, error: error instanceof Error ? error.message : String(error) });
        }
      }
      await this.webhookEvents.markProcessed(processed, db);
      return rows.length;
    });
    for (const failure of failures) {
      this.logger.warn({ webhookEventId: failure.id, error: failure.error }, 'zoom webhook event failed; retried by the lifecycle job');
      await this.webhookEvents.markFailed(failure.id, failure.error);
    }
    for (const row of pushes) this.push.status(row);
    return failures.length === count ? 0 : count;
  }

  /** Returns the class when its status changed (to push), else null. */
  private async apply(row: WebhookEventRow, db: EntityManager): Promise<ClassRow | null> {
    const object = row.payload.payload?.object ?? {};
    const meetingId = str(object.id);
    if (!meetingId) return null;
    const locked = await this.classes.lockByMeeting('zoom', meetingId, db);
    if (!locked) return null; // a meeting this service did not create (another app on the account)
    const current = { id: locked.id, status: locked.status, attendance_computed_at: locked.attendance_computed_at };
    const eventAt = new Date(row.payload.event_ts ?? Date.now());
    const event = row.event;
    if (event === 'meeting.started') {
      const startedAt = date(object.start_time, eventAt);
      if (!(await this.classes.markStarted(current.id, startedAt, db))) return null;
      const started = (await this.classes.findById(current.id, db))!;
      await enqueueEvent(db, liveClassesEvents.started, {
        class: toEventClass(started),
        course: eventCourse(started),
        teacher: await this.classesService.teacherProfile(started, db),
        startedAt: startedAt.toISOString(),
        source: 'provider',
        students: await this.roster.activeStudentProfiles(started.course_id, db),
      });
      return started;
    }
    if (event === 'meeting.ended') {
      const endedAt = date(object.end_time, eventAt);
      const due = new Date(Date.now() + this.config.LIVE_CLASSES_ATTENDANCE_SETTLE_SECONDS * 1000);
      if (!(await this.classes.markEnded(current.id, endedAt, due, db))) return null;
      const ended = (await this.classes.findById(current.id, db))!;
      await enqueueEvent(db, liveClassesEvents.ended, {
        class: toEventClass(ended),
        course: eventCourse(ended),
        teacher: await this.classesService.teacherProfile(ended, db),
        endedAt: endedAt.toISOString(),
        source: 'provider',
      });
      return ended;
    }
    const kind = PRESENCE_EVENTS[event];
    if (kind) {
      const participant = object.participant ?? {};
      const registrantId = str(participant.registrant_id);
      const email = str(participant.email);
      let userId = registrantId ? await this.participants.userByRegistrant(current.id, registrantId, db) : null;
      if (!userId && email) userId = await this.roster.userIdByEmail(email, db);
      const participantKey = str(participant.participant_uuid) ?? str(participant.id) ?? str(participant.user_id) ?? registrantId ?? email ?? 'unknown';
      const atField = kind === 'left' || kind === 'waiting_left' ? participant.leave_time : participant.join_time;
      await this.presence.insert(
        { classId: current.id, userId, participantKey, kind, at: date(atField ?? participant.date_time, eventAt), displayName: str(participant.user_name), email },
        db,
      );
      // Presence that arrives after the computation: compute a new revision once things settle.
      if (current.status === 'completed' && current.attendance_computed_at) {
        await this.classes.scheduleRecompute(current.id, new Date(Date.now() + this.config.LIVE_CLASSES_ATTENDANCE_SETTLE_SECONDS * 1000), db);
      }
      return null;
    }
    if (event === 'recording.completed') {
      const files = Array.isArray(object.recording_files) ? (object.recording_files as Record<string, unknown>[]) : [];
      const playable = files.find((file) => file.file_type === 'MP4') ?? files[0];
      const playUrl = str(object.share_url) ?? str(playable?.play_url);
      if (!playUrl) return null;
      const recordingId = randomUUID();
      const inserted = await this.recordings.insert(
        {
          id: recordingId,
          classId: current.id,
          providerRecordingId: str(object.uuid) ?? `${meetingId}:${row.payload.event_ts ?? ''}`,
          playUrl,
          recordingStart: playable?.recording_start ? date(playable.recording_start, eventAt) : null,
          recordingEnd: playable?.recording_end ? date(playable.recording_end, eventAt) : null,
          durationMinutes: typeof object.duration === 'number' ? Math.round(object.duration) : null,
          // Only what a viewer needs: play links, never download URLs (they need the webhook's download token).
          files: files.map((file) => ({
            fileType: str(file.file_type) ?? 'unknown',
            recordingType: str(file.recording_type),
            playUrl: str(file.play_url),
            fileSize: typeof file.file_size === 'number' ? file.file_size : null,
          })),
        },
        db,
      );
      if (!inserted) return null;
      const full = (await this.classes.findById(current.id, db))!;
      await enqueueEvent(db, liveClassesEvents.recordingReady, {
        class: toEventClass(full),
        course: eventCourse(full),
        teacher: await this.classesService.teacherProfile(full, db),
        recording: { id: recordingId, playUrl, durationMinutes: typeof object.duration === 'number' ? Math.round(object.duration) : null, path: `/live-classes/${current.id}#recordings` },
        students: await this.roster.activeStudentProfiles(full.course_id, db),
      });
      return null;
    }
    return null;
  }
}
