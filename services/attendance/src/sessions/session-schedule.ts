import { localDate, parseCalendarDate, wallClock, zonedToUtc } from '@tec/shared';

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

/**
 * The meetings of a weekly series: from the first session's local date to `until` (inclusive), on the given ISO
 * weekdays, each at the first session's wall-clock time in `timeZone` (so 09:00 stays 09:00 across DST) and with
 * its duration. Returns at most MAX_SERIES_SESSIONS + 1 so the caller can refuse an oversized series.
 */
export function expandWeeklySeries(
  first: { startsAt: Date; endsAt: Date },
  recurrence: { weekdays: number[]; until: string; timeZone: string },
): { startsAt: Date; endsAt: Date }[] {
  const duration = first.endsAt.getTime() - first.startsAt.getTime();
  const wall = wallClock(first.startsAt, recurrence.timeZone);
  const startDay = parseCalendarDate(localDate(first.startsAt, recurrence.timeZone));
  const until = parseCalendarDate(recurrence.until);
  const untilUtc = Date.UTC(until.year, until.month - 1, until.day);
  const weekdays = new Set(recurrence.weekdays);
  const meetings: { startsAt: Date; endsAt: Date }[] = [];
  for (let day = Date.UTC(startDay.year, startDay.month - 1, startDay.day); day <= untilUtc; day += 86_400_000) {
    const date = new Date(day);
    const isoWeekday = ((date.getUTCDay() + 6) % 7) + 1;
    if (!weekdays.has(isoWeekday)) continue;
    const startsAt = zonedToUtc(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() },
      { hour: wall.hour, minute: wall.minute, second: wall.second },
      recurrence.timeZone,
    );
    meetings.push({ startsAt, endsAt: new Date(startsAt.getTime() + duration) });
    if (meetings.length > MAX_SERIES_SESSIONS) break;
  }
  return meetings;
}
