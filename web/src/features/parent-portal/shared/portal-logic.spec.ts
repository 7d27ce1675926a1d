import { ApiError } from '../../../api/api-error';
import { barWidth, codeProblem, explainRedeemError, groupCode, nextClass, normalizeCode, percentTone, shortName, timeLeft } from './portal-logic';

function apiError(code: string, details?: unknown): ApiError {
  return new ApiError({ statusCode: 400, code: code as never, message: 'x', correlationId: 'c', details } as never);
}

const course = { id: 'c1', code: 'MATH', title: 'Maths' };

describe('pairing codes as typed and shown', () => {
  it('normalises case, spaces and dashes like the server', () => {
    expect(normalizeCode(' k7m-2qx ')).toBe('K7M2QX');
    expect(groupCode('k7m2qx')).toBe('K7M 2QX');
    expect(groupCode('AB')).toBe('AB');
  });

  it('spots a code that cannot be one before it costs an attempt', () => {
    expect(codeProblem('')).toBe('empty');
    expect(codeProblem('K7M2Q')).toBe('length');
    expect(codeProblem('K7M2QXX')).toBe('length');
    // 0, O, 1 and I are not in the alphabet (they are easy to confuse).
    expect(codeProblem('K0M2QX')).toBe('characters');
    expect(codeProblem('k7m 2qx')).toBeNull();
  });
});

describe('explainRedeemError', () => {
  it('says how many tries are left after a wrong code', () => {
    expect(explainRedeemError(apiError('PAIRING_CODE_INVALID', { attemptsLeft: 3 }))).toEqual({ key: 'parentPortal.link.error.invalidLeft', vars: { count: 3 } });
    expect(explainRedeemError(apiError('PAIRING_CODE_INVALID'))).toEqual({ key: 'parentPortal.link.error.invalid' });
  });

  it('turns the lock-out into whole minutes, rounding up', () => {
    expect(explainRedeemError(apiError('RATE_LIMITED', { retryAfterSeconds: 61 }))).toEqual({ key: 'parentPortal.link.error.throttled', vars: { minutes: 2 } });
    expect(explainRedeemError(apiError('RATE_LIMITED', { retryAfterSeconds: 5 })).vars).toEqual({ minutes: 1 });
    expect(explainRedeemError(apiError('RATE_LIMITED')).vars).toEqual({ minutes: 15 });
  });

  it('explains an existing link and anything else generically', () => {
    expect(explainRedeemError(apiError('ALREADY_EXISTS')).key).toBe('parentPortal.link.error.exists');
    expect(explainRedeemError(apiError('INTERNAL')).key).toBe('parentPortal.link.error.generic');
    expect(explainRedeemError(new Error('boom')).key).toBe('parentPortal.link.error.generic');
  });
});

describe('timeLeft', () => {
  const now = Date.parse('2025-03-10T12:00:00Z');
  it('uses days, hours, then minutes', () => {
    expect(timeLeft('2025-03-17T12:00:00Z', now)).toEqual({ unit: 'days', value: 7 });
    expect(timeLeft('2025-03-11T18:00:00Z', now)).toEqual({ unit: 'hours', value: 30 });
    expect(timeLeft('2025-03-10T12:20:30Z', now)).toEqual({ unit: 'minutes', value: 20 });
    expect(timeLeft('2025-03-10T12:00:10Z', now)).toEqual({ unit: 'minutes', value: 1 });
  });
  it('is null once expired or for garbage', () => {
    expect(timeLeft('2025-03-10T11:59:59Z', now)).toBeNull();
    expect(timeLeft('not a date', now)).toBeNull();
  });
});

describe('percentTone', () => {
  it('grades against the threshold', () => {
    expect(percentTone(null, 85)).toBe('neutral');
    expect(percentTone(85, 85)).toBe('success');
    expect(percentTone(80, 85)).toBe('warning');
    expect(percentTone(74.9, 85)).toBe('danger');
  });
});

describe('nextClass', () => {
  const now = Date.parse('2025-03-10T12:00:00Z');
  it('picks the earliest of sessions and live classes', () => {
    const result = nextClass(
      {
        upcomingSessions: [{ course, id: 's1', startsAt: '2025-03-11T08:00:00Z', endsAt: '2025-03-11T09:00:00Z', topic: null }],
        upcomingLiveClasses: [{ course, id: 'l1', title: 'Review', startsAt: '2025-03-10T15:00:00Z', endsAt: null }],
      },
      now,
    );
    expect(result).toEqual({ kind: 'live_class', id: 'l1', title: 'Review', courseTitle: 'Maths', startsAt: '2025-03-10T15:00:00Z' });
  });
  it('names a session without a topic after its course, and is null when nothing is planned', () => {
    expect(nextClass({ upcomingSessions: [{ course, id: 's1', startsAt: '2025-03-11T08:00:00Z', endsAt: '2025-03-11T09:00:00Z', topic: null }], upcomingLiveClasses: [] }, now)?.title).toBe('Maths');
    expect(nextClass({ upcomingSessions: [], upcomingLiveClasses: [] }, now)).toBeNull();
  });
});

describe('barWidth and shortName', () => {
  it('clamps bars to the plot', () => {
    expect(barWidth(50, 200)).toBe(100);
    expect(barWidth(130, 200)).toBe(200);
    expect(barWidth(-5, 200)).toBe(0);
    expect(barWidth(null, 200)).toBe(0);
  });
  it('shortens names for the switcher', () => {
    expect(shortName({ firstName: 'Sofía', lastName: 'Rivera' })).toBe('Sofía R.');
    expect(shortName({ firstName: 'Ana', lastName: ' ' })).toBe('Ana');
  });
});
