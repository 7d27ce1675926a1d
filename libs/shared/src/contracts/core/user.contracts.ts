import { z } from 'zod';
import { defineRpc } from '../rpc-contract';
import { Role } from '../roles';
import { CalendarDate, Email, Limit, Locale, PersonName, Timezone, UserAccount, UserProfile } from './common.dto';

export const UserCreateRequest = z.object({
  email: Email,
  firstName: PersonName,
  lastName: PersonName,
  role: Role,
  timezone: Timezone.default('UTC'),
  locale: Locale.default('en'),
  dateOfBirth: CalendarDate.nullable().default(null),
  /** Optional: integrator-created accounts may have none until the school's sign-in flow sets one. */
  password: z.string().min(8).max(1024).optional(),
});

export const UserUpdateRequest = z.object({
  userId: z.uuid(),
  email: Email.optional(),
  firstName: PersonName.optional(),
  lastName: PersonName.optional(),
  role: Role.optional(),
  timezone: Timezone.optional(),
  locale: Locale.optional(),
  dateOfBirth: CalendarDate.nullable().optional(),
  /** Deactivating also signs the user out everywhere. */
  active: z.boolean().optional(),
  password: z.string().min(8).max(1024).optional(),
});

/** What a user may change about themselves. */
export const UserProfileUpdateRequest = z.object({
  firstName: PersonName.optional(),
  lastName: PersonName.optional(),
  timezone: Timezone.optional(),
  locale: Locale.optional(),
});

export const UsersListRequest = z.object({
  /** Matches email, first or last name (case-insensitive, contains). */
  search: z.string().trim().max(100).optional(),
  role: Role.optional(),
  /** Opaque, from the previous page's `nextCursor`. */
  cursor: z.string().max(500).optional(),
  limit: Limit,
});

export const UsersPage = z.object({ items: z.array(UserAccount), nextCursor: z.string().nullable() });

/** admin or API key `users:write`. ALREADY_EXISTS when the email is taken. */
export const usersCreate = defineRpc('core', 'usersCreate', UserCreateRequest, UserAccount);
/** admin or API key `users:write`. */
export const usersUpdate = defineRpc('core', 'usersUpdate', UserUpdateRequest, UserAccount);
/** admin or API key `users:read`; ordered by email, keyset-paginated. */
export const usersList = defineRpc('core', 'usersList', UsersListRequest, UsersPage);
/** self, admin, API key `users:read`, or a teacher for a student in one of their courses. */
export const userGet = defineRpc('core', 'userGet', z.object({ userId: z.uuid() }), UserProfile);
/** The caller's own names, timezone and locale. */
export const userUpdateProfile = defineRpc('core', 'userUpdateProfile', UserProfileUpdateRequest, UserProfile);
