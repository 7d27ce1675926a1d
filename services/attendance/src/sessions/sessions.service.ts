import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  attendanceEvents,
  DATA_SOURCE,
  DomainError,
  enqueueEvent,
  inTransaction,
  type AuthContext,
  type ClassSession,
  type RpcParsedRequest,
  type RpcResponse,
  type SessionWithCounts,
  type attendanceRpc,
} from '@tec/shared';
import type { DataSource } from 'typeorm';
import { actorUserId } from '../common/access';
import { invalidRanges } from '../check-in/network-checks';
import { CheckInRepository } from '../check-in/check-in.repository';
import { RecordsRepository, toRecord } from '../marking/records.repository';
import { MarkingService } from '../marking/marking.service';
import { PoliciesRepository } from '../policies/policies.repository';
import { CourseAccess } from '../roster/course-access.service';
import { RosterRepository } from '../roster/roster.repository';
import { checkInWindow, expandWeeklySeries, MAX_SERIES_SESSIONS } from './session-schedule';
import { toClassSession, toCounts, toEventSession } from './session.mapper';
import { SessionsRepository } from './sessions.repository';

type Rpc = typeof attendanceRpc;
const DAY = 86_400_000;

/** Scheduling class sessions: single or weekly over a term, edit, cancel; and the lists teachers and students read. */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly sessions: SessionsRepository,
    private readonly records: RecordsRepository,
    private readonly roster: RosterRepository,
    private readonly access: CourseAccess,
    private readonly policies: PoliciesRepository,
    private readonly checkIns: CheckInRepository,
    private readonly marking: MarkingService,
  ) {}

  async create(auth: AuthContext, request: RpcParsedRequest<Rpc['sessionsCreate']>): Promise<RpcResponse<Rpc['sessionsCreate']>> {
    const { course } = await this.access.assertCanTeach(auth, request.courseId);
    assertRanges(request.ipAllowList ?? []);
    const first = { startsAt: new Date(request.startsAt), endsAt: new Date(request.endsAt) };
    const meetings = request.recurrence
      ? expandWeeklySeries(first, { weekdays: request.recurrence.weekdays, until: request.recurrence.until, timeZone: request.recurrence.timezone })
      : [first];
    if (meetings.length === 0) throw DomainError.validation({ recurrence: 'no meeting falls between startsAt and until' }, 'The series has no sessions');
    if (meetings.length > MAX_SERIES_SESSIONS) throw DomainError.validation({ recurrence: `more than ${MAX_SERIES_SESSIONS} sessions` }, 'The series is too long');
    const seriesId = request.recurrence ? randomUUID() : null;
    const policy = await this.policies.forCourse(course.id);
    const rows = await inTransaction(this.dataSource, async (db) => {
      const ids = await this.sessions.insertMany(
        meetings.map((meeting) => ({
          courseId: course.id,
          seriesId,
          ...meeting,
          ...checkInWindow(meeting.startsAt, policy),
          topic: request.topic || null,
          geofence: request.geofence ?? null,
          ipAllowList: request.ipAllowList ?? [],
          createdBy: actorUserId(auth),
        })),
        db,
      );
      const created = await this.sessions.findManyByIds(ids, db);
      await enqueueEvent(db, attendanceEvents.sessionsScheduled, {
        course,
        seriesId,
        sessions: created.map(toEventSession),
        scheduledBy: actorUserId(auth),
      });
      return created;
    });
    return { items: rows.map((row) => toClassSession(row)), seriesId };
  }

  async update(auth: AuthContext, request: RpcParsedRequest<Rpc['sessionsUpdate']>): Promise<ClassSession> {
    const session = await this.marking.teachableSession(auth, request.sessionId);
    if (session.status === 'cancelled' || session.closed_at) throw new DomainError('CONFLICT', 'A cancelled or closed session cannot be changed');
    assertRanges(request.ipAllowList ?? []);
    const startsAt = request.startsAt ? new Date(request.startsAt) : session.starts_at;
    const endsAt = request.endsAt ? new Date(request.endsAt) : session.ends_at;
    if (endsAt <= startsAt) throw DomainError.validation({ endsAt: 'must be after startsAt' });
    const policy = await this.policies.forCourse(session.course_id);
    await inTransaction(this.dataSource, async (db) => {
      await this.sessions.update(
        session.id,
        {
          startsAt,
          endsAt,
          topic: request.topic === undefined ? session.topic : request.topic || null,
          geofence: request.geofence === undefined ? session.geofence : request.geofence,
          ipAllowList: request.ipAllowList ?? session.ip_allow_list,
          ...checkInWindow(startsAt, policy),
        },
        db,
      );
    });
    return toClassSession((await this.sessions.findById(session.id))!);
  }

  /** Cancelled sessions leave the statistics: their records are removed (the audit trail keeps the history). */
  async cancel(auth: AuthContext, request: RpcParsedRequest<Rpc['sessionsCancel']>): Promise<{ cancelled: number }> {
    const session = await this.marking.teachableSession(auth, request.sessionId);
    if (session.status === 'cancelled') return { cancelled: 0 };
    return inTransaction(this.dataSource, async (db) => {
      const targets = await this.sessions.lockForCancel(session, request.scope === 'following', db);
      const ids = targets.map((target) => target.id);
      await this.sessions.markCancelled(ids, request.reason ?? null, db);
      for (const record of await this.records.deleteForSessions(ids, db)) {
        await this.records.shiftStats(record.course_id, record.student_id, record.status, null, db);
      }
      const course = { id: session.course_id, code: session.course_code, title: session.course_title };
      for (const target of targets) {
        await enqueueEvent(db, attendanceEvents.sessionCancelled, {
          course,
          session: toEventSession(target),
          reason: request.reason ?? null,
          cancelledBy: actorUserId(auth),
        });
      }
      return { cancelled: ids.length };
    });
  }

  async list(auth: AuthContext, request: RpcParsedRequest<Rpc['sessionsList']>): Promise<{ items: SessionWithCounts[] }> {
    let courseIds = await this.access.visibleCourseIds(auth);
    if (request.courseId) {
      if (courseIds && !courseIds.includes(request.courseId)) throw DomainError.forbidden('You are not a member of this course');
      courseIds = [request.courseId];
    }
    const from = request.from ? new Date(request.from) : new Date(Date.now() - 30 * DAY);
    const to = request.to ? new Date(request.to) : new Date(from.getTime() + 90 * DAY);
    const rows = await this.sessions.list(courseIds, from, to, request.includeCancelled, request.limit);
    const counts = await this.sessions.countsForMany(rows.map((row) => row.id));
    return { items: rows.map((row) => ({ ...toClassSession(row), counts: toCounts(counts.get(row.id)) })) };
  }

  async get(auth: AuthContext, sessionId: string): Promise<SessionWithCounts> {
    const session = await this.sessions.findById(sessionId);
    if (!session) throw DomainError.notFound('Session');
    await this.access.assertMember(auth, session.course_id);
    return { ...toClassSession(session), counts: toCounts(await this.sessions.countsFor(session.id)) };
  }

  async rosterGrid(auth: AuthContext, sessionId: string): Promise<RpcResponse<Rpc['sessionRoster']>> {
    const session = await this.marking.teachableSession(auth, sessionId);
    const [students, records, flags, counts] = await Promise.all([
      this.roster.activeStudents(session.course_id),
      this.records.forSession(session.id),
      this.checkIns.flagCountsBySession(session.id),
      this.sessions.countsFor(session.id),
    ]);
    const byStudent = new Map(records.map((record) => [record.student_id, record]));
    return {
      session: { ...toClassSession(session), counts: toCounts(counts) },
      items: students.map((student) => {
        const record = byStudent.get(student.id);
        return { student, record: record ? toRecord(record) : null, flags: flags.get(student.id) ?? 0 };
      }),
    };
  }
}

function assertRanges(ranges: string[]): void {
  const invalid = invalidRanges(ranges);
  if (invalid.length > 0) throw DomainError.validation({ ipAllowList: invalid }, 'Not an IP address or CIDR range');
}
