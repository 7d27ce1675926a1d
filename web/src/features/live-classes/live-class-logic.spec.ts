import type { LiveQuestion } from '@tec/shared/contracts';
import {
  applyQuestionPush,
  barFractions,
  conflictsOf,
  countdownParts,
  fieldErrorsOf,
  formatCountdown,
  joinStateOf,
  opensAtOf,
  replaceQuestion,
  slotMinutesOf,
  sortQuestions,
  splitAgenda,
  tickIntervalFor,
} from './live-class-logic';

const T0 = Date.parse('2025-03-10T15:00:00Z');
const MIN = 60_000;
const klass = (overrides: Partial<{ status: 'scheduled' | 'in_progress' | 'completed' | 'cancelled'; startsAt: string; endsAt: string; joinOpensAt: string }> = {}) => ({
  status: 'scheduled' as const,
  startsAt: new Date(T0).toISOString(),
  endsAt: new Date(T0 + 60 * MIN).toISOString(),
  joinOpensAt: new Date(T0 - 10 * MIN).toISOString(),
  ...overrides,
});

const person = { id: 'p', firstName: 'Ana', lastName: 'Ruiz' };
const question = (id: string, votes: number, createdMinute: number, extra: Partial<LiveQuestion> = {}): LiveQuestion => ({
  id,
  classId: 'c',
  text: id,
  asker: person,
  votes,
  votedByMe: false,
  answered: false,
  answerText: null,
  answeredBy: null,
  answeredAt: null,
  createdAt: new Date(T0 + createdMinute * MIN).toISOString(),
  ...extra,
});

describe('join window', () => {
  it('waits until joinOpensAt for students and twice as early for the host', () => {
    expect(joinStateOf(klass(), T0 - 11 * MIN)).toEqual({ kind: 'waiting', opensAt: T0 - 10 * MIN, msUntilOpen: MIN });
    expect(joinStateOf(klass(), T0 - 10 * MIN)).toEqual({ kind: 'open' });
    expect(joinStateOf(klass(), T0 - 15 * MIN, true)).toEqual({ kind: 'open' });
    expect(joinStateOf(klass(), T0 - 21 * MIN, true)).toMatchObject({ kind: 'waiting', opensAt: T0 - 20 * MIN });
  });

  it('is open while in progress, over at the end or once completed, and closed when cancelled', () => {
    expect(joinStateOf(klass({ status: 'in_progress' }), T0 - 30 * MIN)).toEqual({ kind: 'open' });
    expect(joinStateOf(klass(), T0 + 60 * MIN)).toEqual({ kind: 'over' });
    expect(joinStateOf(klass({ status: 'completed' }), T0 + 5 * MIN)).toEqual({ kind: 'over' });
    expect(joinStateOf(klass({ status: 'cancelled' }), T0)).toEqual({ kind: 'cancelled' });
  });
});

describe('countdown', () => {
  it('splits a span into days, hours, minutes and seconds, rounding up to the second', () => {
    expect(countdownParts(((26 * 60 + 3) * 60 + 4) * 1000 + 1)).toEqual({ days: 1, hours: 2, minutes: 3, seconds: 5 });
    expect(countdownParts(-5000)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
  });
  it('formats compactly and ticks every second only in the last hour', () => {
    expect(formatCountdown(65_000)).toBe('01:05');
    expect(formatCountdown(3_725_000)).toBe('01:02:05');
    expect(formatCountdown(90_061_000)).toBe('1d 01:01:01');
    expect(tickIntervalFor(59 * MIN)).toBe(1000);
    expect(tickIntervalFor(2 * 60 * MIN)).toBe(30_000);
  });
});

describe('Q&A list', () => {
  it('sorts by votes, then oldest first', () => {
    expect(sortQuestions([question('a', 1, 2), question('b', 3, 5), question('c', 1, 1)]).map((item) => item.id)).toEqual(['b', 'c', 'a']);
  });
  it('applies a push by id, keeps my own vote and re-sorts; a new question is added', () => {
    const mine = [question('a', 2, 0, { votedByMe: true }), question('b', 1, 1)];
    const afterVote = applyQuestionPush(mine, question('b', 3, 1));
    expect(afterVote.map((item) => [item.id, item.votes, item.votedByMe])).toEqual([
      ['b', 3, false],
      ['a', 2, true],
    ]);
    const answered = applyQuestionPush(afterVote, question('a', 2, 0, { answered: true, answerText: 'Yes' }));
    expect(answered.find((item) => item.id === 'a')).toMatchObject({ answered: true, answerText: 'Yes', votedByMe: true });
    expect(applyQuestionPush(answered, question('z', 0, 9)).map((item) => item.id)).toEqual(['b', 'a', 'z']);
  });
  it('takes a REST reply as the truth for my vote', () => {
    expect(replaceQuestion([question('a', 1, 0, { votedByMe: true })], question('a', 0, 0))[0]).toMatchObject({ votes: 0, votedByMe: false });
  });
});

describe('attendance chart and details', () => {
  it('scales minutes against the slot, clamped', () => {
    expect(barFractions([0, 30, 60, 75, -1], 60)).toEqual([0, 0.5, 1, 1, 0]);
    expect(barFractions([5], 0)).toEqual([0]);
    expect(slotMinutesOf(klass())).toBe(60);
  });
  it('reads conflicts, opensAt and field errors from error details, ignoring junk', () => {
    expect(conflictsOf({ conflicts: [{ classId: 'x', name: 'Algebra', startsAt: '2025-03-10T15:00:00Z' }, { bad: 1 }] })).toHaveLength(1);
    expect(conflictsOf(null)).toEqual([]);
    expect(opensAtOf({ opensAt: '2025-03-10T14:50:00Z' })).toBe('2025-03-10T14:50:00Z');
    expect(opensAtOf({})).toBeNull();
    expect(fieldErrorsOf([{ path: 'endsAt', message: 'must be after startsAt' }, { path: 'recurrence.until', message: 'bad' }])).toEqual({ endsAt: 'must be after startsAt', recurrence: 'bad' });
    expect(fieldErrorsOf({ provider: 'Zoom is not set up' })).toEqual({ provider: 'Zoom is not set up' });
  });
  it('splits the agenda into upcoming (soonest first, live included) and past (latest first)', () => {
    const a = { id: 'a', ...klass({ startsAt: new Date(T0 + 120 * MIN).toISOString(), endsAt: new Date(T0 + 180 * MIN).toISOString() }) };
    const b = { id: 'b', ...klass({ status: 'in_progress' }) };
    const c = { id: 'c', ...klass({ status: 'completed', startsAt: new Date(T0 - 48 * 60 * MIN).toISOString() }) };
    const d = { id: 'd', ...klass({ status: 'completed' }) };
    const { upcoming, past } = splitAgenda([a, b, c, d], T0 + 10 * MIN);
    expect(upcoming.map((item) => item.id)).toEqual(['b', 'a']);
    expect(past.map((item) => item.id)).toEqual(['d', 'c']);
  });
});
