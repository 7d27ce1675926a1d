import type { SafeguardingMessage } from '@tec/shared/contracts';
import { FIRST_SAFEGUARDING_PAGE, needsNarrowing, nextSafeguardingPage, SAFEGUARDING_MAX_LIMIT, searchFromView, viewFromSearch } from './safeguarding-logic';

const CONVERSATION = '6f1c2b7e-1d1a-4c61-9f1e-0c6b1d0c0a01';
const SENDER = '0b7f4c9a-3e2d-4a55-8d7e-5a1e2f3b4c5d';

function message(id: string): SafeguardingMessage {
  return {
    id,
    seq: 1,
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
    const view = { conversationId: CONVERSATION, senderId: SENDER, onlyDeleted: false };
    expect(searchFromView(view).toString()).toBe(`conversation=${CONVERSATION}&sender=${SENDER}&all=1`);
    expect(viewFromSearch(searchFromView(view))).toEqual(view);
    expect(viewFromSearch(new URLSearchParams())).toEqual({ conversationId: undefined, senderId: undefined, onlyDeleted: true });
  });

  it('ignores ids that are not UUIDs instead of sending them', () => {
    expect(viewFromSearch(new URLSearchParams('conversation=abc&sender=1%20OR%201'))).toEqual({ conversationId: undefined, senderId: undefined, onlyDeleted: true });
  });

  it('pages back with the oldest message within a conversation', () => {
    const view = { conversationId: CONVERSATION, onlyDeleted: true };
    const page = { items: [message('m3'), message('m2')], hasMore: true };
    expect(nextSafeguardingPage(view, page, FIRST_SAFEGUARDING_PAGE)).toEqual({ before: 'm2', limit: FIRST_SAFEGUARDING_PAGE.limit });
    expect(nextSafeguardingPage(view, { ...page, hasMore: false }, FIRST_SAFEGUARDING_PAGE)).toBeUndefined();
    expect(needsNarrowing(view, page, FIRST_SAFEGUARDING_PAGE)).toBe(false);
  });

  it('across conversations asks for a larger page, up to the API’s largest, then asks the admin to narrow the view', () => {
    const view = { senderId: SENDER, onlyDeleted: true };
    const page = { items: [message('m1')], hasMore: true };
    expect(nextSafeguardingPage(view, page, FIRST_SAFEGUARDING_PAGE)).toEqual({ limit: 100 });
    expect(nextSafeguardingPage(view, page, { limit: 180 })).toEqual({ limit: SAFEGUARDING_MAX_LIMIT });
    expect(nextSafeguardingPage(view, page, { limit: SAFEGUARDING_MAX_LIMIT })).toBeUndefined();
    expect(needsNarrowing(view, page, { limit: SAFEGUARDING_MAX_LIMIT })).toBe(true);
    expect(needsNarrowing(view, { ...page, hasMore: false }, { limit: SAFEGUARDING_MAX_LIMIT })).toBe(false);
  });
});
