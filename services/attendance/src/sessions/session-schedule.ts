import { weeklySeries, type Meeting } from '@tec/shared';

export interface SessionWindow {
  checkinOpensAt: Date;
  lateAfter: Date;
  checkinClosesAt: Date;
}

export interface SessionTimings {
  lateAfterMinutes: number;
  checkinOpensBeforeMinutes: number;
  checkinClosesAfterMinutes: number;
}

const MINUTE = 60_000;

/** The check-in window of a session from its start and the course policy. Late never comes after closing. */
export function checkInWindow(startsAt: Date, policy: SessionTimings): SessionWindow {
  const closes = startsAt.getTime() + policy.checkinClosesAfterMinutes * MINUTE;
  return {
    checkinOpensAt: new Date(startsAt.getTime() - policy.checkinOpensBeforeMinutes * MINUTE),
    lateAfter: new Date(Math.min(startsAt.getTime() + policy.lateAfterMinutes * MINUTE, closes)),
    checkinClosesAt: new Date(closes),
  };
}

export const MAX_SERIES_SESSIONS = 200;

/** The sessions of a weekly series (the platform kit's `weeklySeries`), at most MAX_SERIES_SESSIONS + 1. */
export function expandWeeklySeries(first: Meeting, recurrence: { weekdays: number[]; until: string; timeZone: string }): Meeting[] {
  return weeklySeries(first, recurrence, MAX_SERIES_SESSIONS);
}
