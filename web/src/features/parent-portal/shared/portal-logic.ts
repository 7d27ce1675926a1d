// Pure helpers of the parent portal screens (unit-tested in portal-logic.spec.ts).
import { PAIRING_CODE_ALPHABET, PAIRING_CODE_LENGTH } from '@tec/shared/contracts';
import type { ChildOverview, LinkStatus } from '../../../api/parent-portal.api';
import { isApiError } from '../../../api/api-error';
import type { MessageKey } from '../../../i18n';

/** What the parent typed, as the server reads it: upper case, spaces and dashes dropped. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** A code is shown as two groups of three ("K7M 2QX"): easier to read aloud and to copy by hand. */
export function groupCode(code: string): string {
  const clean = normalizeCode(code);
  return clean.length > 3 ? `${clean.slice(0, 3)} ${clean.slice(3)}` : clean;
}

/** Why a typed code can't be a code, before asking the server (which would count it as a failed try). */
export function codeProblem(input: string): 'empty' | 'length' | 'characters' | null {
  const code = normalizeCode(input);
  if (!code) return 'empty';
  for (const char of code) if (!PAIRING_CODE_ALPHABET.includes(char)) return 'characters';
  if (code.length !== PAIRING_CODE_LENGTH) return 'length';
  return null;
}

export interface Explained {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

function detail(details: unknown, name: string): number | null {
  if (typeof details !== 'object' || details === null) return null;
  const value = (details as Record<string, unknown>)[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A failed redeem in words a parent understands: a wrong/used/expired code, the lock-out, a duplicate link. */
export function explainRedeemError(error: unknown): Explained {
  if (!isApiError(error)) return { key: 'parentPortal.link.error.generic' };
  switch (error.code) {
    case 'PAIRING_CODE_INVALID': {
      const left = detail(error.details, 'attemptsLeft');
      return left === null ? { key: 'parentPortal.link.error.invalid' } : { key: 'parentPortal.link.error.invalidLeft', vars: { count: Math.max(0, left) } };
    }
    case 'RATE_LIMITED': {
      const seconds = detail(error.details, 'retryAfterSeconds');
      return { key: 'parentPortal.link.error.throttled', vars: { minutes: Math.max(1, Math.ceil((seconds ?? 900) / 60)) } };
    }
    case 'ALREADY_EXISTS':
    case 'CONFLICT':
      return { key: 'parentPortal.link.error.exists' };
    case 'VALIDATION_FAILED':
      return { key: 'parentPortal.link.error.format' };
    default:
      return { key: 'parentPortal.link.error.generic' };
  }
}

/** Time left until a code expires, in the largest whole unit that fits: days, then hours, then minutes. */
export function timeLeft(expiresAt: string, now: number = Date.now()): { unit: 'days' | 'hours' | 'minutes'; value: number } | null {
  const ms = Date.parse(expiresAt) - now;
  if (!(ms > 0)) return null;
  const minutes = Math.floor(ms / 60_000);
  if (minutes >= 48 * 60) return { unit: 'days', value: Math.floor(minutes / (24 * 60)) };
  if (minutes >= 60) return { unit: 'hours', value: Math.floor(minutes / 60) };
  return { unit: 'minutes', value: Math.max(1, minutes) };
}

export type Tone = 'success' | 'warning' | 'danger' | 'neutral';

/** Green at or above the threshold, amber within 10 points below it, red further down; grey without data. */
export function percentTone(value: number | null, threshold: number): Tone {
  if (value === null) return 'neutral';
  if (value >= threshold) return 'success';
  if (value >= threshold - 10) return 'warning';
  return 'danger';
}

export const LINK_STATUS_TONE: Record<LinkStatus, 'success' | 'warning' | 'danger' | 'neutral' | 'info'> = {
  active: 'success',
  pending_approval: 'warning',
  pending_consent: 'info',
  consent_withdrawn: 'neutral',
  rejected: 'danger',
  revoked: 'neutral',
};

export interface NextClass {
  kind: 'session' | 'live_class';
  id: string;
  title: string;
  courseTitle: string;
  startsAt: string;
}

/** The earliest upcoming class of the child, in person or live, or null. */
export function nextClass(overview: Pick<ChildOverview, 'upcomingSessions' | 'upcomingLiveClasses'>, now: number = Date.now()): NextClass | null {
  const candidates: NextClass[] = [
    ...overview.upcomingSessions.map((session) => ({
      kind: 'session' as const,
      id: session.id,
      title: session.topic ?? session.course.title,
      courseTitle: session.course.title,
      startsAt: session.startsAt,
    })),
    ...overview.upcomingLiveClasses.map((live) => ({ kind: 'live_class' as const, id: live.id, title: live.title, courseTitle: live.course.title, startsAt: live.startsAt })),
  ].filter((item) => Date.parse(item.startsAt) >= now - 60 * 60_000);
  candidates.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.id.localeCompare(b.id));
  return candidates[0] ?? null;
}

/** Horizontal bar geometry for a 0–100 % value in a plot `width` wide: never negative, never past the end. */
export function barWidth(percent: number | null, width: number): number {
  if (percent === null || !Number.isFinite(percent)) return 0;
  return (Math.min(100, Math.max(0, percent)) / 100) * width;
}

/** "Sofía R." style short names for the child switcher on a phone. */
export function shortName(person: { firstName: string; lastName: string }): string {
  const initial = person.lastName.trim().charAt(0);
  return initial ? `${person.firstName} ${initial}.` : person.firstName;
}
