import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

interface Window {
  ttl: number;
  /** Start of the current window (aligned to multiples of ttl). */
  start: number;
  current: number;
  previous: number;
  blockedUntil: number;
}

/**
 * Rate-limit counters in O(1) per request and per key: the sliding-window estimate
 * `previous × (share of the previous window still inside the last ttl) + current`.
 *
 * The throttler's default in-memory storage keeps one timestamp per hit and filters the whole list on every
 * request, so a key with many hits (a school's students all behind one public IP) costs time proportional to its
 * traffic, and `Math.min(...hits)` fails outright on very long lists. A refused request is not counted; once over
 * the limit a key stays blocked for `blockDuration` (the window by default), which is the Retry-After, and then
 * starts afresh (as the default storage does).
 */
@Injectable()
export class SlidingWindowThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    return this.hit(`${throttlerName}\u0000${key}`, ttl, limit, blockDuration, Date.now());
  }

  /** Synchronous core of `increment`, with the clock as a parameter for tests. */
  hit(id: string, ttl: number, limit: number, blockDuration: number, now: number): ThrottlerStorageRecord {
    const start = now - (now % ttl);
    let window = this.windows.get(id);
    if (!window) {
      window = { ttl, start, current: 0, previous: 0, blockedUntil: 0 };
      this.windows.set(id, window);
    } else if (window.start !== start) {
      window.previous = window.start === start - ttl ? window.current : 0;
      window.current = 0;
      window.start = start;
    }
    const timeToExpire = Math.ceil((start + ttl - now) / 1000);
    if (window.blockedUntil > now) {
      return { totalHits: limit + 1, timeToExpire, isBlocked: true, timeToBlockExpire: Math.ceil((window.blockedUntil - now) / 1000) };
    }
    if (window.blockedUntil > 0) {
      // The block was the penalty: the key starts afresh, so Retry-After is the real wait.
      Object.assign(window, { previous: 0, current: 0, blockedUntil: 0 });
    }
    const estimate = window.previous * (1 - (now - start) / ttl) + window.current + 1;
    if (estimate > limit) {
      const wait = blockDuration > 0 ? blockDuration : start + ttl - now;
      window.blockedUntil = now + wait;
      return { totalHits: Math.ceil(estimate), timeToExpire, isBlocked: true, timeToBlockExpire: Math.ceil(wait / 1000) };
    }
    window.current += 1;
    return { totalHits: Math.ceil(estimate), timeToExpire, isBlocked: false, timeToBlockExpire: 0 };
  }

  /** Forgets keys idle for two windows and not blocked, so memory follows the active clients only. */
  sweep(now = Date.now()): void {
    for (const [id, window] of this.windows) {
      if (window.start + 2 * window.ttl <= now && window.blockedUntil <= now) this.windows.delete(id);
    }
  }

  get size(): number {
    return this.windows.size;
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}
