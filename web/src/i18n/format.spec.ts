import { formatClock, formatDate, formatDateTime, formatDuration, formatMilliseconds, formatRelative, safeContext } from './format';

describe('dates in the user’s timezone', () => {
  const instant = '2026-03-01T23:30:00Z';

  it('formats in the profile zone, not the machine zone', () => {
    expect(formatDate(instant, { locale: 'en-US', timeZone: 'UTC' })).toBe('Sun, Mar 1, 2026');
    // Half past eleven at night in UTC is already Monday morning in Madrid.
    expect(formatDate(instant, { locale: 'en-US', timeZone: 'Europe/Madrid' })).toBe('Mon, Mar 2, 2026');
    expect(formatDateTime(instant, { locale: 'en-US', timeZone: 'America/Monterrey' })).toContain('5:30');
  });

  it('falls back instead of throwing on a zone or locale the browser does not know', () => {
    const context = safeContext('not a locale!!', 'Mars/Olympus_Mons');
    expect(context.locale).toBe('en');
    expect(() => formatDate(instant, context)).not.toThrow();
  });

  it('says how far away a date is', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(formatRelative('2026-03-04T12:00:00Z', { locale: 'en', timeZone: 'UTC' }, now)).toBe('in 3 days');
    expect(formatRelative('2026-02-24T12:00:00Z', { locale: 'en', timeZone: 'UTC' }, now)).toBe('5 days ago');
  });
});

describe('durations in words', () => {
  const en = { locale: 'en', timeZone: 'UTC' };

  it('uses the largest whole unit, rounded down', () => {
    expect(formatDuration(42_000, en)).toBe('42 seconds');
    expect(formatDuration(1_000, en)).toBe('1 second');
    expect(formatDuration(119_000, en)).toBe('1 minute');
    expect(formatDuration(5 * 60_000 + 59_000, en)).toBe('5 minutes');
    expect(formatDuration(3 * 3_600_000 + 1, en)).toBe('3 hours');
    expect(formatDuration(2 * 86_400_000, en)).toBe('2 days');
  });

  it('reads anything under a second, negative or not a number as zero seconds', () => {
    expect(formatDuration(250, en)).toBe('0 seconds');
    expect(formatDuration(-5_000, en)).toBe('0 seconds');
    expect(formatDuration(Number.NaN, en)).toBe('0 seconds');
  });

  it('follows the locale', () => {
    expect(formatDuration(1_500_000, { locale: 'de', timeZone: 'UTC' })).toBe('25 Minuten');
    expect(formatMilliseconds(12.4, en)).toBe('12 ms');
  });

  it('shows the seconds of a clock time in the user’s zone', () => {
    expect(formatClock('2026-03-01T23:30:05Z', { locale: 'en-GB', timeZone: 'Europe/Madrid' })).toBe('0:30:05');
  });
});
