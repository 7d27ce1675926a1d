import { localDate, parseCalendarDate, wallClock, zonedToUtc } from './zoned-time';

export interface Meeting {
  startsAt: Date;
  endsAt: Date;
}

/**
 * The meetings of a weekly series: from the first meeting's local date to `until` (inclusive), on the given ISO
 * weekdays, each at the first meeting's wall-clock time in `timeZone` (so 09:00 stays 09:00 across DST) and with
 * its duration. Returns at most `maxMeetings + 1`, so the caller can refuse an oversized series.
 */
export function weeklySeries(first: Meeting, recurrence: { weekdays: number[]; until: string; timeZone: string }, maxMeetings: number): Meeting[] {
  const duration = first.endsAt.getTime() - first.startsAt.getTime();
  const wall = wallClock(first.startsAt, recurrence.timeZone);
  const startDay = parseCalendarDate(localDate(first.startsAt, recurrence.timeZone));
  const until = parseCalendarDate(recurrence.until);
  const untilUtc = Date.UTC(until.year, until.month - 1, until.day);
  const weekdays = new Set(recurrence.weekdays);
  const meetings: Meeting[] = [];
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
    if (meetings.length > maxMeetings) break;
  }
  return meetings;
}
