import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, LOGGER, NATS_CONNECTION, publishPush, type ClientEventMap, type Logger } from '@tec/shared';
import type { NatsConnection } from 'nats';
import type { AttendanceConfig } from '../config';
import type { MarkOutcome } from '../marking/mark-applier';
import { toCounts } from '../sessions/session.mapper';
import { SessionsRepository } from '../sessions/sessions.repository';

/**
 * Pushes to the `session:<id>` room after a change commits (best effort: the teacher's page refetches on
 * reconnect). Each record is pushed; the counter is coalesced to one push per session every
 * ATTENDANCE_COUNTS_PUSH_MS, so a rush of 500 scans costs a handful of count queries, not 500.
 */
@Injectable()
export class SessionPush implements OnApplicationShutdown {
  private readonly pendingCounts = new Map<string, NodeJS.Timeout>();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(CONFIG) private readonly config: AttendanceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly sessions: SessionsRepository,
  ) {}

  records(sessionId: string, outcomes: MarkOutcome[]): void {
    for (const outcome of outcomes) {
      if (!outcome.changed) continue;
      const { record } = outcome;
      this.emit(sessionId, 'attendance_record', {
        sessionId,
        student: outcome.student,
        record: { id: record.id, status: record.status, method: record.method, markedAt: record.markedAt, checkedInAt: record.checkedInAt, note: record.note },
        fromStatus: outcome.fromStatus,
      });
    }
    if (outcomes.some((outcome) => outcome.changed)) this.counts(sessionId);
  }

  flagged(sessionId: string, flag: ClientEventMap['attendance_flagged']['flag']): void {
    this.emit(sessionId, 'attendance_flagged', { sessionId, flag });
  }

  /** Schedules one counter push for the session unless one is already waiting. */
  counts(sessionId: string): void {
    if (this.pendingCounts.has(sessionId)) return;
    const timer = setTimeout(() => {
      this.pendingCounts.delete(sessionId);
      void this.sessions
        .countsFor(sessionId)
        .then((row) => this.emit(sessionId, 'attendance_counts', { sessionId, counts: toCounts(row), at: new Date().toISOString() }))
        .catch((error: unknown) => this.logger.warn({ err: error, sessionId }, 'attendance counter push failed'));
    }, this.config.ATTENDANCE_COUNTS_PUSH_MS);
    timer.unref();
    this.pendingCounts.set(sessionId, timer);
  }

  onApplicationShutdown(): void {
    for (const timer of this.pendingCounts.values()) clearTimeout(timer);
    this.pendingCounts.clear();
  }

  private emit<E extends keyof ClientEventMap>(sessionId: string, event: E, data: ClientEventMap[E]): void {
    try {
      publishPush(this.nats, this.config.NATS_SUBJECT_PREFIX, { room: { kind: 'session', id: sessionId }, event, data });
    } catch (error) {
      this.logger.warn({ err: error, sessionId, event }, 'attendance push failed');
    }
  }
}
