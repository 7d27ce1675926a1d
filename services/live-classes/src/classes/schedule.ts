import { weeklySeries, type Meeting } from '@tec/shared';

export const MAX_SERIES_CLASSES = 100;

/** The classes of a weekly series (the platform kit's `weeklySeries`), at most MAX_SERIES_CLASSES + 1. */
export function expandWeeklySeries(first: Meeting, recurrence: { weekdays: number[]; until: string; timeZone: string }): Meeting[] {
  return weeklySeries(first, recurrence, MAX_SERIES_CLASSES);
}

/** Two meetings overlap when each starts before the other ends (touching end-to-start is fine). */
export function overlapping(meetings: readonly { startsAt: Date; endsAt: Date }[]): boolean {
  const sorted = [...meetings].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return sorted.some((meeting, index) => index > 0 && meeting.startsAt < sorted[index - 1]!.endsAt);
}
