import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CONFIG,
  DATA_SOURCE,
  DomainError,
  enqueueEvent,
  inTransaction,
  parentPortalEvents,
  parentPortalRpc,
  type AuthContext,
  type ParentLink,
  type PortalSettings,
  type RpcParsedRequest,
  type UserAuthContext,
} from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { requireUser } from '../common/access';
import type { ParentPortalConfig } from '../config';
import { ReadModelRepository } from '../read-model/read-model.repository';
import { LinkActivation } from './link-activation';
import { LinksRepository, type LinkRow, type LinkScope } from './links.repository';
import { hashPairingCode, isWellFormedCode } from './pairing-code';
import { PairingCodesRepository } from './pairing-codes.repository';
import { PortalSettingsRepository } from './portal-settings.repository';

type Rpc = typeof parentPortalRpc;

/**
 * The life of a parent–child link: redeem a code (pending), approve or reject (an admin, or a course teacher of the
 * child when the school allows it), consent (adult children), revoke. Every change is audited and, when the link
 * starts or stops being active, published.
 */
@Injectable()
export class LinksService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: ParentPortalConfig,
    private readonly links: LinksRepository,
    private readonly codes: PairingCodesRepository,
    private readonly readModel: ReadModelRepository,
    private readonly activation: LinkActivation,
    private readonly settings: PortalSettingsRepository,
  ) {}

  async redeem(auth: AuthContext, request: RpcParsedRequest<Rpc['linkRedeem']>, now = new Date()): Promise<ParentLink> {
    const parent = requireUser(auth, 'parent');
    const lockedUntil = await this.codes.lockedUntil(parent.userId, now);
    if (lockedUntil) throw this.throttled(lockedUntil, now);
    const hash = hashPairingCode(request.code, this.config.PARENT_PORTAL_CODE_SECRET);
    const linkId = await inTransaction(this.dataSource, async (db) => {
      const code = isWellFormedCode(request.code) ? await this.codes.consume(hash, parent.userId, now, db) : null;
      if (!code) return null;
      if (await this.links.openLinkExists(parent.userId, code.student_id, db)) {
        throw new DomainError('ALREADY_EXISTS', 'You already have a link to this student (pending or active)');
      }
      const people = await this.readModel.profiles([parent.userId, code.student_id], db);
      const parentProfile = people.get(parent.userId);
      const student = people.get(code.student_id);
      if (!parentProfile || !student) throw new DomainError('SERVICE_UNAVAILABLE', 'Accounts are still syncing; try again in a minute');
      const id = randomUUID();
      await this.links.insert({ id, parentId: parent.userId, studentId: code.student_id, relationship: request.relationship, origin: 'pairing_code', approved: false, decidedBy: null, note: null }, db);
      await this.links.audit({ linkId: id, studentId: code.student_id, action: 'requested', actorId: parent.userId, actorRole: 'parent', note: `code ${code.id}` }, db);
      const approvers = await this.approvers(code.student_id, db);
      await enqueueEvent(db, parentPortalEvents.linkRequested, {
        linkId: id,
        parent: parentProfile,
        student,
        relationship: request.relationship,
        approvers,
        consentRequired: await this.readModel.isAdult(code.student_id, db),
        requestedAt: now.toISOString(),
      });
      return id;
    });
    if (!linkId) {
      const outcome = await this.codes.recordFailure(parent.userId, now, this.config.PARENT_PORTAL_REDEEM_WINDOW_MINUTES, this.config.PARENT_PORTAL_REDEEM_MAX_FAILURES);
      if (outcome.lockedUntil) throw this.throttled(outcome.lockedUntil, now);
      throw new DomainError('PAIRING_CODE_INVALID', 'That code is not valid: it may be mistyped, used or expired', {
        attemptsLeft: this.config.PARENT_PORTAL_REDEEM_MAX_FAILURES - outcome.failures,
      });
    }
    return (await this.links.view(linkId))!;
  }

  async createByAdmin(auth: AuthContext, request: RpcParsedRequest<Rpc['linkCreate']>): Promise<ParentLink> {
    const admin = requireUser(auth, 'admin');
    const id = await inTransaction(this.dataSource, async (db) => {
      const people = await this.readModel.profiles([request.parentId, request.studentId], db);
      if (people.get(request.parentId)?.role !== 'parent') throw new DomainError('VALIDATION_FAILED', 'parentId is not a parent account');
      if (people.get(request.studentId)?.role !== 'student') throw new DomainError('VALIDATION_FAILED', 'studentId is not a student account');
      const linkId = randomUUID();
      const inserted = await this.links.insert(
        { id: linkId, parentId: request.parentId, studentId: request.studentId, relationship: request.relationship, origin: 'admin', approved: true, decidedBy: admin.userId, note: request.note ?? null },
        db,
      );
      if (!inserted) throw new DomainError('ALREADY_EXISTS', 'This parent already has a pending or active link to this student');
      await this.links.audit({ linkId, studentId: request.studentId, action: 'created_by_admin', actorId: admin.userId, actorRole: 'admin', note: request.note ?? null }, db);
      const row = (await this.links.lock(linkId, db))!;
      await this.activation.apply([row], 'revoked_by_admin', { id: admin.userId, role: 'admin' }, db);
      return linkId;
    });
    return (await this.links.view(id))!;
  }

  async list(auth: AuthContext, request: RpcParsedRequest<Rpc['linksList']>): Promise<{ items: ParentLink[] }> {
    const user = requireUser(auth);
    let scope: LinkScope;
    if (user.role === 'parent') scope = { kind: 'parent', parentId: user.userId };
    else if (user.role === 'student') scope = { kind: 'student', studentId: user.userId };
    else if (user.role === 'admin') scope = { kind: 'admin' };
    else if ((await this.settings.get()).linkApprover === 'course_teacher') scope = { kind: 'teacher', teacherId: user.userId };
    else throw DomainError.forbidden('Only admins approve parent links at this school');
    return { items: await this.links.list(scope, request) };
  }

  async approve(auth: AuthContext, linkId: string, note: string | null): Promise<ParentLink> {
    return this.decide(auth, linkId, 'approved', note);
  }

  async reject(auth: AuthContext, linkId: string, note: string | null): Promise<ParentLink> {
    return this.decide(auth, linkId, 'rejected', note);
  }

  private async decide(auth: AuthContext, linkId: string, decision: 'approved' | 'rejected', note: string | null): Promise<ParentLink> {
    const user = requireUser(auth, 'admin', 'teacher');
    await inTransaction(this.dataSource, async (db) => {
      const row = await this.links.lock(linkId, db);
      if (!row || !(await this.mayApprove(user, row.student_id, db))) throw DomainError.notFound('Link');
      if (row.approval !== 'pending' || row.revoked_at) throw new DomainError('CONFLICT', 'This link is not waiting for approval');
      await this.links.setApproval(linkId, decision, user.userId, note, db);
      await this.links.audit({ linkId, studentId: row.student_id, action: decision, actorId: user.userId, actorRole: user.role, note }, db);
      row.approval = decision;
      await this.activation.apply([row], 'revoked_by_admin', { id: user.userId, role: user.role }, db);
    });
    return (await this.links.view(linkId))!;
  }

  async revoke(auth: AuthContext, linkId: string, note: string | null): Promise<ParentLink> {
    const user = requireUser(auth, 'admin', 'parent', 'student');
    await inTransaction(this.dataSource, async (db) => {
      const row = await this.links.lock(linkId, db);
      const owns = row && (user.role === 'admin' || (user.role === 'parent' && row.parent_id === user.userId) || (user.role === 'student' && row.student_id === user.userId && row.adult));
      if (!row || !owns) throw DomainError.notFound('Link');
      if (row.revoked_at || row.approval === 'rejected') throw new DomainError('CONFLICT', 'This link has already ended');
      await this.links.revoke(linkId, user.userId, note, db);
      await this.links.audit({ linkId, studentId: row.student_id, action: 'revoked', actorId: user.userId, actorRole: user.role, note }, db);
      row.revoked_at = new Date();
      const reason = user.role === 'admin' ? 'revoked_by_admin' : user.role === 'parent' ? 'revoked_by_parent' : 'revoked_by_student';
      await this.activation.apply([row], reason, { id: user.userId, role: user.role }, db);
    });
    return (await this.links.view(linkId))!;
  }

  /** Adult students only; withdrawing cuts access in this transaction (every parent read checks `links.active`). */
  async consent(auth: AuthContext, linkId: string, consent: 'give' | 'withdraw'): Promise<ParentLink> {
    const student = requireUser(auth, 'student');
    await inTransaction(this.dataSource, async (db) => {
      const row = await this.links.lock(linkId, db);
      if (!row || row.student_id !== student.userId) throw DomainError.notFound('Link');
      if (!row.adult) throw DomainError.forbidden('Consent applies to students who are 18 or older, or bachelor students');
      if (row.revoked_at || row.approval === 'rejected') throw new DomainError('CONFLICT', 'This link has already ended');
      const value = consent === 'give' ? 'given' : 'withdrawn';
      if (row.consent === value) return;
      await this.links.setConsent(linkId, value, db);
      await this.links.audit({ linkId, studentId: row.student_id, action: consent === 'give' ? 'consent_given' : 'consent_withdrawn', actorId: student.userId, actorRole: 'student', note: null }, db);
      row.consent = value;
      await this.activation.apply([row], 'consent_withdrawn', { id: student.userId, role: 'student' }, db);
    });
    return (await this.links.view(linkId))!;
  }

  async history(auth: AuthContext, linkId: string) {
    const user = requireUser(auth);
    const owners = await this.links.findOwners(linkId);
    const allowed = owners && (user.role === 'admin' || owners.parent_id === user.userId || owners.student_id === user.userId);
    if (!allowed) throw DomainError.notFound('Link');
    return { items: await this.links.history(linkId) };
  }

  getSettings(auth: AuthContext): Promise<PortalSettings> {
    requireUser(auth, 'admin', 'teacher');
    return this.settings.get();
  }

  updateSettings(auth: AuthContext, settings: PortalSettings): Promise<PortalSettings> {
    requireUser(auth, 'admin');
    return this.settings.set(settings);
  }

  private async mayApprove(user: UserAuthContext, studentId: string, db: EntityManager): Promise<boolean> {
    if (user.role === 'admin') return true;
    if (user.role !== 'teacher') return false;
    if ((await this.settings.get(db)).linkApprover !== 'course_teacher') return false;
    return this.readModel.teachesStudent(user.userId, studentId, db);
  }

  private async approvers(studentId: string, db: EntityManager) {
    const admins = await this.readModel.activeAdmins(db);
    if ((await this.settings.get(db)).linkApprover !== 'course_teacher') return admins;
    return [...admins, ...(await this.readModel.teachersOfStudent(studentId, db))];
  }

  private throttled(until: Date, now: Date): DomainError {
    const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    return new DomainError('RATE_LIMITED', 'Too many wrong codes: try again later', { retryAfterSeconds });
  }
}

export type { LinkRow };
