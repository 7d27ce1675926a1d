import type { PreferenceView } from '../../api/notifications.api';
import { badgeText, changedCells, crossesMidnight, isValidTime, setMode, toPreferenceRows } from './preference-grid';

const cells: PreferenceView[] = [
  { category: 'security', channel: 'in_app', mode: 'immediately', locked: true },
  { category: 'security', channel: 'email', mode: 'immediately', locked: true },
  { category: 'grades', channel: 'email', mode: 'daily_digest', locked: false },
  { category: 'grades', channel: 'in_app', mode: 'immediately', locked: false },
  { category: 'forum', channel: 'email', mode: 'off', locked: false },
];

describe('preference grid', () => {
  it('groups cells by category in the contract order, defaulting a missing channel to immediately', () => {
    const rows = toPreferenceRows(cells);
    expect(rows.map((row) => row.category)).toEqual(['forum', 'grades', 'security']);
    expect(rows[0]).toEqual({ category: 'forum', locked: false, modes: { email: 'off', in_app: 'immediately' } });
    expect(rows[1]?.modes).toEqual({ email: 'daily_digest', in_app: 'immediately' });
    expect(rows[2]?.locked).toBe(true);
  });

  it('keeps a category this build does not know, at the end', () => {
    const rows = toPreferenceRows([...cells, { category: 'future' as never, channel: 'email', mode: 'off', locked: false }]);
    expect(rows.at(-1)?.category).toBe('future');
  });

  it('changes one cell and reports only the changed, unlocked cells', () => {
    const saved = toPreferenceRows(cells);
    let draft = setMode(saved, 'grades', 'email', 'weekly_digest');
    draft = setMode(draft, 'security', 'email', 'off');
    expect(draft.find((row) => row.category === 'security')?.modes.email).toBe('immediately');
    expect(changedCells(saved, draft)).toEqual([{ category: 'grades', channel: 'email', mode: 'weekly_digest' }]);
    expect(changedCells(saved, saved)).toEqual([]);
  });

  it('validates quiet-hour times and spots a window over midnight', () => {
    expect(isValidTime('22:00')).toBe(true);
    expect(isValidTime('24:00')).toBe(false);
    expect(isValidTime('7:00')).toBe(false);
    expect(crossesMidnight('22:00', '07:00')).toBe(true);
    expect(crossesMidnight('12:00', '13:30')).toBe(false);
  });

  it('caps the badge at 99+', () => {
    expect(badgeText(0)).toBe('0');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(120)).toBe('99+');
  });
});
