import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, IntervalJob, coreEvents, DATA_SOURCE, enqueueEvent, inTransaction, LOGGER, type Logger } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { toEventAssignment, toEventCourse, toUserProfile } from '../common/event-parts';
import type { CoreConfig } from '../config';
import { CoursesRepository } from '../courses/courses.repository';
import { UsersRepository } from '../users/users.repository';
import { AssignmentsRepository } from './assignments.repository';
import { MissingAssignmentsRepository } from './missing-assignments.repository';

const BATCH = 200;

/**
 * Publishes core.v1.assignment_missing once per (assignment, student) after the due date passes without a
 * submission. State lives in the database (marker rows), so the job is idempotent, survives restarts and is
 * safe with any number of instances; the timer only decides when to look.
 */
@Injectable()
export class MissingAssignmentsJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: IntervalJob<number>;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: CoreConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly missing: MissingAssignmentsRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly courses: CoursesRepository,
    private readonly users: UsersRepository,
  ) {
    this.job = new IntervalJob('missing-assignments', () => this.runOnce(), this.logger, (count) => {
      if (count > 0) this.logger.info({ count }, 'missing assignments announced');
    });
  }

  onApplicationBootstrap(): void {
    this.job.start(this.config.MISSING_ASSIGNMENT_SCAN_SECONDS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** One pass: announces every newly missing pair; returns how many events it wrote. */
  async runOnce(now: Date = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await inTransaction(this.dataSource, async (db) => {
        const claimed = await this.missing.claimDue(now, this.config.MISSING_ASSIGNMENT_LOOKBACK_DAYS, BATCH, db);
        for (const work of claimed) {
          const assignment = await this.assignments.findById(work.assignmentId, db);
          const course = assignment && (await this.courses.findById(assignment.courseId, db));
          const student = await this.users.findById(work.studentId, db);
          if (!assignment || !course || !student) continue;
          await enqueueEvent(db, coreEvents.assignmentMissing, {
            assignment: toEventAssignment(assignment),
            course: toEventCourse(course),
            student: toUserProfile(student),
            detectedAt: now.toISOString(),
          });
        }
        return claimed.length;
      });
      total += published;
      if (published < BATCH) return total;
    }
  }
}
