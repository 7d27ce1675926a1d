import { useMemo } from 'react';
import { useSession } from '../features/auth/use-session';
import { formatLocaleFor } from './index';
import {
  type FormatContext,
  formatClock,
  formatDate,
  formatDateTime,
  formatDuration,
  formatMilliseconds,
  formatNumber,
  formatPercent,
  formatRelative,
  formatTime,
  hourInZone,
  safeContext,
} from './format';

export interface Formatters {
  context: FormatContext;
  date(value: string | number | Date): string;
  dateTime(value: string | number | Date): string;
  time(value: string | number | Date): string;
  /** Time of day with seconds. */
  clock(value: string | number | Date): string;
  /** A length of time in words ("5 minutes"). */
  duration(ms: number): string;
  /** "12 ms" */
  milliseconds(ms: number): string;
  relative(value: string | number | Date): string;
  number(value: number): string;
  percent(fraction: number): string;
  hour(value: Date): number;
}

/** Formatters bound to the signed-in user's locale and timezone (the browser's before sign-in). */
export function useFormat(): Formatters {
  const session = useSession();
  const locale = session.status === 'authenticated' ? session.user.locale : navigator.language;
  const timeZone = session.status === 'authenticated' ? session.user.timezone : undefined;
  return useMemo(() => {
    const context = safeContext(formatLocaleFor(locale || 'en'), timeZone);
    return {
      context,
      date: (value) => formatDate(value, context),
      dateTime: (value) => formatDateTime(value, context),
      time: (value) => formatTime(value, context),
      clock: (value) => formatClock(value, context),
      duration: (ms) => formatDuration(ms, context),
      milliseconds: (ms) => formatMilliseconds(ms, context),
      relative: (value) => formatRelative(value, context),
      number: (value) => formatNumber(value, context),
      percent: (fraction) => formatPercent(fraction, context),
      hour: (value) => hourInZone(value, context),
    };
  }, [locale, timeZone]);
}
