import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { GroupCommit, LOGGER, type Logger } from '@tec/shared';
import { CheckInRepository, type CheckInWrite, type CheckInWriteResult } from './check-in.repository';

/** Up to this many check-ins per statement: a whole class rush of one course fits in a few. */
const MAX_BATCH = 500;
/** Courses are spread over a few lanes, each with one batch in flight: a rush in one course doesn't queue behind another's. */
const LANES = 4;

/**
 * The group commit of QR check-ins. In a class rush hundreds of students scan within a minute; check-ins that
 * arrive while a batch is being written go together in the next one, ONE statement and ONE commit for all of them
 * (`recordCheckIns`), instead of paying the statement and the durable commit once per student. Each check-in is
 * still decided on its own. A course always maps to the same lane, so one instance never has two batches touching
 * the same course's rows at once. Inputs that would collide inside one statement (the same student twice in a
 * session, one device for two students, one student's counters twice) wait for the next batch and see the first
 * one committed: ALREADY_CHECKED_IN and DEVICE_ALREADY_USED answer exactly as with one statement per check-in.
 */
@Injectable()
export class CheckInBatcher extends GroupCommit<CheckInWrite, CheckInWriteResult> implements BeforeApplicationShutdown {
  constructor(checkIns: CheckInRepository, @Inject(LOGGER) logger: Logger) {
    super({
      name: 'attendance check-in',
      write: (writes) => checkIns.recordCheckIns(writes),
      logger,
      lanes: LANES,
      laneOf: (write) => write.courseId,
      maxBatch: MAX_BATCH,
      conflictKeys: (write) => [
        `session-student|${write.sessionId}|${write.studentId}`,
        `session-device|${write.sessionId}|${write.deviceHash}`,
        `course-student|${write.courseId}|${write.studentId}`,
      ],
    });
  }

  /** The RPC server stops taking calls at the same stage; the pool closes only after this. */
  beforeApplicationShutdown(): Promise<void> {
    return this.drain();
  }
}
