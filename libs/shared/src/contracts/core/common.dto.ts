import { z } from 'zod';
import { Role } from '../roles';

/** True when the runtime knows the IANA zone. Works in Node and in browsers (no zone list to ship). */
export function isValidTimezone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Emails are compared case-insensitively: stored trimmed and lower-cased. */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'not a valid email address' }).max(254));

export const Timezone = z
  .string()
  .min(1)
  .max(64)
  .refine(isValidTimezone, { message: 'not an IANA timezone (e.g. Europe/Madrid)' });

/** BCP 47 tag such as `en`, `en-GB` or `es-419`. */
export const Locale = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'not a locale tag (e.g. en, en-GB)')
  .max(35);

/** A calendar date `YYYY-MM-DD` (no time, no zone): dates of birth. */
export const CalendarDate = z.iso.date();

export const PersonName = z.string().trim().min(1).max(100);

export const UserProfile = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: Role,
  timezone: z.string(),
  locale: z.string(),
  dateOfBirth: CalendarDate.nullable(),
});
export type UserProfile = z.infer<typeof UserProfile>;

/** A profile as admins and integrators see it: plus the account state. */
export const UserAccount = UserProfile.extend({
  active: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type UserAccount = z.infer<typeof UserAccount>;

export const COURSE_LEVELS = ['grade12', 'bachelor'] as const;
export const CourseLevel = z.enum(COURSE_LEVELS);
export type CourseLevel = z.infer<typeof CourseLevel>;

/** Course codes are stored upper-case, so `math-12a` and `MATH-12A` are one course. */
export const CourseCode = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9._-]{1,39}$/, 'letters, digits, . _ - (2 to 40)'));

export const EmptyRequest = z.object({}).strict();

/** Scores are decimals with up to two places (92.5 of 100). */
export const Score = z
  .number()
  .min(0)
  .max(100000)
  .refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6, { message: 'at most two decimals' });

export const Limit = z.coerce.number().int().min(1).max(100).default(25);
