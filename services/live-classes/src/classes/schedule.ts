import { localDate, parseCalendarDate, wallClock, zonedToUtc } from '@tec/shared';

export const MAX_SERIES_CLASSES = 100;

/**
 * The meetings of a weekly series: from the first class's local date to `until` (inclusive), on the given ISO
 * weekdays, each at the first class's wall-clock time in `timeZone` (so 09:00 stays 09:00 across DST) and with its
 * duration. Returns at most MAX_SERIES_CLASSES + 1 so the caller can refuse an oversized series.
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
    if (meetings.length > MAX_SERIES_CLASSES) break;
  }
  return meetings;
}

/** Two meetings overlap when each starts before the other ends (touching end-to-start is fine). */
export function overlapping(meetings: readonly { startsAt: Date; endsAt: Date }[]): boolean {
  const sorted = [...meetings].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return sorted.some((meeting, index) => index > 0 && meeting.startsAt < sorted[index - 1]!.endsAt);
}
