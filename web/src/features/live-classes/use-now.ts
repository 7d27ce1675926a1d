import { useEffect, useState } from 'react';
import { tickIntervalFor } from './live-class-logic';

/** The current time, re-rendered every second when `target` is within the hour, else every 30 s. */
export function useNow(target?: number): number {
  const [now, setNow] = useState(() => Date.now());
  const interval = target === undefined ? 30_000 : tickIntervalFor(target - now);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), interval);
    return () => window.clearInterval(timer);
  }, [interval]);
  return now;
}
