import type { UserAccount } from '@tec/shared';
import { toUserProfile } from '../common/event-parts';
import type { UserEntity } from './user.entity';

export function toUserAccount(user: UserEntity): UserAccount {
  return {
    ...toUserProfile(user),
    active: user.active,
    hasPassword: user.passwordHash !== null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** Opaque keyset cursor: the last row's (email, id). */
export function encodeUserCursor(user: Pick<UserEntity, 'email' | 'id'>): string {
  return Buffer.from(JSON.stringify([user.email, user.id])).toString('base64url');
}

export function decodeUserCursor(cursor: string): { email: string; id: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { email: value[0], id: value[1] };
    }
  } catch {
    // not a cursor we wrote
  }
  return null;
}
