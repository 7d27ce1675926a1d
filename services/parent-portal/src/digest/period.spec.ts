import { duePeriods, isoWeekKey, localMoment } from './period';

describe('digest periods', () => {
  it('computes ISO weeks, including the year boundary', () => {
    expect(isoWeekKey('2026-11-23')).toBe('2026-W48');
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53');
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01');
  });

  it('reads the local date, weekday and hour in the parent zone', () => {
    // Monday 2026-11-23 03:30 UTC is still Sunday evening in Monterrey (UTC-6).
    expect(localMoment(new Date('2026-11-23T03:30:00Z'), 'America/Monterrey')).toEqual({ date: '2026-11-22', weekday: 7, hour: 21 });
    expect(localMoment(new Date('2026-11-23T03:30:00Z'), 'Asia/Tokyo')).toEqual({ date: '2026-11-23', weekday: 1, hour: 12 });
    expect(localMoment(new Date('2026-11-23T03:30:00Z'), 'Not/AZone').date).toBe('2026-11-23');
  });

  it('weekly from Monday at the hour (local) on; daily on weekdays only; Monday daily folded into the weekly', () => {
    const both = { weekly: true, daily: true };
    // Monday 06:59 in Madrid (UTC+1): nothing yet.
    expect(duePeriods(new Date('2026-11-23T05:59:00Z'), 'Europe/Madrid', both, 7)).toEqual([]);
    // Monday 07:00 in Madrid: the weekly only.
    expect(duePeriods(new Date('2026-11-23T06:00:00Z'), 'Europe/Madrid', both, 7).map((due) => `${due.period}:${due.periodKey}`)).toEqual(['weekly:2026-W48']);
    // Tuesday: the week's weekly (same key, idempotent) and the daily.
    expect(duePeriods(new Date('2026-11-24T08:00:00Z'), 'Europe/Madrid', both, 7).map((due) => `${due.period}:${due.periodKey}`)).toEqual(['weekly:2026-W48', 'daily:2026-11-24']);
    // Saturday: no daily.
    expect(duePeriods(new Date('2026-11-28T10:00:00Z'), 'Europe/Madrid', { weekly: false, daily: true }, 7)).toEqual([]);
    // Monday daily without weekly covers the weekend (3 days).
    const [monday] = duePeriods(new Date('2026-11-23T08:00:00Z'), 'Europe/Madrid', { weekly: false, daily: true }, 7);
    expect((monday!.end.getTime() - monday!.start.getTime()) / 86_400_000).toBe(3);
  });
});
