import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { attendanceEvents, CONFIG, IntervalJob, DATA_SOURCE, enqueueEvent, inTransaction, LOGGER, type Logger } from '@tec/shared';
import type { DataSource } from 'typeorm';
import type { AttendanceConfig } from '../config';
import { MarkApplier, type MarkOutcome } from '../marking/mark-applier';
import { RecordsRepository } from '../marking/records.repository';
import { PoliciesRepository } from '../policies/policies.repository';
import { SessionPush } from '../realtime/session-push';
import { RosterRepository } from '../roster/roster.repository';
import { toCounts, toEventSession } from '../sessions/session.mapper';
import { SessionsRepository } from '../sessions/sessions.repository';

const BATCH = 20;

/**
 * Reminds (`session_starting_soon`, once) and closes sessions whose check-in window has passed: every enrolled
 * student without a record becomes absent (method auto), then `session_closed`. All state is in the database
 * (`reminder_sent_at`, `closed_at`); sessions are claimed with FOR UPDATE SKIP LOCKED, so a restart resumes and two
 * instances never close one session twice. The timer only decides when to look.
 */
@Injectable()
export class SessionLifecycleJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: IntervalJob<{ reminded: number; closed: number; markedAbsent: number }>;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AttendanceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly sessions: SessionsRepository,
    private readonly roster: RosterRepository,
    private readonly policies: PoliciesRepository,
    private readonly records: RecordsRepository,
    private readonly applier: MarkApplier,
    private readonly push: SessionPush,
  ) {
    this.job = new IntervalJob('attendance-session-lifecycle', () => this.runOnce(), this.logger, (result) => {
      if (result.reminded || result.closed) this.logger.info(result, 'attendance sessions reminded or closed');
    });
  }

  onApplicationBootstrap(): void {
    this.job.start(this.config.ATTENDANCE_JOB_INTERVAL_SECONDS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** One pass; returns what it did. Safe to call at any time, any number of times. */
  async runOnce(now: Date = new Date()): Promise<{ reminded: number; closed: number; markedAbsent: number }> {
    const reminded = await this.remind(now);
    let closed = 0;
    let markedAbsent = 0;
    for (;;) {
      const batch = await inTransaction(this.dataSource, async (db) => {
        const ids = await this.sessions.claimToClose(now, BATCH, db);
        const done: { sessionId: string; outcomes: MarkOutcome[] }[] = [];
        for (const id of ids) {
          const session = (await this.sessions.findById(id, db))!;
          const policy = await this.policies.forCourse(session.course_id, db);
          const missing = await this.roster.profiles(await this.records.unmarkedStudents(id, db), db);
          const outcomes: MarkOutcome[] = [];
          for (const student of [...missing.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
            outcomes.push(await this.applier.apply({ session, student, status: 'absent', method: 'auto', actorId: null, note: null, policy, insertOnly: true }, db));
          }
          await this.sessions.markClosed(id, now, db);
          const counts = toCounts(await this.sessions.countsFor(id, db));
          await enqueueEvent(db, attendanceEvents.sessionClosed, {
            course: { id: session.course_id, code: session.course_code, title: session.course_title },
            session: toEventSession(session),
            counts: { present: counts.present, late: counts.late, absent: counts.absent, excused: counts.excused },
            closedAt: now.toISOString(),
          });
          done.push({ sessionId: id, outcomes });
        }
        return done;
      });
      for (const { sessionId, outcomes } of batch) {
        this.push.records(sessionId, outcomes);
        markedAbsent += outcomes.filter((outcome) => !outcome.existed).length;
      }
      closed += batch.length;
      if (batch.length < BATCH) break;
    }
    return { reminded, closed, markedAbsent };
  }

  private async remind(now: Date): Promise<number> {
    return inTransaction(this.dataSource, async (db) => {
      const ids = await this.sessions.claimToRemind(now, this.config.ATTENDANCE_REMINDER_MINUTES, 100, db);
      for (const id of ids) {
        const session = (await this.sessions.findById(id, db))!;
        await enqueueEvent(db, attendanceEvents.sessionStartingSoon, {
          course: { id: session.course_id, code: session.course_code, title: session.course_title },
          session: toEventSession(session),
          minutesBefore: Math.max(0, Math.round((session.starts_at.getTime() - now.getTime()) / 60_000)),
          students: await this.roster.activeStudentProfiles(session.course_id, db),
        });
      }
      return ids.length;
    });
  }
}
