import { checkInWindow, expandWeeklySeries } from './session-schedule';

describe('weekly series', () => {
  it('keeps the local time across a daylight-saving change and meets only on the chosen weekdays', () => {
    // Monday 2025-10-20 09:00 in Madrid (UTC+2); Spain leaves summer time on Sunday 2025-10-26.
    const startsAt = new Date('2025-10-20T07:00:00Z');
    const meetings = expandWeeklySeries(
      { startsAt, endsAt: new Date(startsAt.getTime() + 50 * 60_000) },
      { weekdays: [1, 3], until: '2025-10-29', timeZone: 'Europe/Madrid' },
    );
    expect(meetings.map((meeting) => meeting.startsAt.toISOString())).toEqual([
      '2025-10-20T07:00:00.000Z',
      '2025-10-22T07:00:00.000Z',
      '2025-10-27T08:00:00.000Z',
      '2025-10-29T08:00:00.000Z',
    ]);
    expect(meetings.every((meeting) => meeting.endsAt.getTime() - meeting.startsAt.getTime() === 50 * 60_000)).toBe(true);
  });

  it('derives the check-in window from the policy, never late after closing', () => {
    const startsAt = new Date('2025-01-01T09:00:00Z');
    const window = checkInWindow(startsAt, { lateAfterMinutes: 60, checkinOpensBeforeMinutes: 10, checkinClosesAfterMinutes: 30 });
    expect(window.checkinOpensAt.toISOString()).toBe('2025-01-01T08:50:00.000Z');
    expect(window.lateAfter.toISOString()).toBe('2025-01-01T09:30:00.000Z');
    expect(window.checkinClosesAt.toISOString()).toBe('2025-01-01T09:30:00.000Z');
  });
});
