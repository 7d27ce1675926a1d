import type { RosterEntry } from '@tec/shared/contracts';
import { alreadyStatus, checkInProblem, deviceId, needsLocation, tokenFromScan } from '../check-in/check-in-outcome';
import { fitWithin, shrinkPlan } from '../exemptions/shrink-image';
import { reportFileName } from '../reports/csv-file';
import { applyRecordPush, draftToMarks, gridRows, markAllUnmarked, pruneDraft, setNote, setStatus, tally } from '../roster/grid-state';

function entry(id: string, status: RosterEntry['record'] extends infer R ? (R extends { status: infer S } ? S : never) | null : never, note: string | null = null): RosterEntry {
  return {
    student: { id, firstName: id, lastName: 'X', email: `${id}@x` },
    flags: 0,
    record: status
      ? {
          id: `r-${id}`,
          sessionId: 's',
          courseId: 'c',
          studentId: id,
          status,
          method: 'qr_code',
          markedBy: null,
          markedAt: '2025-03-10T14:00:00Z',
          checkedInAt: null,
          note,
          sessionStartsAt: '2025-03-10T14:00:00Z',
        }
      : null,
  };
}

describe('roster grid state', () => {
  const entries = [entry('ana', 'late'), entry('ben', null), entry('cy', null)];

  it('marks every unmarked student present, keeping check-ins, then takes exceptions', () => {
    let draft = markAllUnmarked(entries, {}, 'present');
    expect(gridRows(entries, draft).map((row) => row.status)).toEqual(['late', 'present', 'present']);
    draft = setStatus(draft, 'cy', 'absent');
    expect(draftToMarks(entries, draft)).toEqual([
      { studentId: 'ben', status: 'present' },
      { studentId: 'cy', status: 'absent' },
    ]);
    expect(tally(gridRows(entries, draft))).toEqual({ present: 1, late: 1, absent: 1, excused: 0, unmarked: 0 });
  });

  it('sends a note with the status it annotates, and nothing for an edit back to the saved state', () => {
    let draft = setNote({}, 'ana', 'bus was late');
    draft = setStatus(draft, 'ben', 'absent');
    draft = setStatus(draft, 'ben', 'absent');
    expect(draftToMarks(entries, draft)).toEqual([
      { studentId: 'ana', status: 'late', note: 'bus was late' },
      { studentId: 'ben', status: 'absent' },
    ]);
    expect(draftToMarks(entries, setStatus({}, 'ana', 'late'))).toEqual([]);
    // A note for an unmarked student waits for its status.
    expect(draftToMarks(entries, setNote({}, 'cy', 'called in'))).toEqual([]);
  });

  it('applies a live record push and drops edits the server now agrees with', () => {
    const roster = { items: entries };
    const pushed = applyRecordPush(roster, {
      student: { id: 'ben' },
      record: { id: 'r-ben', status: 'present', method: 'qr_code', markedAt: '2025-03-10T14:02:00Z', checkedInAt: '2025-03-10T14:02:00Z', note: null },
    });
    expect(pushed.items[1]?.record?.status).toBe('present');
    expect(pushed.items[0]).toBe(entries[0]);
    const draft = pruneDraft(pushed.items, { ben: { status: 'present' }, cy: { status: 'absent' }, gone: { status: 'late' } });
    expect(draft).toEqual({ cy: { status: 'absent' } });
    // Unknown students leave the roster untouched.
    expect(applyRecordPush(roster, { student: { id: 'zed' }, record: { id: 'r', status: 'late', method: 'manual', markedAt: '', checkedInAt: null, note: null } })).toBe(roster);
  });
});

describe('check-in outcome', () => {
  it('explains a stale QR as "scan again", never as signing in again', () => {
    const problem = checkInProblem('TOKEN_EXPIRED');
    expect(problem.title).toBe('checkIn.error.TOKEN_EXPIRED.title');
    expect(problem.action).toBe('scan');
    expect(checkInProblem('NOT_ENROLLED').action).toBe('none');
    expect(checkInProblem('INTERNAL').title).toBe('checkIn.error.generic.title');
  });

  it('asks for the location only when a geofenced class got none', () => {
    expect(needsLocation('OUTSIDE_GEOFENCE', { inside: false, reason: 'no_position' }, false)).toBe(true);
    expect(needsLocation('OUTSIDE_GEOFENCE', { inside: false, reason: 'too_far' }, false)).toBe(false);
    expect(needsLocation('OUTSIDE_GEOFENCE', { inside: false, reason: 'no_position' }, true)).toBe(false);
    expect(needsLocation('TOKEN_EXPIRED', undefined, false)).toBe(false);
    expect(alreadyStatus({ status: 'late' })).toBe('late');
    expect(alreadyStatus(undefined)).toBeNull();
  });

  it('reads the token from a scanned check-in URL of any origin', () => {
    const token = '0b6c8a4e-3f1d-4c55-9a77-2e8f2f7a9d10.1234567.abcDEF_-12';
    expect(tokenFromScan(`https://school.example/check-in?t=${token}`)).toBe(token);
    expect(tokenFromScan(`http://localhost:3000/check-in/?t=${token}`)).toBe(token);
    expect(tokenFromScan('https://evil.example/login?t=x')).toBeNull();
    expect(tokenFromScan(token)).toBe(token);
    expect(tokenFromScan('hello')).toBeNull();
  });

  it('keeps one device id per device', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (key: string) => store.get(key) ?? null, setItem: (key: string, value: string) => void store.set(key, value) };
    const first = deviceId(storage, () => 'device-aaaaaaaa');
    expect(first).toBe('device-aaaaaaaa');
    expect(deviceId(storage, () => 'device-bbbbbbbb')).toBe(first);
    expect(deviceId(null, () => 'device-cccccccc')).toBe('device-cccccccc');
  });
});

describe('reports and evidence', () => {
  it('names CSV files safely from the report query', () => {
    expect(reportFileName({ type: 'course_summary', courseCode: 'MAT 101', from: '2025-03-01', to: '2025-03-31' })).toBe(
      'attendance-course-summary-mat-101-2025-03-01_2025-03-31.csv',
    );
    expect(reportFileName({ type: 'absentees', date: '2025-03-10' })).toBe('attendance-absentees-2025-03-10.csv');
    expect(reportFileName({ type: 'weekly_trend', courseCode: '../../etc' })).toBe('attendance-weekly-trend-etc.csv');
  });

  it('fits photos within a side limit without enlarging them', () => {
    expect(fitWithin(4032, 3024, 2000)).toEqual({ width: 2000, height: 1500 });
    expect(fitWithin(3024, 4032, 2000)).toEqual({ width: 1500, height: 2000 });
    expect(fitWithin(640, 480, 2000)).toEqual({ width: 640, height: 480 });
    expect(fitWithin(10_000, 1, 2000)).toEqual({ width: 2000, height: 1 });
    expect(fitWithin(0, 10, 2000)).toEqual({ width: 0, height: 0 });
  });

  it('plans ever smaller attempts, down to 800 px', () => {
    const plan = shrinkPlan(4032, 3024);
    expect(plan[0]).toEqual({ width: 2000, height: 1500, quality: 0.85 });
    expect(plan.at(-1)?.width).toBeGreaterThanOrEqual(800);
    const widths = plan.map((step) => step.width);
    expect([...widths].sort((a, b) => b - a)).toEqual(widths);
  });
});
