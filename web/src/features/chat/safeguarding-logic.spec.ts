import type { SafeguardingMessage } from '@tec/shared/contracts';
import { filterFromView, isFiltered, nextSafeguardingCursor, searchFromView, viewFromSearch } from './safeguarding-logic';

const CONVERSATION = '6f1c2b7e-1d1a-4c61-9f1e-0c6b1d0c0a01';
const SENDER = '0b7f4c9a-3e2d-4a55-8d7e-5a1e2f3b4c5d';
const COURSE = '3d2e1f0a-9b8c-4d7e-8f6a-5b4c3d2e1f0a';

function message(id: string): SafeguardingMessage {
  return {
    id,
    seq: 1,
    conversation: { id: CONVERSATION, kind: 'course', title: 'Biology', course: { id: COURSE, code: 'BIO-1', title: 'Biology' }, viewerIsMember: false },
    sender: { id: SENDER, firstName: 'Sam', lastName: 'Student', role: 'student' },
    body: 'text',
    attachment: null,
    createdAt: '2026-01-05T10:00:00.000Z',
    editedAt: null,
    deletedAt: '2026-01-05T10:05:00.000Z',
    deletedBy: null,
    deleteReason: null,
  };
}

describe('safeguarding review logic', () => {
  it('keeps its filters in the address bar, deleted messages only unless asked', () => {
    const view = { conversationId: CONVERSATION, senderId: SENDER, courseId: COURSE, from: '2026-01-01', to: '2026-01-31', onlyDeleted: false };
    expect(searchFromView(view).toString()).toBe(`conversation=${CONVERSATION}&sender=${SENDER}&course=${COURSE}&from=2026-01-01&to=2026-01-31&all=1`);
    expect(viewFromSearch(searchFromView(view))).toEqual(view);
    expect(viewFromSearch(new URLSearchParams())).toEqual({ onlyDeleted: true });
    expect(isFiltered(viewFromSearch(new URLSearchParams('all=1')))).toBe(false);
    expect(isFiltered(viewFromSearch(new URLSearchParams('to=2026-01-31')))).toBe(true);
  });

  it('ignores ids that are not UUIDs and days that do not exist instead of sending them', () => {
    expect(viewFromSearch(new URLSearchParams('conversation=abc&sender=1%20OR%201&course=x'))).toEqual({ onlyDeleted: true });
    expect(viewFromSearch(new URLSearchParams('from=2026-02-30&to=yesterday'))).toEqual({ onlyDeleted: true });
    expect(viewFromSearch(new URLSearchParams('from=2024-02-29'))).toMatchObject({ from: '2024-02-29' });
    // A range that ends before it starts would match nothing: its end is dropped.
    expect(viewFromSearch(new URLSearchParams('from=2026-03-10&to=2026-03-01'))).toMatchObject({ from: '2026-03-10', to: undefined });
  });

  it('asks for whole days in the admin’s time zone, both ends included', () => {
    const view = { courseId: COURSE, from: '2026-03-28', to: '2026-03-29', onlyDeleted: true };
    // Madrid moves to summer time in the night of 29 March 2026: the range ends at the next midnight, UTC+2.
    expect(filterFromView(view, 'Europe/Madrid')).toEqual({
      conversationId: undefined,
      senderId: undefined,
      courseId: COURSE,
      from: '2026-03-27T23:00:00.000Z',
      to: '2026-03-29T22:00:00.000Z',
      onlyDeleted: true,
    });
    expect(filterFromView({ onlyDeleted: false, to: '2026-01-05' }, 'UTC')).toMatchObject({ from: undefined, to: '2026-01-06T00:00:00.000Z', onlyDeleted: false });
  });

  it('pages back with the cursor the API gave, and stops when it gives none', () => {
    expect(nextSafeguardingCursor({ items: [message('m1')], nextCursor: 'abc', hasMore: true })).toBe('abc');
    expect(nextSafeguardingCursor({ items: [message('m1')], nextCursor: null, hasMore: false })).toBeUndefined();
  });
});
