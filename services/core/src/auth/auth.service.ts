import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CONFIG,
  DATA_SOURCE,
  DomainError,
  inTransaction,
  type AuthTokens,
  type coreRpc,
  type RpcParsedRequest,
  type UserAuthContext,
  type UserProfile,
} from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { toUserProfile } from '../common/event-parts';
import type { CoreConfig } from '../config';
import type { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { AccessTokenIssuer } from './access-token.issuer';
import { AuthSessionsRepository } from './auth-sessions.repository';
import { PasswordService } from './password.service';

type Login = RpcParsedRequest<typeof coreRpc.authLogin>;
type Refresh = RpcParsedRequest<typeof coreRpc.authRefresh>;

const DAY_MS = 86_400_000;

function hashRefreshToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

type RefreshOutcome =
  | { kind: 'rotated'; user: UserEntity; sessionId: string; refreshToken: string; refreshTokenExpiresAt: Date }
  | { kind: 'rejected'; error: DomainError };

@Injectable()
export class AuthService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: CoreConfig,
    private readonly users: UsersRepository,
    private readonly sessions: AuthSessionsRepository,
    private readonly passwords: PasswordService,
    private readonly accessTokens: AccessTokenIssuer,
  ) {}

  async login(input: Login): Promise<AuthTokens> {
    const user = await this.users.findByEmail(input.email);
    // Same work whether the email is unknown, the account inactive or the password wrong.
    const passwordOk = await this.passwords.verify(user?.passwordHash ?? null, input.password);
    if (!user || !passwordOk || !user.active) {
      throw new DomainError('INVALID_CREDENTIALS', 'The email or password is not right');
    }
    const sessionId = randomUUID();
    const refresh = await inTransaction(this.dataSource, async (db) => {
      await this.sessions.createForUser(user.id, { id: sessionId, userAgent: input.userAgent ?? null, ip: input.ip ?? null }, db);
      return this.addRefreshToken(sessionId, db);
    });
    return this.tokens(user, sessionId, refresh);
  }

  /**
   * Rotation: the presented token is spent and a new one of the same family issued. A spent token presented
   * again means it leaked (or a client raced itself): the whole family is revoked, committed, then refused.
   */
  async refresh(input: Refresh): Promise<AuthTokens> {
    const outcome = await inTransaction(this.dataSource, async (db): Promise<RefreshOutcome> => {
      const presented = await this.sessions.findByHashForUpdate(hashRefreshToken(input.refreshToken), db);
      if (!presented || presented.sessionRevokedAt) {
        return { kind: 'rejected', error: new DomainError('TOKEN_INVALID', 'Sign in again') };
      }
      if (presented.usedAt) {
        await this.sessions.revoke(presented.sessionId, 'reuse', db);
        return {
          kind: 'rejected',
          error: new DomainError('REFRESH_TOKEN_REUSED', 'This session was ended for your safety; sign in again'),
        };
      }
      if (presented.expiresAt.getTime() <= Date.now()) {
        return { kind: 'rejected', error: new DomainError('TOKEN_EXPIRED', 'The session has expired; sign in again') };
      }
      const user = await this.users.findById(presented.userId, db);
      if (!user?.active) {
        await this.sessions.revoke(presented.sessionId, 'inactive', db);
        return { kind: 'rejected', error: new DomainError('TOKEN_INVALID', 'Sign in again') };
      }
      await this.sessions.markUsed(presented.sessionId, presented.tokenId, db);
      await this.sessions.touch(presented.sessionId, { userAgent: input.userAgent ?? null, ip: input.ip ?? null }, db);
      const next = await this.addRefreshToken(presented.sessionId, db);
      return { kind: 'rotated', user, sessionId: presented.sessionId, ...next };
    });
    if (outcome.kind === 'rejected') throw outcome.error;
    return this.tokens(outcome.user, outcome.sessionId, outcome);
  }

  /** Ends the family of the given token. Unknown tokens are fine: logging out twice is not an error. */
  async logout(refreshToken: string): Promise<void> {
    await inTransaction(this.dataSource, async (db) => {
      const presented = await this.sessions.findByHashForUpdate(hashRefreshToken(refreshToken), db);
      if (presented) await this.sessions.revoke(presented.sessionId, 'logout', db);
    });
  }

  async session(auth: UserAuthContext): Promise<UserProfile> {
    const user = await this.users.findById(auth.userId);
    const sessionLive = auth.sessionId === undefined || (await this.sessions.isActiveForUser(auth.userId, auth.sessionId));
    if (!user?.active || !sessionLive) throw new DomainError('UNAUTHENTICATED', 'Sign in again');
    return toUserProfile(user);
  }

  private async addRefreshToken(sessionId: string, db: EntityManager) {
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshTokenExpiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * DAY_MS);
    await this.sessions.addRefreshToken(
      sessionId,
      { id: randomUUID(), tokenHash: hashRefreshToken(refreshToken), expiresAt: refreshTokenExpiresAt },
      db,
    );
    return { refreshToken, refreshTokenExpiresAt };
  }

  private async tokens(
    user: UserEntity,
    sessionId: string,
    refresh: { refreshToken: string; refreshTokenExpiresAt: Date },
  ): Promise<AuthTokens> {
    const access = await this.accessTokens.issue(user, sessionId);
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken: refresh.refreshToken,
      refreshTokenExpiresAt: refresh.refreshTokenExpiresAt.toISOString(),
      user: toUserProfile(user),
    };
  }
}
