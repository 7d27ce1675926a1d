import type { Socket } from 'socket.io';
import { SessionExpiryTimers } from './session-expiry';

const socket = (id: string) => ({ id }) as Socket;

describe('SessionExpiryTimers', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-03-01T08:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('expires each socket at its own token expiry, once, and not after it disconnected', () => {
    const expired: string[] = [];
    const timers = new SessionExpiryTimers((expiring) => expired.push(expiring.id));
    timers.watch(socket('a'), new Date(Date.now() + 60_000));
    timers.watch(socket('b'), new Date(Date.now() + 120_000));
    timers.watch(socket('c'), new Date(Date.now() + 90_000));
    timers.forget('c');
    expect(timers.size).toBe(2);
    jest.advanceTimersByTime(59_999);
    expect(expired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(expired).toEqual(['a']);
    jest.advanceTimersByTime(600_000);
    expect(expired).toEqual(['a', 'b']);
    expect(timers.size).toBe(0);
  });

  it('expires an already expired token at once, and waits out a token longer than one timer can', () => {
    const expired: string[] = [];
    const timers = new SessionExpiryTimers((expiring) => expired.push(expiring.id));
    timers.watch(socket('late'), new Date(Date.now() - 1));
    expect(expired).toEqual(['late']);
    const thirtyDays = 30 * 86_400_000;
    timers.watch(socket('long'), new Date(Date.now() + thirtyDays));
    jest.advanceTimersByTime(2 ** 31 - 1);
    expect(expired).toEqual(['late']);
    expect(timers.size).toBe(1);
    jest.advanceTimersByTime(thirtyDays - (2 ** 31 - 1));
    expect(expired).toEqual(['late', 'long']);
  });

  it('clears every timer on shutdown', () => {
    const expired: string[] = [];
    const timers = new SessionExpiryTimers((expiring) => expired.push(expiring.id));
    timers.watch(socket('a'), new Date(Date.now() + 1000));
    timers.clear();
    jest.advanceTimersByTime(5000);
    expect(expired).toEqual([]);
    expect(timers.size).toBe(0);
  });
});
