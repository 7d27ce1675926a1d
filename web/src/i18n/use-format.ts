import { useMemo } from 'react';
import { useSession } from '../features/auth/use-session';
import { formatLocaleFor } from './index';
import {
  type FormatContext,
  formatDate,
  formatDateTime,
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
      relative: (value) => formatRelative(value, context),
      number: (value) => formatNumber(value, context),
      percent: (fraction) => formatPercent(fraction, context),
      hour: (value) => hourInZone(value, context),
    };
  }, [locale, timeZone]);
}
