import { SlidingWindowThrottlerStorage } from '../src/http/sliding-window.storage';

const MINUTE = 60_000;

describe('SlidingWindowThrottlerStorage', () => {
  let storage: SlidingWindowThrottlerStorage;
  beforeEach(() => (storage = new SlidingWindowThrottlerStorage()));
  afterEach(() => storage.onModuleDestroy());

  it('allows exactly the limit in a fresh window, then blocks for the block duration without counting refusals', () => {
    const t0 = 10 * MINUTE; // the start of a window
    const verdicts = Array.from({ length: 7 }, (_, index) => storage.hit('ip:a', MINUTE, 5, MINUTE, t0 + index));
    expect(verdicts.map((verdict) => verdict.isBlocked)).toEqual([false, false, false, false, false, true, true]);
    expect(verdicts[4]!.totalHits).toBe(5);
    expect(verdicts[5]!.timeToBlockExpire).toBe(60);
    // Still blocked 30 s later, with the remaining wait; free again once the block ends.
    expect(storage.hit('ip:a', MINUTE, 5, MINUTE, t0 + 30_000)).toMatchObject({ isBlocked: true, timeToBlockExpire: 31 });
    expect(storage.hit('ip:a', MINUTE, 5, MINUTE, t0 + 5 + MINUTE).isBlocked).toBe(false);
  });

  it('weighs the previous window, so a burst straddling a window edge cannot double the limit', () => {
    const edge = 20 * MINUTE;
    for (let i = 0; i < 5; i += 1) expect(storage.hit('user:1', MINUTE, 5, MINUTE, edge - 1000 + i).isBlocked).toBe(false);
    // Just after the edge almost all of the previous window still counts.
    expect(storage.hit('user:1', MINUTE, 5, MINUTE, edge + 10).isBlocked).toBe(true);
  });

  it('frees capacity gradually as the previous window slides out', () => {
    const t0 = 30 * MINUTE;
    for (let i = 0; i < 10; i += 1) storage.hit('k', MINUTE, 10, 0, t0 + i);
    // Half-way through the next window, half of the previous 10 hits still count: 5 more are allowed, not 10.
    const half = t0 + MINUTE + MINUTE / 2;
    const allowed = Array.from({ length: 8 }, (_, index) => storage.hit('k', MINUTE, 10, 0, half + index)).filter((verdict) => !verdict.isBlocked);
    expect(allowed).toHaveLength(5);
  });

  it('keeps keys and throttlers apart', () => {
    const t0 = 40 * MINUTE;
    for (let i = 0; i < 3; i += 1) storage.hit('ip\u0000a', MINUTE, 3, MINUTE, t0);
    expect(storage.hit('ip\u0000a', MINUTE, 3, MINUTE, t0).isBlocked).toBe(true);
    expect(storage.hit('ip\u0000b', MINUTE, 3, MINUTE, t0).isBlocked).toBe(false);
    expect(storage.hit('user\u0000a', MINUTE, 3, MINUTE, t0).isBlocked).toBe(false);
  });

  it('costs the same per request however many hits a key has, and forgets idle keys', () => {
    const t0 = 50 * MINUTE;
    for (let i = 0; i < 200_000; i += 1) storage.hit('school-nat', MINUTE, 1_000_000, MINUTE, t0 + (i % 1000));
    for (let i = 0; i < 100; i += 1) storage.hit(`client-${i}`, MINUTE, 10, MINUTE, t0);
    expect(storage.size).toBe(101);
    storage.sweep(t0 + 2 * MINUTE);
    expect(storage.size).toBe(0);
  });

  it('answers the throttler interface with whole seconds', async () => {
    const record = await storage.increment('key', MINUTE, 2, MINUTE, 'user');
    expect(record.isBlocked).toBe(false);
    expect(record.timeToExpire).toBeGreaterThan(0);
    expect(record.timeToExpire).toBeLessThanOrEqual(60);
  });
});
