/** Wall-clock parts in an IANA zone (falls back to UTC for an unknown zone, so a bad profile never blocks mail). */
export interface LocalParts {
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  hour: number;
  minute: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function localParts(at: Date, timezone: string): LocalParts {
  let zone = timezone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    weekday: WEEKDAYS.indexOf(get('weekday')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
  };
}

function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

export interface QuietWindow {
  enabled: boolean;
  start: string;
  end: string;
}

/**
 * When the user's quiet hours end, if `at` falls inside them; null otherwise. The window may cross midnight
 * (22:00 → 07:00). Computed in minutes from `at`, so a DST change inside the window shifts the end by an hour at most.
 */
export function quietHoursEnd(at: Date, timezone: string, window: QuietWindow): Date | null {
  if (!window.enabled) return null;
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start === end) return null;
  const local = localParts(at, timezone);
  const now = local.hour * 60 + local.minute;
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return null;
  const minutesLeft = (end - now + 24 * 60) % (24 * 60);
  const endAt = new Date(at.getTime() + minutesLeft * 60_000);
  endAt.setUTCSeconds(0, 0);
  return endAt;
}
