import { advisoryLockKey } from './data-source';

describe('advisoryLockKey', () => {
  it('is stable across processes and releases (a persisted value: changing it breaks the lock)', () => {
    expect(advisoryLockKey('core')).toBe(advisoryLockKey('core'));
    expect(advisoryLockKey('core')).toBe(-395800405);
  });

  it('is a signed 32-bit integer, different per schema', () => {
    const keys = ['core', 'notifications', 'attendance', 'chat', 'live_classes', 'parent_portal'].map(advisoryLockKey);
    for (const key of keys) {
      expect(Number.isInteger(key)).toBe(true);
      expect(key).toBeGreaterThanOrEqual(-(2 ** 31));
      expect(key).toBeLessThan(2 ** 31);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });
});
