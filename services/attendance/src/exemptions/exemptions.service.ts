import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  ATTENDANCE_TRANSFER_BUCKET,
  attendanceEvents,
  BlobTransfer,
  CONFIG,
  DATA_SOURCE,
  DomainError,
  enqueueEvent,
  EVIDENCE_INLINE_MAX_BYTES,
  EVIDENCE_MAX_BYTES,
  inTransaction,
  NATS_CONNECTION,
  ParentLinksReadModel,
  type AuthContext,
  type Exemption,
  type NatsConnection,
  type RpcParsedRequest,
  type RpcResponse,
  type attendanceRpc,
} from '@tec/shared';
import type { DataSource } from 'typeorm';
import type { AttendanceConfig } from '../config';
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
type EvidenceContent = RpcResponse<Rpc['exemptionEvidence']>;

const tooLarge = (maxBytes: number) =>
  new DomainError('PAYLOAD_TOO_LARGE', `The evidence file can be at most ${Math.floor(maxBytes / (1024 * 1024))} MB`, { maxBytes });

/**
 * Excused-absence requests: a student asks (with evidence), a teacher of the course or an admin decides. Evidence
 * past EVIDENCE_INLINE_MAX_BYTES travels through the attendance-transfers object store (ATTENDANCE_TRANSFER_BUCKET):
 * an upload arrives there from the gateway, a large download leaves through it.
 */
@Injectable()
export class ExemptionsService {
  private transferBucket: Promise<BlobTransfer> | null = null;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(CONFIG) private readonly config: AttendanceConfig,
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
    private readonly guardians: ParentLinksReadModel,
  ) {}

  async create(auth: AuthContext, request: RpcParsedRequest<Rpc['exemptionsCreate']>): Promise<Exemption> {
    const parked = request.evidenceTransfer?.transfer.name;
    // Accepted or refused, the parked upload goes now: nothing waits for the TTL.
    return this.createChecked(auth, request).finally(async () => {
      if (parked) await (await this.transfers()).remove(parked);
    });
  }

  private async createChecked(auth: AuthContext, request: RpcParsedRequest<Rpc['exemptionsCreate']>): Promise<Exemption> {
    const user = requireUser(auth);
    const studentId = await this.requesterChild(user, request.studentId);
    const session = await this.sessions.findById(request.sessionId);
    if (!session) throw DomainError.notFound('Session');
    if (session.status === 'cancelled') throw new DomainError('SESSION_CLOSED', 'This class was cancelled');
    if (!(await this.roster.isEnrolled(session.course_id, studentId))) {
      throw new DomainError('NOT_ENROLLED', user.role === 'parent' ? 'Your child is not enrolled in this course' : 'You are not enrolled in this course');
    }
    const id = randomUUID();
    let evidence: { key: string; name: string; mime: string; size: number } | null = null;
    const upload = await this.evidenceBytes(request);
    if (upload) {
      const { bytes } = upload;
      if (bytes.length === 0) throw DomainError.validation({ evidence: 'empty' }, 'The evidence file is empty');
      if (bytes.length > EVIDENCE_MAX_BYTES) throw tooLarge(EVIDENCE_MAX_BYTES);
      const mime = sniffEvidenceType(bytes);
      if (!mime) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send a PDF, PNG, JPEG or WebP file');
      const key = `${session.course_id}/${id}`;
      await this.storage.put(key, bytes);
      evidence = { key, name: upload.fileName, mime, size: bytes.length };
    }
    await inTransaction(this.dataSource, async (db) => {
      const inserted = await this.exemptions.insert(
        { id, studentId, courseId: session.course_id, sessionId: session.id, reason: request.reason, requestedBy: user.userId, evidence },
        db,
      );
      if (!inserted) throw new DomainError('ALREADY_EXISTS', 'An excuse for this class was already requested');
      const student = await this.roster.profile(studentId, db);
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

  /** The evidence: base64 in the request (small files), or taken from the transfer store (the gateway's multipart upload). */
  private async evidenceBytes(request: RpcParsedRequest<Rpc['exemptionsCreate']>): Promise<{ fileName: string; bytes: Buffer } | null> {
    if (request.evidence) {
      const bytes = decodeBase64(request.evidence.contentBase64);
      if (!bytes) throw DomainError.validation({ evidence: 'not base64' }, 'The evidence file is not valid base64');
      if (bytes.length > EVIDENCE_INLINE_MAX_BYTES) throw tooLarge(EVIDENCE_INLINE_MAX_BYTES);
      return { fileName: request.evidence.fileName, bytes };
    }
    if (!request.evidenceTransfer) return null;
    const { fileName, transfer } = request.evidenceTransfer;
    const bytes = await (await this.transfers()).take(transfer.name, { maxBytes: EVIDENCE_MAX_BYTES, tooLarge });
    if (!bytes) throw DomainError.validation({ evidence: 'expired or unknown' }, 'The upload expired before it was stored; try again');
    return { fileName, bytes };
  }

  /** Whose exemption this is: the student themself, or the child of a parent with an active link. */
  private async requesterChild(user: { userId: string; role: string }, studentId: string | undefined): Promise<string> {
    if (user.role === 'student') {
      if (studentId && studentId !== user.userId) throw DomainError.forbidden('Students request their own exemptions');
      return user.userId;
    }
    if (user.role === 'parent') {
      if (!studentId) throw DomainError.validation({ studentId: 'required' }, 'Name the child the request is for');
      // NOT_FOUND, not FORBIDDEN: a parent learns nothing about children who are not theirs.
      if (!(await this.guardians.isLinked(user.userId, studentId))) throw DomainError.notFound('Student');
      return studentId;
    }
    throw DomainError.forbidden('Students and their linked parents request exemptions');
  }

  async list(auth: AuthContext, request: RpcParsedRequest<Rpc['exemptionsList']>): Promise<{ items: Exemption[] }> {
    const user = requireUser(auth);
    let scope: { studentIds: string[] | null; courseIds: string[] | null };
    if (user.role === 'student') scope = { studentIds: [user.userId], courseIds: request.courseId ? [request.courseId] : null };
    else if (user.role === 'parent') scope = { studentIds: await this.guardians.childIds(user.userId), courseIds: request.courseId ? [request.courseId] : null };
    else if (isAdmin(user)) scope = { studentIds: null, courseIds: request.courseId ? [request.courseId] : null };
    else if (user.role === 'teacher') {
      if (request.courseId) await this.access.assertCanTeach(auth, request.courseId);
      scope = { studentIds: null, courseIds: request.courseId ? [request.courseId] : await this.roster.courseIdsTaughtBy(user.userId) };
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
      // A parent who asked hears the decision too (notifications); a student's own request names no one else.
      const requestedBy = exemption.requested_by !== exemption.student_id ? await this.roster.profile(exemption.requested_by, db) : null;
      await enqueueEvent(db, attendanceEvents.exemptionDecided, {
        exemptionId: exemption.id,
        course: { id: session.course_id, code: session.course_code, title: session.course_title },
        session: toEventSession(session),
        student,
        decision,
        note: request.note ?? null,
        decidedBy: actorUserId(auth),
        decidedAt: new Date().toISOString(),
        requestedBy,
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

  async evidence(auth: AuthContext, exemptionId: string): Promise<EvidenceContent> {
    const user = requireUser(auth);
    const exemption = await this.exemptions.findById(exemptionId);
    if (!exemption) throw DomainError.notFound('Exemption');
    const ownChild = user.role === 'parent' && (await this.guardians.isLinked(user.userId, exemption.student_id));
    if (exemption.student_id !== user.userId && !ownChild) {
      if (user.role === 'parent') throw DomainError.notFound('Exemption');
      await this.access.assertCanTeach(auth, exemption.course_id);
    }
    if (!exemption.evidence_key) throw DomainError.notFound('Evidence file');
    const file = { fileName: exemption.evidence_name!, mimeType: exemption.evidence_mime!, sizeBytes: exemption.evidence_size ?? 0 };
    if (file.sizeBytes <= EVIDENCE_INLINE_MAX_BYTES) {
      const bytes = await this.storage.get(exemption.evidence_key);
      return { ...file, sizeBytes: bytes.length, contentBase64: bytes.toString('base64') };
    }
    // Streamed from storage into the transfer store (never whole in memory); the gateway streams it on and removes it.
    const transfer = await (await this.transfers()).park(this.storage.read(exemption.evidence_key), 'evidence-download');
    return { ...file, sizeBytes: transfer.bytes, transfer };
  }

  private transfers(): Promise<BlobTransfer> {
    this.transferBucket ??= BlobTransfer.open(this.nats, this.config.NATS_SUBJECT_PREFIX, ATTENDANCE_TRANSFER_BUCKET, this.config.EVENT_STREAM_REPLICAS).catch(
      (error: unknown) => {
        this.transferBucket = null;
        throw error;
      },
    );
    return this.transferBucket;
  }
}

