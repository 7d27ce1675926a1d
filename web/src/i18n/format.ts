/**
 * Dates, times and numbers in the signed-in user's timezone and locale (never the browser's guess), all through
 * Intl. Formatters are cached: building an Intl.DateTimeFormat is far slower than using one.
 */
export interface FormatContext {
  locale: string;
  timeZone: string;
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>(key: string, build: () => T): T {
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = build();
    cache.set(key, formatter);
  }
  return formatter as T;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A profile may carry a zone or locale this browser doesn't know; fall back instead of throwing mid-render. */
export function safeContext(locale: string | undefined, timeZone: string | undefined): FormatContext {
  let safeLocale = 'en';
  try {
    safeLocale = Intl.getCanonicalLocales(locale || 'en')[0] ?? 'en';
  } catch {
    safeLocale = 'en';
  }
  let safeZone = browserTimeZone();
  try {
    if (timeZone) safeZone = new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
  } catch {
    safeZone = browserTimeZone();
  }
  return { locale: safeLocale, timeZone: safeZone };
}

function toDate(value: string | number | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

function dateTimeFormat(context: FormatContext, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `dt|${context.locale}|${context.timeZone}|${JSON.stringify(options)}`;
  return cached(key, () => new Intl.DateTimeFormat(context.locale, { ...options, timeZone: context.timeZone }));
}

/** "Tue, 14 May 2025" */
export function formatDate(value: string | number | Date, context: FormatContext): string {
  return dateTimeFormat(context, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(toDate(value));
}

/** "Tue, 14 May, 14:30" */
export function formatDateTime(value: string | number | Date, context: FormatContext): string {
  return dateTimeFormat(context, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(
    toDate(value),
  );
}

/** "14:30" */
export function formatTime(value: string | number | Date, context: FormatContext): string {
  return dateTimeFormat(context, { hour: 'numeric', minute: '2-digit' }).format(toDate(value));
}

/** "14:30:05": for "last checked" times that change every few seconds. */
export function formatClock(value: string | number | Date, context: FormatContext): string {
  return dateTimeFormat(context, { hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(toDate(value));
}

/** The hour of day in the user's zone, for greetings. */
export function hourInZone(value: Date, context: FormatContext): number {
  const hour = dateTimeFormat(context, { hour: 'numeric', hourCycle: 'h23' }).format(value);
  return Number.parseInt(hour, 10) % 24;
}

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "in 3 days", "2 hours ago" */
export function formatRelative(value: string | number | Date, context: FormatContext, now: Date = new Date()): string {
  let amount = (toDate(value).getTime() - now.getTime()) / 1000;
  const formatter = cached(`rel|${context.locale}`, () => new Intl.RelativeTimeFormat(context.locale, { numeric: 'auto' }));
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(amount) < size) return formatter.format(Math.round(amount), unit);
    amount /= size;
  }
  return formatter.format(Math.round(amount), 'year');
}

const DURATION_STEPS: Array<[unit: 'second' | 'minute' | 'hour' | 'day', ms: number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/**
 * A length of time in words, in its largest whole unit: "42 seconds", "5 minutes", "3 hours", "2 days" (rounded
 * down: an event waiting 119 s has waited "1 minute", not "2"). Anything under a second reads "0 seconds".
 */
export function formatDuration(ms: number, context: FormatContext): string {
  const safe = Number.isFinite(ms) ? Math.max(0, ms) : 0;
  const [unit, size] = DURATION_STEPS.find(([, stepMs]) => safe >= stepMs) ?? ['second', 1_000];
  return formatNumber(Math.floor(safe / size), context, { style: 'unit', unit, unitDisplay: 'long' });
}

/** "12 ms" */
export function formatMilliseconds(ms: number, context: FormatContext): string {
  return formatNumber(Math.round(ms), context, { style: 'unit', unit: 'millisecond', unitDisplay: 'short' });
}

export function formatNumber(value: number, context: FormatContext, options: Intl.NumberFormatOptions = {}): string {
  return cached(`num|${context.locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(context.locale, options)).format(value);
}

export function formatPercent(fraction: number, context: FormatContext): string {
  return formatNumber(fraction, context, { style: 'percent', maximumFractionDigits: 0 });
}

/** A zone's current offset for the picker ("GMT+2"). */
export function timeZoneOffsetLabel(timeZone: string, locale: string): string {
  try {
    const parts = dateTimeFormat({ locale, timeZone }, { timeZoneName: 'shortOffset' }).formatToParts(new Date());
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
}
