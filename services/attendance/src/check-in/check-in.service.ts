import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  attendanceEvents,
  CONFIG,
  DATA_SOURCE,
  DomainError,
  inTransaction,
  prepareOutboxRow,
  type AttendancePolicy,
  type AuthContext,
  type CheckInResult,
  type RpcParsedRequest,
  type UserProfile,
  type attendanceRpc,
  iso,
} from '@tec/shared';
import type { DataSource } from 'typeorm';
import { requireUser } from '../common/access';
import { TtlCache } from '../common/ttl-cache';
import type { AttendanceConfig } from '../config';
import { MarkApplier, type MarkInput, type MarkOutcome } from '../marking/mark-applier';
import { toRecord } from '../marking/records.repository';
import { PoliciesRepository } from '../policies/policies.repository';
import { SessionPush } from '../realtime/session-push';
import { RosterRepository } from '../roster/roster.repository';
import { SessionsRepository } from '../sessions/sessions.repository';
import { toEventSession, type SessionRow } from '../sessions/session.mapper';
import { CheckInBatcher } from './check-in-batcher';
import { CheckInRepository, type FlagReason } from './check-in.repository';
import { checkGeofence, ipAllowed } from './network-checks';
import { parseToken, verifyToken } from './qr-token';

type CheckInRequest = RpcParsedRequest<typeof attendanceRpc.checkIn>;

/**
 * A student's QR check-in. Order matters: the token first (cheapest, and it names the session), then the
 * window, the enrollment, the network and position checks, then one statement (shared with the check-ins arriving
 * at the same moment, see CheckInBatcher) that claims the device and inserts the record. Status comes from the
 * server clock, never from the client.
 */
@Injectable()
export class CheckInService {
  // A class rush hits the same session and policy hundreds of times a second; one second of staleness is harmless
  // (the record insert and the device claim are still decided by the database).
  private readonly sessionCache = new TtlCache<SessionRow | null>(1000);
  private readonly policyCache = new TtlCache<AttendancePolicy>(1000);
  // The course's enrolled students by id, for the names the event and the teacher's push carry. The check-in
  // statement itself checks the enrollment, so a student dropped a moment ago is still refused.
  private readonly rosterCache = new TtlCache<Map<string, UserProfile>>(10_000, 500);

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AttendanceConfig,
    private readonly sessions: SessionsRepository,
    private readonly roster: RosterRepository,
    private readonly policies: PoliciesRepository,
    private readonly checkIns: CheckInRepository,
    private readonly batcher: CheckInBatcher,
    private readonly applier: MarkApplier,
    private readonly push: SessionPush,
  ) {}

  async checkIn(auth: AuthContext, request: CheckInRequest, now = new Date()): Promise<CheckInResult> {
    const user = requireUser(auth);
    if (user.role !== 'student') throw DomainError.forbidden('Only students check in');
    const session = await this.verifiedSession(request.token, now);
    if (session.status === 'cancelled') throw new DomainError('SESSION_CLOSED', 'This class was cancelled');
    if (now < session.checkin_opens_at) {
      throw new DomainError('SESSION_CLOSED', 'Check-in has not opened yet', { opensAt: iso(session.checkin_opens_at) });
    }
    if (session.closed_at || now >= session.checkin_closes_at) {
      throw new DomainError('SESSION_CLOSED', 'Check-in for this class has closed', { closedAt: iso(session.checkin_closes_at) });
    }
    const student = await this.enrolledStudent(session.course_id, user.userId);
    if (!student) throw new DomainError('NOT_ENROLLED', 'You are not enrolled in this course');
    if (!ipAllowed(session.ip_allow_list, request.client.ip)) {
      await this.refuseWithFlag(session, user.userId, 'network_not_allowed', { ip: request.client.ip });
      throw new DomainError('NETWORK_NOT_ALLOWED', "Check in from the school's network");
    }
    if (session.geofence) {
      const verdict = checkGeofence(session.geofence, request);
      if (!verdict.inside) {
        if (verdict.reason === 'too_far') await this.refuseWithFlag(session, user.userId, 'outside_geofence', { distanceMeters: verdict.distanceMeters });
        throw new DomainError(
          'OUTSIDE_GEOFENCE',
          verdict.reason === 'no_position' ? 'This class needs your location to check in' : 'You are too far from the classroom',
          verdict,
        );
      }
    }
    const deviceHash = hash(`device:${request.deviceId}`);
    const clientHash = hash(`client:${request.client.ip ?? ''}|${request.client.userAgent ?? ''}`);
    const policy = await this.policyCache.get(session.course_id, () => this.policies.forCourse(session.course_id));
    const checkIn = { at: now, latitude: request.latitude ?? null, longitude: request.longitude ?? null, deviceHash, clientHash };
    const status = now >= session.late_after ? 'late' : 'present';
    const input: MarkInput = { session, student, status, method: 'qr_code', actorId: user.userId, note: null, policy, insertOnly: true, checkIn };
    const result = await this.write(input);
    if (result.kind === 'not_enrolled') throw new DomainError('NOT_ENROLLED', 'You are not enrolled in this course');
    if (result.kind === 'closed') throw new DomainError('SESSION_CLOSED', 'Check-in for this class has closed');
    if (result.kind === 'device_reused') {
      await this.refuseWithFlag(session, user.userId, 'device_reused', {}, result.owner);
      throw new DomainError('DEVICE_ALREADY_USED', 'This device was already used to check in another student; your teacher has been told');
    }
    const { outcome } = result;
    if (outcome.existed) {
      throw new DomainError('ALREADY_CHECKED_IN', 'You are already marked for this class', { status: outcome.record.status, record: outcome.record });
    }
    this.push.records(session.id, [outcome]);
    return {
      record: outcome.record,
      session: { id: session.id, courseTitle: session.course_title, startsAt: iso(session.starts_at), topic: session.topic },
    };
  }

  /**
   * The fast path writes everything in one statement, shared with the check-ins arriving at the same time (the group
   * commit, CheckInBatcher); only a device claim that raced with another scan (rare), or a record already there, goes
   * through the locking transaction, which sees the other claim or record and decides.
   */
  private async write(input: MarkInput) {
    const { session, student, checkIn } = input;
    const recordId = randomUUID();
    const markedAt = iso(checkIn!.at);
    const event = prepareOutboxRow(this.dataSource.manager, attendanceEvents.marked, {
      course: { id: session.course_id, code: session.course_code, title: session.course_title },
      session: toEventSession(session),
      student,
      record: { id: recordId, status: input.status, method: 'qr_code', markedBy: student.id, markedAt, note: null },
    });
    const fast = await this.batcher.append({
      recordId,
      sessionId: session.id,
      courseId: session.course_id,
      studentId: student.id,
      sessionStartsAt: session.starts_at,
      status: input.status as 'present' | 'late',
      at: checkIn!.at,
      latitude: checkIn!.latitude,
      longitude: checkIn!.longitude,
      deviceHash: checkIn!.deviceHash!,
      clientHash: checkIn!.clientHash!,
      event,
    });
    switch (fast.kind) {
      case 'not_enrolled':
      case 'closed':
      case 'device_reused':
        return fast;
      case 'marked': {
        if (this.applier.thresholdFlagStale(input.policy, fast.stats)) {
          await inTransaction(this.dataSource, (db) => this.applier.settleLowAttendance(input, db));
        }
        const studentRef = { id: student.id, firstName: student.firstName, lastName: student.lastName };
        const outcome: MarkOutcome = { record: toRecord(fast.record), fromStatus: null, changed: true, existed: false, student: studentRef };
        return { kind: 'marked' as const, outcome };
      }
      case 'exists':
      case 'raced':
        return this.lockingWrite(input);
    }
  }

  /** The general path: the same checks and writes as the fast path, under row locks, in one transaction. */
  private lockingWrite(input: MarkInput) {
    const { session, student, checkIn } = input;
    return inTransaction(this.dataSource, async (db) => {
      const live = await this.sessions.lockShared(session.id, db);
      if (!live || live.status !== 'scheduled' || live.closed_at) return { kind: 'closed' as const };
      const owner = await this.checkIns.claimDevice(session.id, checkIn!.deviceHash!, student.id, db);
      if (owner !== student.id) return { kind: 'device_reused' as const, owner };
      return { kind: 'marked' as const, outcome: await this.applier.apply(input, db) };
    });
  }

  /** From the cached roster; a student missing from it (enrolled in the last seconds, or not at all) is looked up. */
  private async enrolledStudent(courseId: string, studentId: string): Promise<UserProfile | null> {
    const roster = await this.rosterCache.get(courseId, async () => {
      const students = await this.roster.activeStudentProfiles(courseId);
      return new Map(students.map((profile) => [profile.id, profile]));
    });
    return roster.get(studentId) ?? this.roster.enrolledProfile(courseId, studentId);
  }

  private async verifiedSession(token: string, now: Date): Promise<SessionRow> {
    const parsed = parseToken(token);
    if (!parsed) throw new DomainError('TOKEN_INVALID', 'This is not a check-in code');
    const session = await this.sessionCache.get(parsed.sessionId, () => this.sessions.findById(parsed.sessionId));
    if (!session) throw new DomainError('TOKEN_INVALID', 'This is not a check-in code');
    const verdict = verifyToken(this.config.ATTENDANCE_QR_SECRET, parsed, session.qr_secret, now, this.clock());
    if (verdict === 'invalid') throw new DomainError('TOKEN_INVALID', 'This is not a check-in code');
    if (verdict === 'expired') throw new DomainError('TOKEN_EXPIRED', 'This code has expired: scan the code on the screen again');
    return session;
  }

  private clock() {
    return { rotationSeconds: this.config.ATTENDANCE_QR_ROTATION_SECONDS, graceSeconds: this.config.ATTENDANCE_QR_GRACE_SECONDS };
  }

  /** The flag commits on its own: the refusal must not roll back the evidence the teacher needs. */
  private async refuseWithFlag(session: SessionRow, studentId: string, reason: FlagReason, details: Record<string, unknown>, otherStudentId: string | null = null) {
    const flag = await this.checkIns.flag({ sessionId: session.id, studentId, reason, otherStudentId, details });
    const student = await this.roster.profile(studentId);
    this.push.flagged(session.id, {
      id: flag.id,
      reason,
      student: { id: studentId, firstName: student?.firstName ?? '', lastName: student?.lastName ?? '' },
      createdAt: iso(flag.created_at),
    });
  }
}

function hash(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
