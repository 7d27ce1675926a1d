import { addDays, addMonths, dayKeyOf, dayRangeToInstants, groupByDay, isoWeekday, monthGrid, startOfWeek, weekDays, zonedTimeToInstant } from './calendar';

describe('attendance calendar', () => {
  it('places an instant on the day of the user zone, not UTC', () => {
    // 02:00 UTC on the 11th is still the evening of the 10th in Monterrey (UTC−6).
    expect(dayKeyOf('2025-03-11T02:00:00Z', 'America/Monterrey')).toBe('2025-03-10');
    expect(dayKeyOf('2025-03-11T02:00:00Z', 'Europe/Madrid')).toBe('2025-03-11');
  });

  it('does day and month arithmetic across month and year ends', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-01');
    expect(isoWeekday('2025-03-10')).toBe(1);
    expect(isoWeekday('2025-03-16')).toBe(7);
    expect(startOfWeek('2025-03-16')).toBe('2025-03-10');
    expect(weekDays('2025-03-12')).toEqual(['2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13', '2025-03-14', '2025-03-15', '2025-03-16']);
  });

  it('builds a month grid of whole Monday-first weeks', () => {
    const grid = monthGrid('2025-03-18');
    expect(grid[0]).toBe('2025-02-24');
    expect(grid.at(-1)).toBe('2025-04-06');
    expect(grid.length % 7).toBe(0);
    expect(grid).toContain('2025-03-31');
  });

  it('turns a wall-clock time in a zone into the instant, across daylight saving', () => {
    expect(zonedTimeToInstant('2025-03-10', '08:00', 'America/Monterrey').toISOString()).toBe('2025-03-10T14:00:00.000Z');
    // New York: EST before 9 March 2025, EDT after.
    expect(zonedTimeToInstant('2025-03-07', '08:00', 'America/New_York').toISOString()).toBe('2025-03-07T13:00:00.000Z');
    expect(zonedTimeToInstant('2025-03-10', '08:00', 'America/New_York').toISOString()).toBe('2025-03-10T12:00:00.000Z');
    // 02:30 does not exist on 9 March in New York: it moves forward to 03:30 EDT.
    expect(zonedTimeToInstant('2025-03-09', '02:30', 'America/New_York').toISOString()).toBe('2025-03-09T07:30:00.000Z');
    // 01:30 happens twice on 2 November: the first (EDT) wins.
    expect(zonedTimeToInstant('2025-11-02', '01:30', 'America/New_York').toISOString()).toBe('2025-11-02T05:30:00.000Z');
  });

  it('covers a range of local days with [from, to) instants', () => {
    expect(dayRangeToInstants('2025-03-10', '2025-03-16', 'America/Monterrey')).toEqual({
      from: '2025-03-10T06:00:00.000Z',
      to: '2025-03-17T06:00:00.000Z',
    });
  });

  it('groups sessions by local day, each day in start order', () => {
    const groups = groupByDay(
      [
        { id: 'b', startsAt: '2025-03-10T16:00:00Z' },
        { id: 'a', startsAt: '2025-03-10T14:00:00Z' },
        { id: 'c', startsAt: '2025-03-11T03:00:00Z' },
      ],
      'America/Monterrey',
    );
    expect([...groups.keys()]).toEqual(['2025-03-10']);
    expect(groups.get('2025-03-10')?.map((item) => item.id)).toEqual(['a', 'b', 'c']);
  });
});
