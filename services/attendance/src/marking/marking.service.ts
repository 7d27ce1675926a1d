import { Inject, Injectable } from '@nestjs/common';
import {
  CONFIG,
  DATA_SOURCE,
  DomainError,
  inTransaction,
  type AuthContext,
  type QrTokenView,
  type RpcParsedRequest,
  type RpcResponse,
  type attendanceRpc,
  iso,
} from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { actorUserId } from '../common/access';
import type { AttendanceConfig } from '../config';
import { issueToken } from '../check-in/qr-token';
import { PoliciesRepository } from '../policies/policies.repository';
import { SessionPush } from '../realtime/session-push';
import { CourseAccess } from '../roster/course-access.service';
import { RosterRepository } from '../roster/roster.repository';
import type { SessionRow } from '../sessions/session.mapper';
import { SessionsRepository } from '../sessions/sessions.repository';
import { MarkApplier, type MarkOutcome } from './mark-applier';

type Rpc = typeof attendanceRpc;

/** Teachers' marking: one student, or a whole class atomically; and the projector's rotating QR token. */
@Injectable()
export class MarkingService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AttendanceConfig,
    private readonly sessions: SessionsRepository,
    private readonly roster: RosterRepository,
    private readonly access: CourseAccess,
    private readonly policies: PoliciesRepository,
    private readonly applier: MarkApplier,
    private readonly push: SessionPush,
  ) {}

  async generateQr(auth: AuthContext, sessionId: string, now = new Date()): Promise<QrTokenView> {
    const session = await this.teachableSession(auth, sessionId);
    if (session.status === 'cancelled') throw new DomainError('SESSION_CLOSED', 'This class was cancelled');
    if (session.closed_at || now >= session.checkin_closes_at) throw new DomainError('SESSION_CLOSED', 'Check-in for this class has closed');
    const clock = { rotationSeconds: this.config.ATTENDANCE_QR_ROTATION_SECONDS, graceSeconds: this.config.ATTENDANCE_QR_GRACE_SECONDS };
    const issued = issueToken(this.config.ATTENDANCE_QR_SECRET, session.id, session.qr_secret, now, clock);
    const url = new URL('/check-in', this.config.PUBLIC_APP_URL);
    url.searchParams.set('t', issued.token);
    return {
      sessionId: session.id,
      token: issued.token,
      url: url.toString(),
      issuedAt: iso(now),
      expiresAt: iso(issued.expiresAt),
      refreshAfterMs: issued.refreshAfterMs,
      rotationSeconds: clock.rotationSeconds,
    };
  }

  async mark(auth: AuthContext, request: RpcParsedRequest<Rpc['mark']>): Promise<RpcResponse<Rpc['mark']>> {
    const session = await this.teachableSession(auth, request.sessionId);
    this.assertMarkable(session);
    const outcome = await inTransaction(this.dataSource, async (db) => {
      const [student] = await this.enrolledProfiles(session, [request.studentId], db);
      const policy = await this.policies.forCourse(session.course_id, db);
      return this.applier.apply(
        { session, student: student!, status: request.status, method: 'manual', actorId: actorUserId(auth), note: request.note ?? null, policy },
        db,
      );
    });
    this.push.records(session.id, [outcome]);
    return { record: outcome.record, changed: outcome.changed };
  }

  /** All or nothing: validated before the first write, applied in one transaction. */
  async markBulk(auth: AuthContext, request: RpcParsedRequest<Rpc['markBulk']>): Promise<RpcResponse<Rpc['markBulk']>> {
    const session = await this.teachableSession(auth, request.sessionId);
    this.assertMarkable(session);
    const duplicate = request.marks.find((mark, index) => request.marks.findIndex((other) => other.studentId === mark.studentId) !== index);
    if (duplicate) throw DomainError.validation({ studentId: duplicate.studentId }, 'A student appears twice in marks');
    const outcomes = await inTransaction(this.dataSource, async (db) => {
      const wanted = new Map<string, { status: (typeof request.marks)[number]['status']; note: string | null }>();
      if (request.allStatus) {
        for (const student of await this.roster.activeStudents(session.course_id, db)) wanted.set(student.id, { status: request.allStatus, note: null });
      }
      for (const mark of request.marks) wanted.set(mark.studentId, { status: mark.status, note: mark.note ?? null });
      // Sorted ids: concurrent bulk marks of one session lock rows in the same order (no deadlock).
      const students = await this.enrolledProfiles(session, [...wanted.keys()].sort(), db);
      const policy = await this.policies.forCourse(session.course_id, db);
      const results: MarkOutcome[] = [];
      for (const student of students) {
        const { status, note } = wanted.get(student.id)!;
        results.push(await this.applier.apply({ session, student, status, method: 'bulk', actorId: actorUserId(auth), note, policy }, db));
      }
      return results;
    });
    this.push.records(session.id, outcomes);
    const changed = outcomes.filter((outcome) => outcome.changed).length;
    return { changed, unchanged: outcomes.length - changed, records: outcomes.map((outcome) => outcome.record) };
  }

  async teachableSession(auth: AuthContext, sessionId: string, db?: EntityManager): Promise<SessionRow> {
    const session = await this.sessions.findById(sessionId, db);
    if (!session) throw DomainError.notFound('Session');
    await this.access.assertCanTeach(auth, session.course_id, db);
    return session;
  }

  private assertMarkable(session: SessionRow): void {
    if (session.status === 'cancelled') throw new DomainError('SESSION_CLOSED', 'This class was cancelled');
    // Marking ahead of time is allowed for excused absences; presence can't be confirmed before check-in opens.
  }

  /** Profiles of the students, refusing the whole request if one is not actively enrolled. */
  private async enrolledProfiles(session: SessionRow, studentIds: string[], db: EntityManager) {
    const missing = await this.roster.notEnrolled(session.course_id, studentIds, db);
    if (missing.length > 0) throw new DomainError('NOT_ENROLLED', 'Some students are not enrolled in this course', { studentIds: missing });
    const profiles = await this.roster.profiles(studentIds, db);
    return studentIds.map((id) => profiles.get(id)!).filter(Boolean);
  }
}
