import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, DATA_SOURCE, enqueueEvent, inTransaction, IntervalJob, liveClassesEvents, LOGGER, type LiveClassProvider, type Logger } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { eventCourse, toEventClass } from '../classes/class.mapper';
import { ClassesRepository, type ClassRow } from '../classes/classes.repository';
import { ClassesService } from '../classes/classes.service';
import { MeetingSync } from '../classes/meeting-sync.service';
import type { LiveClassesConfig } from '../config';
import { AttendanceComputer } from '../presence/attendance-computer.service';
import { MEETING_PROVIDERS, type MeetingProviders } from '../providers/meeting-provider';
import { ClassPush } from '../realtime/class-push';
import { RosterRepository } from '../roster/roster.repository';
import { WebhookEventsRepository } from '../webhooks/webhook-events.repository';
import { WebhookProcessor } from '../webhooks/webhook-processor.service';

export interface LifecyclePass {
  meetingsSynced: number;
  reminded: number;
  started: number;
  ended: number;
  attendanceComputed: number;
  webhooksProcessed: number;
}

const BATCH = 50;
const WEBHOOK_RETENTION_DAYS = 30;

/**
 * The clock, for everything webhooks don't drive: reminders (`starting_soon`, once), start and end of classes whose
 * provider sends no webhooks, the end of Zoom classes whose meeting.ended never came (after a grace period),
 * attendance computation once a class settled, provider meeting retries and leftover webhooks. All state is in the
 * database and rows are claimed with FOR UPDATE SKIP LOCKED: restarts resume, several instances don't collide.
 */
@Injectable()
export class ClassLifecycleJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: IntervalJob<LifecyclePass>;
  /** Old processed webhooks are purged at most hourly (a table scan; nothing depends on its timing). */
  private lastPurge = 0;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: LiveClassesConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(MEETING_PROVIDERS) private readonly providers: MeetingProviders,
    private readonly classes: ClassesRepository,
    private readonly classesService: ClassesService,
    private readonly roster: RosterRepository,
    private readonly meetings: MeetingSync,
    private readonly attendance: AttendanceComputer,
    private readonly webhooks: WebhookProcessor,
    private readonly webhookEvents: WebhookEventsRepository,
    private readonly push: ClassPush,
  ) {
    this.job = new IntervalJob('live-classes-lifecycle', () => this.runOnce(), this.logger, (result) => {
      if (Object.values(result).some((value) => value > 0)) this.logger.info(result, 'live classes lifecycle pass');
    });
  }

  onApplicationBootstrap(): void {
    this.job.start(this.config.LIVE_CLASSES_JOB_INTERVAL_SECONDS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  private clockProviders(): LiveClassProvider[] {
    return (Object.keys(this.providers) as LiveClassProvider[]).filter((name) => !this.providers[name].hasWebhooks);
  }

  /** One pass; safe to call at any time, any number of times. */
  async runOnce(now: Date = new Date()): Promise<LifecyclePass> {
    const webhooksProcessed = await this.webhooks.drain();
    const work = await this.classes.meetingWork(now, BATCH);
    const failed = await this.meetings.syncMany(work);
    const reminded = await this.remind(now);
    const started = await this.clockStarts(now);
    const ended = await this.clockEnds(now);
    const attendanceComputed = await this.computeDue(now);
    if (now.getTime() - this.lastPurge > 3_600_000) {
      this.lastPurge = now.getTime();
      await this.webhookEvents.purgeProcessed(new Date(now.getTime() - WEBHOOK_RETENTION_DAYS * 86_400_000));
    }
    return { meetingsSynced: work.length - failed, reminded, started, ended, attendanceComputed, webhooksProcessed };
  }

  private async remind(now: Date): Promise<number> {
    return inTransaction(this.dataSource, async (db) => {
      const ids = await this.classes.claimToRemind(now, this.config.LIVE_CLASSES_REMINDER_MINUTES, 100, db);
      for (const row of await this.classes.findManyByIds(ids, db)) {
        await enqueueEvent(db, liveClassesEvents.startingSoon, {
          class: toEventClass(row),
          course: eventCourse(row),
          teacher: await this.classesService.teacherProfile(row, db),
          minutesBefore: Math.max(0, Math.round((row.starts_at.getTime() - now.getTime()) / 60_000)),
          students: await this.roster.activeStudentProfiles(row.course_id, db),
        });
      }
      return ids.length;
    });
  }

  private async clockStarts(now: Date): Promise<number> {
    const changed = await inTransaction(this.dataSource, async (db) => {
      const ids = await this.classes.claimClockStarts(now, this.clockProviders(), BATCH, db);
      const rows: ClassRow[] = [];
      for (const id of ids) {
        const current = (await this.classes.findById(id, db))!;
        await this.classes.markStarted(id, current.starts_at, db);
        const row = (await this.classes.findById(id, db))!;
        await enqueueEvent(db, liveClassesEvents.started, {
          class: toEventClass(row),
          course: eventCourse(row),
          teacher: await this.classesService.teacherProfile(row, db),
          startedAt: row.starts_at.toISOString(),
          source: 'clock',
          students: await this.roster.activeStudentProfiles(row.course_id, db),
        });
        rows.push(row);
      }
      return rows;
    });
    for (const row of changed) this.push.status(row);
    return changed.length;
  }

  private async clockEnds(now: Date): Promise<number> {
    const changed = await inTransaction(this.dataSource, async (db) => {
      const ids = await this.classes.claimClockEnds(now, this.clockProviders(), this.config.LIVE_CLASSES_END_GRACE_MINUTES, BATCH, db);
      const rows: ClassRow[] = [];
      for (const id of ids) {
        const current = (await this.classes.findById(id, db))!;
        const endedAt = current.ends_at < now ? current.ends_at : now;
        // Without webhooks no late presence can come: compute at once.
        const due = this.providers[current.provider].hasWebhooks ? new Date(now.getTime() + this.config.LIVE_CLASSES_ATTENDANCE_SETTLE_SECONDS * 1000) : now;
        await this.classes.markEnded(id, endedAt, due, db);
        const row = (await this.classes.findById(id, db))!;
        await enqueueEvent(db, liveClassesEvents.ended, {
          class: toEventClass(row),
          course: eventCourse(row),
          teacher: await this.classesService.teacherProfile(row, db),
          endedAt: endedAt.toISOString(),
          source: 'clock',
        });
        rows.push(row);
      }
      return rows;
    });
    for (const row of changed) this.push.status(row);
    return changed.length;
  }

  private async computeDue(now: Date): Promise<number> {
    return inTransaction(this.dataSource, async (db) => {
      const ids = await this.classes.claimAttendanceDue(now, BATCH, db);
      for (const id of ids) await this.attendance.compute(id, now, db);
      return ids.length;
    });
  }
}
