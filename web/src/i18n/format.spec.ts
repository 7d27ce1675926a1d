import { formatDate, formatDateTime, formatRelative, safeContext } from './format';

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
