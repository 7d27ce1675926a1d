/**
 * Calendar arithmetic in the user's timezone (attendance sessions, live classes, the safeguarding review). Days are `YYYY-MM-DD` keys (a calendar date,
 * not an instant); instants are placed on days with Intl, so daylight-saving changes never shift a class.
 */
export type DayKey = string;

const partsCache = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsCache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsCache.set(timeZone, format);
  }
  return format;
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function zonedParts(instant: Date | string, timeZone: string): ZonedParts {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const values: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(date)) {
    if (part.type !== 'literal') values[part.type] = Number.parseInt(part.value, 10);
  }
  return {
    year: values.year ?? 1970,
    month: values.month ?? 1,
    day: values.day ?? 1,
    hour: (values.hour ?? 0) % 24,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The calendar day an instant falls on in `timeZone`. */
export function dayKeyOf(instant: Date | string, timeZone: string): DayKey {
  const parts = zonedParts(instant, timeZone);
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`;
}

/** "HH:MM" of an instant in `timeZone` (for form fields). */
export function timeOfDayOf(instant: Date | string, timeZone: string): string {
  const parts = zonedParts(instant, timeZone);
  return `${pad(parts.hour)}:${pad(parts.minute)}`;
}

function parseDayKey(day: DayKey): [number, number, number] {
  const [year, month, dayOfMonth] = day.split('-').map((value) => Number.parseInt(value, 10));
  return [year ?? 1970, month ?? 1, dayOfMonth ?? 1];
}

function fromUtcDate(date: Date): DayKey {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

export function addDays(day: DayKey, count: number): DayKey {
  const [year, month, dayOfMonth] = parseDayKey(day);
  return fromUtcDate(new Date(Date.UTC(year, month - 1, dayOfMonth + count)));
}

export function addMonths(day: DayKey, count: number): DayKey {
  const [year, month] = parseDayKey(day);
  return fromUtcDate(new Date(Date.UTC(year, month - 1 + count, 1)));
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: DayKey): number {
  const [year, month, dayOfMonth] = parseDayKey(day);
  const weekday = new Date(Date.UTC(year, month - 1, dayOfMonth)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function startOfWeek(day: DayKey): DayKey {
  return addDays(day, 1 - isoWeekday(day));
}

export function weekDays(day: DayKey): DayKey[] {
  const monday = startOfWeek(day);
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}

export function startOfMonth(day: DayKey): DayKey {
  return `${day.slice(0, 7)}-01`;
}

/** The month view: whole weeks (Monday first) covering the month, 5 or 6 rows. */
export function monthGrid(day: DayKey): DayKey[] {
  const first = startOfMonth(day);
  const last = addDays(addMonths(first, 1), -1);
  const start = startOfWeek(first);
  const end = addDays(startOfWeek(last), 6);
  const days: DayKey[] = [];
  for (let cursor = start; cursor <= end; cursor = addDays(cursor, 1)) days.push(cursor);
  return days;
}

/** The UTC offset of `timeZone` at an instant, in minutes (east positive). */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = zonedParts(new Date(instant), timeZone);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant of a wall-clock time in `timeZone` ("2025-03-10", "08:00", "America/Monterrey"). In a spring-forward
 * gap the time moves forward by the gap; in a fall-back overlap the first occurrence wins.
 */
export function zonedTimeToInstant(day: DayKey, time: string, timeZone: string): Date {
  const [year, month, dayOfMonth] = parseDayKey(day);
  const [hour = 0, minute = 0] = time.split(':').map((value) => Number.parseInt(value, 10));
  const wall = Date.UTC(year, month - 1, dayOfMonth, hour, minute);
  const guessOffset = offsetMinutes(wall, timeZone);
  const candidate = wall - guessOffset * 60_000;
  const actualOffset = offsetMinutes(candidate, timeZone);
  if (actualOffset === guessOffset) return new Date(candidate);
  const alternative = wall - actualOffset * 60_000;
  return new Date(offsetMinutes(alternative, timeZone) === actualOffset ? alternative : candidate);
}

/** The [from, to) instants covering a range of days in `timeZone`, for the sessions query. */
export function dayRangeToInstants(firstDay: DayKey, lastDay: DayKey, timeZone: string): { from: string; to: string } {
  return {
    from: zonedTimeToInstant(firstDay, '00:00', timeZone).toISOString(),
    to: zonedTimeToInstant(addDays(lastDay, 1), '00:00', timeZone).toISOString(),
  };
}

/** Items grouped by the day they start on in `timeZone`, each day sorted by start time. */
export function groupByDay<T extends { startsAt: string }>(items: readonly T[], timeZone: string): Map<DayKey, T[]> {
  const groups = new Map<DayKey, T[]>();
  for (const item of items) {
    const key = dayKeyOf(item.startsAt, timeZone);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  for (const list of groups.values()) list.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return groups;
}

/** A day key formatted as a calendar date (no timezone shift: the key is already the local day). */
export function formatDayKey(day: DayKey, locale: string, options: Intl.DateTimeFormatOptions): string {
  const [year, month, dayOfMonth] = parseDayKey(day);
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, dayOfMonth, 12)));
}
