/** Calendar facts of an instant in a time zone, for scheduling digests at a local hour. */
export interface LocalMoment {
  /** YYYY-MM-DD */
  date: string;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  hour: number;
}

export function localMoment(at: Date, timeZone: string): LocalMoment {
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23', weekday: 'short' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return { date: `${part('year')}-${part('month')}-${part('day')}`, weekday: weekdays.indexOf(part('weekday')) + 1, hour: Number(part('hour')) };
}

/** ISO 8601 week of a calendar date, `2026-W48`. */
export function isoWeekKey(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(year, month - 1, day));
  const weekday = utc.getUTCDay() || 7;
  utc.setUTCDate(utc.getUTCDate() + 4 - weekday);
  const weekYear = utc.getUTCFullYear();
  const week = Math.ceil(((utc.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

export interface DuePeriod {
  period: 'daily' | 'weekly';
  periodKey: string;
  start: Date;
  end: Date;
}

/**
 * Which digests are due for a parent now. Weekly: from Monday at `hour` (local) on, once per ISO week, so a service
 * that was down on Monday still sends it later in the week. Daily: Monday to Friday from `hour`, once per local date;
 * on Monday the weekly one already covers it when both are on. The period key makes each idempotent.
 */
export function duePeriods(now: Date, timeZone: string, settings: { weekly: boolean; daily: boolean }, hour: number): DuePeriod[] {
  const local = localMoment(now, timeZone);
  const due: DuePeriod[] = [];
  if (settings.weekly && (local.weekday > 1 || local.hour >= hour)) {
    due.push({ period: 'weekly', periodKey: isoWeekKey(local.date), start: new Date(now.getTime() - 7 * 86_400_000), end: now });
  }
  const weekdayMorning = local.weekday <= 5 && local.hour >= hour;
  if (settings.daily && weekdayMorning && !(settings.weekly && local.weekday === 1)) {
    const days = local.weekday === 1 ? 3 : 1;
    due.push({ period: 'daily', periodKey: local.date, start: new Date(now.getTime() - days * 86_400_000), end: now });
  }
  return due;
}
