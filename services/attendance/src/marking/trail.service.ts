import { Injectable } from '@nestjs/common';
import { DomainError, type AuthContext, type RpcParsedRequest, type RpcResponse, type attendanceRpc, iso } from '@tec/shared';
import { CheckInRepository } from '../check-in/check-in.repository';
import { CourseAccess } from '../roster/course-access.service';
import { RosterRepository } from '../roster/roster.repository';
import { SessionsRepository } from '../sessions/sessions.repository';
import { MarkingService } from './marking.service';
import { TrailRepository } from './trail.repository';

type Rpc = typeof attendanceRpc;

/** What teachers review: the audit trail of marks and the flagged check-in attempts. */
@Injectable()
export class TrailService {
  constructor(
    private readonly trail: TrailRepository,
    private readonly sessions: SessionsRepository,
    private readonly checkIns: CheckInRepository,
    private readonly roster: RosterRepository,
    private readonly access: CourseAccess,
    private readonly marking: MarkingService,
  ) {}

  async audit(auth: AuthContext, request: RpcParsedRequest<Rpc['auditList']>): Promise<RpcResponse<Rpc['auditList']>> {
    let courseId = request.courseId;
    if (request.sessionId) {
      const session = await this.sessions.findById(request.sessionId);
      if (!session) throw DomainError.notFound('Session');
      if (courseId && courseId !== session.course_id) throw DomainError.validation({ courseId: 'not the course of the session' });
      courseId = session.course_id;
    }
    await this.access.assertCanTeach(auth, courseId!);
    const rows = await this.trail.list({ courseId: courseId!, sessionId: request.sessionId, studentId: request.studentId }, request.before, request.limit);
    return {
      items: rows.map((row) => ({
        id: row.id,
        sessionId: row.session_id,
        sessionStartsAt: iso(row.session_starts_at),
        courseId: row.course_id,
        student: row.student,
        fromStatus: row.from_status,
        toStatus: row.to_status,
        method: row.method,
        actorId: row.actor_id,
        actorName: row.actor_name,
        note: row.note,
        at: iso(row.at),
      })),
      nextCursor: rows.length === request.limit ? rows[rows.length - 1]!.id : null,
    };
  }

  async flagged(auth: AuthContext, sessionId: string): Promise<RpcResponse<Rpc['flaggedList']>> {
    await this.marking.teachableSession(auth, sessionId);
    const flags = await this.checkIns.flagsForSession(sessionId);
    const people = await this.roster.profiles([...new Set(flags.flatMap((flag) => [flag.student_id, flag.other_student_id ?? flag.student_id]))]);
    const ref = (id: string) => {
      const person = people.get(id);
      return { id, firstName: person?.firstName ?? '', lastName: person?.lastName ?? '', email: person?.email ?? '' };
    };
    return {
      items: flags.map((flag) => ({
        id: flag.id,
        sessionId: flag.session_id,
        student: ref(flag.student_id),
        reason: flag.reason,
        otherStudent: flag.other_student_id ? ref(flag.other_student_id) : null,
        details: flag.details,
        createdAt: iso(flag.created_at),
      })),
    };
  }
}
