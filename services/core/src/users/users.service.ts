import { Inject, Injectable } from '@nestjs/common';
import {
  coreEvents,
  DATA_SOURCE,
  DomainError,
  enqueueEvent,
  inTransaction,
  isErasedEmail,
  type AuthContext,
  type RpcParsedRequest,
  type UserAccount,
  type UserProfile,
  type coreRpc,
} from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { isAdmin } from '../common/access';
import { toUserProfile } from '../common/event-parts';
import { AuthSessionsRepository } from '../auth/auth-sessions.repository';
import { PasswordService } from '../auth/password.service';
import { decodeUserCursor, encodeUserCursor, toUserAccount } from './user-account.mapper';
import type { UserEntity } from './user.entity';
import { UsersRepository, type NewUser, type UserPatch } from './users.repository';

type CreateUser = RpcParsedRequest<typeof coreRpc.usersCreate>;
type UpdateUser = RpcParsedRequest<typeof coreRpc.usersUpdate>;
type UpdateProfile = RpcParsedRequest<typeof coreRpc.userUpdateProfile>;

@Injectable()
export class UsersService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly sessions: AuthSessionsRepository,
    private readonly passwords: PasswordService,
  ) {}

  async create(input: CreateUser): Promise<UserAccount> {
    const passwordHash = input.password ? await this.passwords.hash(input.password) : null;
    const user = await inTransaction(this.dataSource, (db) =>
      this.createInTransaction({ ...input, passwordHash }, db),
    );
    return toUserAccount(user);
  }

  /** Used by create, the roster import and the seed, so every path publishes user_created. */
  async createInTransaction(input: NewUser, db: EntityManager): Promise<UserEntity> {
    const user = await this.users.insert(input, db);
    await enqueueEvent(db, coreEvents.userCreated, { user: toUserProfile(user), active: user.active });
    return user;
  }

  async update(input: UpdateUser): Promise<UserAccount> {
    const { userId, password, ...fields } = input;
    const patch: UserPatch = { ...fields };
    if (password) patch.passwordHash = await this.passwords.hash(password);
    const user = await inTransaction(this.dataSource, async (db) => {
      const updated = await this.updateInTransaction(userId, patch, db);
      // A deactivated account or a new password ends every session at once.
      if (fields.active === false || password) await this.sessions.revokeAllForUser(userId, 'account_changed', db);
      return updated;
    });
    return toUserAccount(user);
  }

  async updateProfile(userId: string, input: UpdateProfile): Promise<UserProfile> {
    const user = await inTransaction(this.dataSource, (db) => this.updateInTransaction(userId, input, db));
    return toUserProfile(user);
  }

  /** Publishes user_updated with the fields that really changed; no change, no event. */
  async updateInTransaction(userId: string, patch: UserPatch, db: EntityManager): Promise<UserEntity> {
    const before = await this.users.findByIdForUpdate(userId, db);
    if (!before) throw DomainError.notFound('User');
    // An erased account stays erased: no name, address, password or reactivation can be written back.
    if (isErasedEmail(before.email)) throw new DomainError('CONFLICT', 'This account was erased and cannot be changed');
    const changed = (Object.keys(patch) as (keyof UserPatch)[]).filter(
      (key) => patch[key] !== undefined && patch[key] !== before[key],
    );
    if (changed.length === 0) return before;
    const effective = Object.fromEntries(changed.map((key) => [key, patch[key]])) as UserPatch;
    const user = await this.users.update(userId, effective, db);
    await enqueueEvent(db, coreEvents.userUpdated, {
      user: toUserProfile(user),
      active: user.active,
      // Never say which secret changed beyond "a password was set".
      changed: changed.map((key) => (key === 'passwordHash' ? 'password' : key)),
    });
    return user;
  }

  async list(query: RpcParsedRequest<typeof coreRpc.usersList>): Promise<{ items: UserAccount[]; nextCursor: string | null }> {
    const after = query.cursor ? decodeUserCursor(query.cursor) : undefined;
    if (after === null) throw DomainError.validation([{ path: 'cursor', message: 'not a cursor from this list' }]);
    const rows = await this.users.list({ search: query.search, role: query.role, after, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map(toUserAccount), nextCursor: rows.length > query.limit && last ? encodeUserCursor(last) : null };
  }

  /** Self, admins, integrators with users:read, and teachers for students in their courses. */
  async get(auth: AuthContext, userId: string): Promise<UserProfile> {
    const user = await this.users.findById(userId);
    const allowed =
      isAdmin(auth) ||
      (auth.kind === 'api_key' && auth.scopes.includes('users:read')) ||
      (auth.kind === 'user' && auth.userId === userId) ||
      (auth.kind === 'user' && auth.role === 'teacher' && (await this.users.isStudentOfTeacher(userId, auth.userId)));
    if (!allowed) throw DomainError.forbidden('You cannot see this account');
    if (!user) throw DomainError.notFound('User');
    return toUserProfile(user);
  }
}
