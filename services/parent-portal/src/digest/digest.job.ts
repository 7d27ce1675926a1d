import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { attendancePercentage, CONFIG, DATA_SOURCE, enqueueEvent, inTransaction, IntervalJob, LOGGER, parentPortalEvents, type Logger } from '@tec/shared';
import type { DataSource } from 'typeorm';
import type { ParentPortalConfig } from '../config';
import { LinkActivation } from '../links/link-activation';
import { LinksRepository } from '../links/links.repository';
import { ReadModelRepository } from '../read-model/read-model.repository';
import { ChatUnread } from './chat-unread';
import { DigestRepository, type DigestChildRow } from './digest.repository';
import { duePeriods } from './period';

export interface DigestPassResult {
  sent: number;
  skipped: number;
  linksRechecked: number;
}

/** True when the period brought something a parent would want to read about. */
export function hasNews(children: DigestChildRow[], unread: number | undefined): boolean {
  if ((unread ?? 0) > 0) return true;
  return children.some((child) => child.newGrades.length > 0 || child.attendance.absences > 0 || child.alerts > 0 || child.missingAssignments.some((item) => item.new));
}

/**
 * The scheduled pass: (1) re-checks links of children who became adults without consent (an 18th birthday is not an
 * event), (2) sends due guardian digests. A digest is claimed per (parent, period, period key) in the ledger, in the
 * same transaction as its event, so two instances or a restart never send one twice; with nothing new it is recorded
 * as skipped and no event is published.
 */
@Injectable()
export class DigestJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: IntervalJob<DigestPassResult>;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: ParentPortalConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly digests: DigestRepository,
    private readonly links: LinksRepository,
    private readonly activation: LinkActivation,
    private readonly readModel: ReadModelRepository,
    private readonly chat: ChatUnread,
  ) {
    this.job = new IntervalJob('parent-portal-digest', () => this.runOnce(), this.logger, (result) => {
      if (result.sent || result.linksRechecked) this.logger.info(result, 'parent portal digests sent / links re-checked');
    });
  }

  onApplicationBootstrap(): void {
    this.job.start(this.config.PARENT_PORTAL_JOB_INTERVAL_SECONDS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  async runOnce(now: Date = new Date()): Promise<DigestPassResult> {
    const linksRechecked = await this.recheckAdults();
    let sent = 0;
    let skipped = 0;
    const candidates = await this.digests.candidates();
    const done = await this.digests.recentKeys(candidates.map((candidate) => candidate.parent_id));
    // One failed chat call ends the asking for this pass: a chat outage must not stall every digest by its timeout.
    let chatAnswers = true;
    for (const candidate of candidates) {
      for (const due of duePeriods(now, candidate.timezone, candidate, this.config.PARENT_PORTAL_DIGEST_HOUR)) {
        if (done.has(`${candidate.parent_id}|${due.period}|${due.periodKey}`)) continue;
        const unread = chatAnswers ? await this.chat.totalFor(candidate.parent_id) : undefined;
        if (unread === undefined) chatAnswers = false;
        const outcome = await inTransaction(this.dataSource, async (db) => {
          const id = randomUUID();
          if (!(await this.digests.claim(id, candidate.parent_id, due.period, due.periodKey, db))) return 'taken';
          const children = await this.digests.content(candidate.parent_id, due.start, due.end, db);
          const parent = await this.readModel.profile(candidate.parent_id, db);
          if (!parent || children.length === 0 || !hasNews(children, unread)) {
            await this.digests.markSkipped(id, db);
            return 'skipped';
          }
          await enqueueEvent(db, parentPortalEvents.guardianDigestReady, {
            digestId: id,
            parent,
            period: due.period,
            periodKey: due.periodKey,
            periodStart: due.start.toISOString(),
            periodEnd: due.end.toISOString(),
            children: children.map((child) => ({
              student: child.student,
              attendance: {
                percentage: attendancePercentage({ present: child.attendance.present, late: child.attendance.late, absent: child.attendance.absences, excused: child.attendance.excused }),
                sessions: child.attendance.sessions,
                absences: child.attendance.absences,
              },
              newGrades: child.newGrades,
              missingAssignments: child.missingAssignments.map(({ course, assignmentTitle, dueAt }) => ({ course, assignmentTitle, dueAt })),
              upcomingClasses: child.upcomingClasses,
              alerts: child.alerts,
            })),
            ...(unread === undefined ? {} : { unreadTeacherMessages: unread }),
          });
          return 'sent';
        });
        if (outcome === 'sent') sent += 1;
        if (outcome === 'skipped') skipped += 1;
      }
    }
    return { sent, skipped, linksRechecked };
  }

  private async recheckAdults(): Promise<number> {
    const students = await this.links.studentsNeedingRecheck(this.dataSource.manager);
    for (const studentId of students) await inTransaction(this.dataSource, (db) => this.activation.recheckStudent(studentId, db));
    return students.length;
  }
}
