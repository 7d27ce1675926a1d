// Pure logic of the admins' safeguarding review (no React): its filters in the address bar and its paging.
// Tested in safeguarding-logic.spec.ts.
import type { SafeguardingPage } from '../../api/chat.api';

/** What the review shows: one conversation and/or one sender, deleted messages only or every message. */
export interface SafeguardingView {
  conversationId?: string;
  senderId?: string;
  onlyDeleted: boolean;
}

export const SAFEGUARDING_PAGE_SIZE = 50;
/** The largest page the API serves (SafeguardingRequest.limit). */
export const SAFEGUARDING_MAX_LIMIT = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `?conversation=<id>&sender=<id>&all=1`; an id that is not a UUID is ignored rather than sent. */
export function viewFromSearch(params: URLSearchParams): SafeguardingView {
  const id = (name: string) => {
    const value = params.get(name);
    return value && UUID.test(value) ? value : undefined;
  };
  return { conversationId: id('conversation'), senderId: id('sender'), onlyDeleted: params.get('all') !== '1' };
}

export function searchFromView(view: SafeguardingView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.conversationId) params.set('conversation', view.conversationId);
  if (view.senderId) params.set('sender', view.senderId);
  if (!view.onlyDeleted) params.set('all', '1');
  return params;
}

export interface SafeguardingPageParam {
  before?: string;
  limit: number;
}

export const FIRST_SAFEGUARDING_PAGE: SafeguardingPageParam = { limit: SAFEGUARDING_PAGE_SIZE };

/**
 * The API pages back with `before` only within one conversation. There, each page holds the next older messages.
 * Across conversations the one page is asked for again with a larger limit (keeping only the newest page), up to
 * the API's largest; past that the admin narrows the view to see older messages.
 */
export function nextSafeguardingPage(view: SafeguardingView, lastPage: SafeguardingPage, lastParam: SafeguardingPageParam): SafeguardingPageParam | undefined {
  if (!lastPage.hasMore) return undefined;
  if (view.conversationId) {
    const oldest = lastPage.items[lastPage.items.length - 1];
    return oldest ? { before: oldest.id, limit: SAFEGUARDING_PAGE_SIZE } : undefined;
  }
  return lastParam.limit < SAFEGUARDING_MAX_LIMIT ? { limit: Math.min(lastParam.limit + SAFEGUARDING_PAGE_SIZE, SAFEGUARDING_MAX_LIMIT) } : undefined;
}

/** Older messages exist but cannot be reached without choosing a conversation. */
export function needsNarrowing(view: SafeguardingView, lastPage: SafeguardingPage | undefined, lastParam: SafeguardingPageParam | undefined): boolean {
  return Boolean(lastPage && lastParam && lastPage.hasMore && nextSafeguardingPage(view, lastPage, lastParam) === undefined);
}
