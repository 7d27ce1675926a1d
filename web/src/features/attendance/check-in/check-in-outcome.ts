import type { ErrorCode } from '@tec/shared/contracts';
import type { MessageKey } from '../../../i18n';

/** How the check-in screen explains each refusal: a title, what it means, and what to do next. */
export interface CheckInProblem {
  title: MessageKey;
  body: MessageKey;
  /** `scan`: scanning the code on screen again can help; `none`: it can't. */
  action: 'scan' | 'none';
  tone: 'warning' | 'danger' | 'info';
}

const PROBLEMS: Partial<Record<ErrorCode, CheckInProblem>> = {
  TOKEN_EXPIRED: { title: 'checkIn.error.TOKEN_EXPIRED.title', body: 'checkIn.error.TOKEN_EXPIRED.body', action: 'scan', tone: 'warning' },
  TOKEN_INVALID: { title: 'checkIn.error.TOKEN_INVALID.title', body: 'checkIn.error.TOKEN_INVALID.body', action: 'scan', tone: 'danger' },
  NOT_ENROLLED: { title: 'checkIn.error.NOT_ENROLLED.title', body: 'checkIn.error.NOT_ENROLLED.body', action: 'none', tone: 'danger' },
  SESSION_CLOSED: { title: 'checkIn.error.SESSION_CLOSED.title', body: 'checkIn.error.SESSION_CLOSED.body', action: 'none', tone: 'warning' },
  OUTSIDE_GEOFENCE: { title: 'checkIn.error.OUTSIDE_GEOFENCE.title', body: 'checkIn.error.OUTSIDE_GEOFENCE.body', action: 'scan', tone: 'danger' },
  NETWORK_NOT_ALLOWED: { title: 'checkIn.error.NETWORK_NOT_ALLOWED.title', body: 'checkIn.error.NETWORK_NOT_ALLOWED.body', action: 'scan', tone: 'danger' },
  ALREADY_CHECKED_IN: { title: 'checkIn.error.ALREADY_CHECKED_IN.title', body: 'checkIn.error.ALREADY_CHECKED_IN.body', action: 'none', tone: 'info' },
  DEVICE_ALREADY_USED: { title: 'checkIn.error.DEVICE_ALREADY_USED.title', body: 'checkIn.error.DEVICE_ALREADY_USED.body', action: 'none', tone: 'danger' },
  FORBIDDEN: { title: 'checkIn.error.FORBIDDEN.title', body: 'checkIn.error.FORBIDDEN.body', action: 'none', tone: 'danger' },
};

const GENERIC: CheckInProblem = { title: 'checkIn.error.generic.title', body: 'checkIn.error.generic.body', action: 'scan', tone: 'danger' };

export function checkInProblem(code: ErrorCode): CheckInProblem {
  return PROBLEMS[code] ?? GENERIC;
}

/**
 * The class has a geofence and we sent no position: ask the browser for one and try again (once). A refusal with a
 * position ("too far") is final.
 */
export function needsLocation(code: ErrorCode, details: unknown, sentPosition: boolean): boolean {
  if (code !== 'OUTSIDE_GEOFENCE' || sentPosition) return false;
  const reason = typeof details === 'object' && details !== null ? (details as { reason?: unknown }).reason : undefined;
  return reason === undefined || reason === 'no_position';
}

/** The status the teacher or an earlier scan set, from an ALREADY_CHECKED_IN refusal's details. */
export function alreadyStatus(details: unknown): string | null {
  const status = typeof details === 'object' && details !== null ? (details as { status?: unknown }).status : undefined;
  return typeof status === 'string' ? status : null;
}

/** The token from a scanned code: our check-in URL (any origin: the school's public URL) or a bare token. */
export function tokenFromScan(text: string): string | null {
  const trimmed = text.trim();
  try {
    const url = new URL(trimmed);
    if (!url.pathname.replace(/\/$/, '').endsWith('/check-in')) return null;
    return url.searchParams.get('t') || null;
  } catch {
    return /^[0-9a-f-]{36}\.\d+\.[\w-]+$/i.test(trimmed) ? trimmed : null;
  }
}

export const DEVICE_ID_KEY = 'tec.attendance.deviceId';

/** A random id kept on this device (one device checks in one student per session). Survives sign-out. */
export function deviceId(storage: Pick<Storage, 'getItem' | 'setItem'> | null, random: () => string): string {
  const existing = storage?.getItem(DEVICE_ID_KEY);
  if (existing && existing.length >= 8) return existing;
  const created = random();
  try {
    storage?.setItem(DEVICE_ID_KEY, created);
  } catch {
    // Private mode with storage full or blocked: the id lasts for this page only.
  }
  return created;
}
