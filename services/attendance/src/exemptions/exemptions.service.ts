import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  attendanceEvents,
  DATA_SOURCE,
  DomainError,
  enqueueEvent,
  EVIDENCE_MAX_BYTES,
  inTransaction,
  type AuthContext,
  type Exemption,
  type RpcParsedRequest,
  type attendanceRpc,
} from '@tec/shared';
import type { DataSource } from 'typeorm';
import { actorUserId, isAdmin, requireUser } from '../common/access';

import { MarkApplier } from '../marking/mark-applier';
import { MarkingService } from '../marking/marking.service';
import { PoliciesRepository } from '../policies/policies.repository';
import { SessionPush } from '../realtime/session-push';
import { CourseAccess } from '../roster/course-access.service';
import { RosterRepository } from '../roster/roster.repository';
import { toEventSession } from '../sessions/session.mapper';
import { SessionsRepository } from '../sessions/sessions.repository';
import { EVIDENCE_STORAGE, type EvidenceStorage } from './evidence-storage';
import { decodeBase64, sniffEvidenceType } from './evidence-type';
import { ExemptionsRepository, toExemption } from './exemptions.repository';

type Rpc = typeof attendanceRpc;

/** Excused-absence requests: a student asks (with evidence), a teacher of the course or an admin decides. */
@Injectable()
export class ExemptionsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
    private readonly exemptions: ExemptionsRepository,
    private readonly sessions: SessionsRepository,
    private readonly roster: RosterRepository,
    private readonly access: CourseAccess,
    private readonly policies: PoliciesRepository,
    private readonly marking: MarkingService,
    private readonly applier: MarkApplier,
    private readonly push: SessionPush,
  ) {}

  async create(auth: AuthContext, request: RpcParsedRequest<Rpc['exemptionsCreate']>): Promise<Exemption> {
    const user = requireUser(auth);
    // Parents will request for a linked child once the parent portal publishes verified links.
    if (user.role !== 'student') throw DomainError.forbidden('Students request their own exemptions');
    const session = await this.sessions.findById(request.sessionId);
    if (!session) throw DomainError.notFound('Session');
    if (session.status === 'cancelled') throw new DomainError('SESSION_CLOSED', 'This class was cancelled');
    if (!(await this.roster.isEnrolled(session.course_id, user.userId))) throw new DomainError('NOT_ENROLLED', 'You are not enrolled in this course');
    const id = randomUUID();
    let evidence: { key: string; name: string; mime: string; size: number } | null = null;
    if (request.evidence) {
      const bytes = decodeBase64(request.evidence.contentBase64);
      if (!bytes) throw DomainError.validation({ evidence: 'not base64' }, 'The evidence file is not valid base64');
      if (bytes.length === 0) throw DomainError.validation({ evidence: 'empty' }, 'The evidence file is empty');
      if (bytes.length > EVIDENCE_MAX_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE', `The evidence file is larger than ${EVIDENCE_MAX_BYTES / 1024} KB`);
      const mime = sniffEvidenceType(bytes);
      if (!mime) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send a PDF, PNG, JPEG or WebP file');
      const key = `${session.course_id}/${id}`;
      await this.storage.put(key, bytes);
      evidence = { key, name: request.evidence.fileName, mime, size: bytes.length };
    }
    await inTransaction(this.dataSource, async (db) => {
      const inserted = await this.exemptions.insert(
        { id, studentId: user.userId, courseId: session.course_id, sessionId: session.id, reason: request.reason, requestedBy: user.userId, evidence },
        db,
      );
      if (!inserted) throw new DomainError('ALREADY_EXISTS', 'You already asked to be excused from this class');
      const student = await this.roster.profile(user.userId, db);
      await enqueueEvent(db, attendanceEvents.exemptionRequested, {
        exemptionId: id,
        course: { id: session.course_id, code: session.course_code, title: session.course_title },
        session: toEventSession(session),
        student: student!,
        reason: request.reason,
        teachers: await this.roster.teacherProfiles(session.course_id, db),
        requestedAt: new Date().toISOString(),
      });
    });
    return toExemption((await this.exemptions.findById(id))!);
  }

  async list(auth: AuthContext, request: RpcParsedRequest<Rpc['exemptionsList']>): Promise<{ items: Exemption[] }> {
    const user = requireUser(auth);
    let scope: { studentId: string | null; courseIds: string[] | null };
    if (user.role === 'student') scope = { studentId: user.userId, courseIds: request.courseId ? [request.courseId] : null };
    else if (isAdmin(user)) scope = { studentId: null, courseIds: request.courseId ? [request.courseId] : null };
    else if (user.role === 'teacher') {
      if (request.courseId) await this.access.assertCanTeach(auth, request.courseId);
      scope = { studentId: null, courseIds: request.courseId ? [request.courseId] : await this.roster.courseIdsTaughtBy(user.userId) };
    } else throw DomainError.forbidden();
    const rows = await this.exemptions.list(scope, request.status, request.limit);
    return { items: rows.map(toExemption) };
  }

  async decide(auth: AuthContext, request: RpcParsedRequest<Rpc['exemptionsDecide']>): Promise<Exemption> {
    const found = await this.exemptions.findById(request.exemptionId);
    if (!found) throw DomainError.notFound('Exemption');
    const session = await this.marking.teachableSession(auth, found.session_id);
    const decision = request.decision === 'approve' ? 'approved' : 'rejected';
    const outcome = await inTransaction(this.dataSource, async (db) => {
      const exemption = await this.exemptions.findById(found.id, db, true);
      if (exemption?.status !== 'pending') throw new DomainError('CONFLICT', 'This request was already decided');
      await this.exemptions.decide(exemption.id, decision, actorUserId(auth), request.note ?? null, db);
      const student = (await this.roster.profile(exemption.student_id, db))!;
      await enqueueEvent(db, attendanceEvents.exemptionDecided, {
        exemptionId: exemption.id,
        course: { id: session.course_id, code: session.course_code, title: session.course_title },
        session: toEventSession(session),
        student,
        decision,
        note: request.note ?? null,
        decidedBy: actorUserId(auth),
        decidedAt: new Date().toISOString(),
      });
      if (decision === 'rejected' || session.status === 'cancelled') return null;
      const policy = await this.policies.forCourse(session.course_id, db);
      return this.applier.apply(
        { session, student, status: 'excused', method: 'exemption', actorId: actorUserId(auth), note: `Exemption: ${exemption.reason}`.slice(0, 500), policy },
        db,
      );
    });
    if (outcome) this.push.records(session.id, [outcome]);
    return toExemption((await this.exemptions.findById(found.id))!);
  }

  async evidence(auth: AuthContext, exemptionId: string): Promise<{ fileName: string; mimeType: string; contentBase64: string }> {
    const user = requireUser(auth);
    const exemption = await this.exemptions.findById(exemptionId);
    if (!exemption) throw DomainError.notFound('Exemption');
    if (exemption.student_id !== user.userId) await this.access.assertCanTeach(auth, exemption.course_id);
    if (!exemption.evidence_key) throw DomainError.notFound('Evidence file');
    const bytes = await this.storage.get(exemption.evidence_key);
    return { fileName: exemption.evidence_name!, mimeType: exemption.evidence_mime!, contentBase64: bytes.toString('base64') };
  }
}

