import ICAL from 'ical.js';
import { buildCalendar, escapeText, foldLine } from './ical';

const now = new Date('2026-11-24T09:00:00Z');
const events = [
  {
    uid: 'live-class-1@tec-lms-engage',
    summary: 'MATH-12A: Limits, continuity; and more',
    description: `Bring a calculator.\nChapter 3, exercises 1–4.\n${'Long line ñ '.repeat(20)}`,
    url: 'https://school.example/live-classes/1',
    location: 'Online',
    startsAt: new Date('2026-11-25T15:00:00Z'),
    endsAt: new Date('2026-11-25T16:00:00Z'),
    status: 'CONFIRMED' as const,
    sequence: 0,
    lastModified: now,
  },
  {
    uid: 'live-class-2@tec-lms-engage',
    summary: 'Cancelled class',
    description: null,
    url: null,
    location: null,
    startsAt: new Date('2026-11-26T15:00:00Z'),
    endsAt: new Date('2026-11-26T16:30:00Z'),
    status: 'CANCELLED' as const,
    sequence: 3,
    lastModified: now,
  },
];

describe('iCalendar feed (RFC 5545)', () => {
  const text = buildCalendar('TEC live classes', events, now);

  it('uses CRLF line ends and folds every line at 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('never splits a multi-byte character when folding', () => {
    const folded = foldLine(`DESCRIPTION:${'ñ'.repeat(80)}`);
    const unfolded = folded.replace(/\r\n /g, '');
    expect(unfolded).toBe(`DESCRIPTION:${'ñ'.repeat(80)}`);
  });

  it('escapes TEXT values', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('parses with ical.js, with UTC times, UIDs, DTSTAMP and the text restored', () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    const vevents = calendar.getAllSubcomponents('vevent');
    expect(vevents).toHaveLength(2);
    const first = new ICAL.Event(vevents[0]!);
    expect(first.uid).toBe('live-class-1@tec-lms-engage');
    expect(first.summary).toBe('MATH-12A: Limits, continuity; and more');
    expect(first.description).toBe(events[0]!.description);
    expect(first.startDate.toJSDate().toISOString()).toBe('2026-11-25T15:00:00.000Z');
    expect(first.endDate.toJSDate().toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(first.startDate.zone?.tzid).toBe('UTC');
    expect(vevents[0]!.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-11-24T09:00:00Z');
    expect(vevents[1]!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevents[1]!.getFirstPropertyValue('sequence')).toBe(3);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toContain('TEC LMS Engage');
  });
});
