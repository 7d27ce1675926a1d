/**
 * Attendance from presence, as pure interval arithmetic (no I/O, unit-tested in intervals.spec.ts).
 *
 * A participant's time in class = union of their in-meeting intervals − union of their waiting-room intervals,
 * clipped to the scheduled slot. Union means a rejoin, or two devices at once, is never counted twice; clipping
 * means joining before the start or staying after the end adds nothing.
 */
export interface Interval {
  start: number;
  end: number;
}

export type PresenceKind = 'joined' | 'left' | 'waiting_joined' | 'waiting_left';

export interface PresenceEvent {
  /** One connection (Zoom participant_uuid, or the participant id): join/leave pairs are matched within it. */
  participantKey: string;
  kind: PresenceKind;
  at: number;
}

/** Sorted, non-overlapping, non-empty intervals covering the same instants. */
export function unionOf(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((interval) => interval.end > interval.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** `from` minus `remove`; both are unions (sorted, disjoint). */
export function subtract(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  const result: Interval[] = [];
  for (const interval of from) {
    let pieces: Interval[] = [{ ...interval }];
    for (const cut of remove) {
      if (cut.end <= interval.start || cut.start >= interval.end) continue;
      pieces = pieces.flatMap((piece) => {
        if (cut.end <= piece.start || cut.start >= piece.end) return [piece];
        const parts: Interval[] = [];
        if (cut.start > piece.start) parts.push({ start: piece.start, end: cut.start });
        if (cut.end < piece.end) parts.push({ start: cut.end, end: piece.end });
        return parts;
      });
    }
    result.push(...pieces);
  }
  return result;
}

export function clip(intervals: readonly Interval[], slot: Interval): Interval[] {
  return intervals
    .map((interval) => ({ start: Math.max(interval.start, slot.start), end: Math.min(interval.end, slot.end) }))
    .filter((interval) => interval.end > interval.start);
}

export function totalMs(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, interval) => sum + (interval.end - interval.start), 0);
}

/**
 * Pairs each `open` with the next `close` of the same connection, in time order. A connection still open at the
 * end (its leave never came) is closed at `openEnd`; a close without an open is ignored (nothing proves presence).
 */
function pairIntervals(events: readonly PresenceEvent[], open: PresenceKind, close: PresenceKind, openEnd: number): Interval[] {
  const byKey = new Map<string, PresenceEvent[]>();
  for (const event of events) {
    if (event.kind !== open && event.kind !== close) continue;
    const list = byKey.get(event.participantKey) ?? [];
    list.push(event);
    byKey.set(event.participantKey, list);
  }
  const intervals: Interval[] = [];
  for (const list of byKey.values()) {
    // At equal instants a close sorts before an open, so leave+rejoin in the same second is one continuous stay.
    list.sort((a, b) => a.at - b.at || (a.kind === close ? -1 : 1));
    let openedAt: number | null = null;
    for (const event of list) {
      if (event.kind === open) {
        if (openedAt === null) openedAt = event.at;
      } else if (openedAt !== null) {
        intervals.push({ start: openedAt, end: event.at });
        openedAt = null;
      }
    }
    if (openedAt !== null) intervals.push({ start: openedAt, end: Math.max(openedAt, openEnd) });
  }
  return intervals;
}

export interface PresenceSummary {
  /** Milliseconds in the meeting inside the slot, waiting room excluded. */
  attendedMs: number;
  /** First instant in the meeting (not the waiting room) inside the slot, or null. */
  firstJoinedAt: number | null;
  intervals: Interval[];
}

/**
 * One participant's presence in a slot. `meetingEnd` closes connections whose leave never came (the meeting's
 * actual end, else the slot end).
 */
export function summarizePresence(events: readonly PresenceEvent[], slot: Interval, meetingEnd: number = slot.end): PresenceSummary {
  const inMeeting = unionOf(pairIntervals(events, 'joined', 'left', meetingEnd));
  const waiting = unionOf(pairIntervals(events, 'waiting_joined', 'waiting_left', meetingEnd));
  const intervals = clip(subtract(inMeeting, waiting), slot);
  return { attendedMs: totalMs(intervals), firstJoinedAt: intervals[0]?.start ?? null, intervals };
}

/**
 * Participation score 0..100: 80 points for the share of the slot attended, 20 for Q&A activity (a question
 * asked = 1, an upvote = 0.5, saturating at 2). Someone who was not there scores 0 whatever they typed.
 */
export function participationScore(attendedRatio: number, questionsAsked: number, votesGiven: number): number {
  if (attendedRatio <= 0) return 0;
  const qa = Math.min(1, (questionsAsked + 0.5 * votesGiven) / 2);
  return Math.round((80 * Math.min(1, attendedRatio) + 20 * qa) * 100) / 100;
}
