import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, DATA_SOURCE, DomainError, inTransaction, type AuthContext, type PairingCodeInfo } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { requireUser } from '../common/access';
import type { ParentPortalConfig } from '../config';
import { ReadModelRepository } from '../read-model/read-model.repository';
import { generatePairingCode, hashPairingCode } from './pairing-code';
import { PairingCodesRepository } from './pairing-codes.repository';

/** Pairing codes: a student makes one for themselves, an admin for any student. Shown once, stored hashed. */
@Injectable()
export class PairingCodesService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: ParentPortalConfig,
    private readonly codes: PairingCodesRepository,
    private readonly readModel: ReadModelRepository,
  ) {}

  async create(auth: AuthContext, requestedStudentId: string | undefined, now = new Date()): Promise<PairingCodeInfo & { code: string }> {
    const user = requireUser(auth, 'student', 'admin');
    const studentId = this.studentFor(user, requestedStudentId);
    const student = await this.readModel.profile(studentId);
    if (!student || student.role !== 'student') throw DomainError.notFound('Student');
    return inTransaction(this.dataSource, async (db) => {
      await this.codes.lockStudent(studentId, db);
      const active = await this.codes.countActive(studentId, now, db);
      if (active >= this.config.PARENT_PORTAL_MAX_ACTIVE_CODES) {
        throw new DomainError('PAIRING_CODE_LIMIT', `At most ${this.config.PARENT_PORTAL_MAX_ACTIVE_CODES} codes can be active at once: revoke one first`);
      }
      const expiresAt = new Date(now.getTime() + this.config.PARENT_PORTAL_CODE_TTL_DAYS * 86_400_000);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const code = generatePairingCode();
        const id = randomUUID();
        const hash = hashPairingCode(code, this.config.PARENT_PORTAL_CODE_SECRET);
        if (await this.codes.insert({ id, studentId, hash, hint: code.slice(-2), createdBy: user.userId, expiresAt }, db)) {
          return { ...(await this.codes.info(id, db)), code };
        }
      }
      throw new DomainError('INTERNAL', 'Could not draw a unique code');
    });
  }

  async list(auth: AuthContext, requestedStudentId: string | undefined, now = new Date()): Promise<{ items: PairingCodeInfo[] }> {
    const user = requireUser(auth, 'student', 'admin');
    return { items: await this.codes.listActive(this.studentFor(user, requestedStudentId), now) };
  }

  async revoke(auth: AuthContext, codeId: string): Promise<{ revoked: boolean }> {
    const user = requireUser(auth, 'student', 'admin');
    const revoked = await this.codes.revoke(codeId, user.role === 'admin' ? null : user.userId);
    if (!revoked) throw DomainError.notFound('Active pairing code');
    return { revoked };
  }

  private studentFor(user: { role: string; userId: string }, requested: string | undefined): string {
    if (user.role === 'student') {
      if (requested && requested !== user.userId) throw DomainError.forbidden('Students make codes for themselves only');
      return user.userId;
    }
    if (!requested) throw new DomainError('VALIDATION_FAILED', 'studentId is required for admins');
    return requested;
  }
}
