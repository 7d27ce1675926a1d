import { clip, participationScore, subtract, summarizePresence, unionOf, type PresenceEvent } from './intervals';

const MIN = 60_000;
const slot = { start: 0, end: 60 * MIN };
const ev = (kind: PresenceEvent['kind'], minute: number, participantKey = 'p1'): PresenceEvent => ({ kind, at: minute * MIN, participantKey });
const minutes = (events: PresenceEvent[], meetingEnd?: number) => summarizePresence(events, slot, meetingEnd).attendedMs / MIN;

describe('interval arithmetic', () => {
  it('merges overlapping and touching intervals and drops empty ones', () => {
    expect(unionOf([{ start: 10, end: 20 }, { start: 15, end: 30 }, { start: 30, end: 35 }, { start: 50, end: 50 }, { start: 40, end: 45 }])).toEqual([
      { start: 10, end: 35 },
      { start: 40, end: 45 },
    ]);
  });

  it('subtracts a hole from the middle and clips to a slot', () => {
    expect(subtract([{ start: 0, end: 100 }], [{ start: 20, end: 30 }, { start: 90, end: 120 }])).toEqual([{ start: 0, end: 20 }, { start: 30, end: 90 }]);
    expect(clip([{ start: -50, end: 10 }, { start: 50, end: 200 }], { start: 0, end: 100 })).toEqual([{ start: 0, end: 10 }, { start: 50, end: 100 }]);
  });

  it('counts a simple stay', () => {
    expect(minutes([ev('joined', 5), ev('left', 35)])).toBe(30);
  });

  it('does not count a rejoin twice, and counts the gap as absent', () => {
    expect(minutes([ev('joined', 0), ev('left', 20), ev('joined', 30), ev('left', 50)])).toBe(40);
  });

  it('does not double count two devices connected at once (overlapping connections)', () => {
    expect(minutes([ev('joined', 0, 'laptop'), ev('joined', 10, 'phone'), ev('left', 40, 'laptop'), ev('left', 50, 'phone')])).toBe(50);
  });

  it('clips a join before the start and a leave after the end to the slot', () => {
    expect(minutes([ev('joined', -15), ev('left', 75)])).toBe(60);
    const summary = summarizePresence([ev('joined', -15), ev('left', 10)], slot);
    expect(summary.firstJoinedAt).toBe(0);
    expect(summary.attendedMs / MIN).toBe(10);
  });

  it('excludes time in the waiting room', () => {
    // In the waiting room from 0 to 12, admitted at 12 (Zoom sends joined when admitted).
    expect(minutes([ev('waiting_joined', 0), ev('waiting_left', 12), ev('joined', 12), ev('left', 60)])).toBe(48);
    // Put back in the waiting room by the host from 20 to 30 while still connected.
    expect(minutes([ev('joined', 0), ev('waiting_joined', 20), ev('waiting_left', 30), ev('left', 60)])).toBe(50);
  });

  it('closes a connection whose leave never came at the meeting end, and ignores a leave without a join', () => {
    expect(minutes([ev('joined', 30)], 45 * MIN)).toBe(15);
    expect(minutes([ev('left', 30)])).toBe(0);
  });

  it('is independent of the order events arrive in', () => {
    expect(minutes([ev('left', 50), ev('joined', 30), ev('left', 20), ev('joined', 0)])).toBe(40);
  });

  it('reports the first instant in the meeting (not the waiting room) as the join time', () => {
    expect(summarizePresence([ev('waiting_joined', 2), ev('waiting_left', 7), ev('joined', 7), ev('left', 30)], slot).firstJoinedAt).toBe(7 * MIN);
    expect(summarizePresence([], slot).firstJoinedAt).toBeNull();
  });
});

describe('participation score', () => {
  it('is 80 for the whole slot and 20 for Q&A, and 0 for someone not there', () => {
    expect(participationScore(1, 0, 0)).toBe(80);
    expect(participationScore(1, 2, 0)).toBe(100);
    expect(participationScore(0.5, 1, 0)).toBe(50);
    expect(participationScore(0.5, 0, 1)).toBe(45);
    expect(participationScore(0, 5, 5)).toBe(0);
  });
});
