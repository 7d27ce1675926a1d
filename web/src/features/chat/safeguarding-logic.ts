// Pure logic of the admins' safeguarding review (no React): its filters in the address bar, the query they make
// and its paging. Tested in safeguarding-logic.spec.ts.
import type { SafeguardingFilter, SafeguardingPage } from '../../api/chat.api';
import { addDays, type DayKey, zonedTimeToInstant } from '../../ui/calendar';

/**
 * What the review shows: deleted messages only or every message, narrowed (all filters combine) to a
 * conversation, a sender, a course and/or the days they were sent (`from` and `to` included, in the admin's
 * time zone).
 */
export interface SafeguardingView {
  conversationId?: string;
  senderId?: string;
  courseId?: string;
  from?: DayKey;
  to?: DayKey;
  onlyDeleted: boolean;
}

export const SAFEGUARDING_PAGE_SIZE = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function validDay(value: string | null): DayKey | undefined {
  if (!value || !DAY.test(value)) return undefined;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? value : undefined;
}

/**
 * `?conversation=<id>&sender=<id>&course=<id>&from=YYYY-MM-DD&to=YYYY-MM-DD&all=1`. A value that is not an id or a
 * real day is ignored rather than sent, and so is a `to` before `from` (it could match nothing).
 */
export function viewFromSearch(params: URLSearchParams): SafeguardingView {
  const id = (name: string) => {
    const value = params.get(name);
    return value && UUID.test(value) ? value : undefined;
  };
  const from = validDay(params.get('from'));
  const to = validDay(params.get('to'));
  return {
    conversationId: id('conversation'),
    senderId: id('sender'),
    courseId: id('course'),
    from,
    to: to && from && to < from ? undefined : to,
    onlyDeleted: params.get('all') !== '1',
  };
}

export function searchFromView(view: SafeguardingView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.conversationId) params.set('conversation', view.conversationId);
  if (view.senderId) params.set('sender', view.senderId);
  if (view.courseId) params.set('course', view.courseId);
  if (view.from) params.set('from', view.from);
  if (view.to) params.set('to', view.to);
  if (!view.onlyDeleted) params.set('all', '1');
  return params;
}

/** Any narrowing besides the deleted/all scope. */
export function isFiltered(view: SafeguardingView): boolean {
  return Boolean(view.conversationId || view.senderId || view.courseId || view.from || view.to);
}

/** The API's filter for a view: whole days in `timeZone` become instants (from the first day's midnight to the midnight after the last). */
export function filterFromView(view: SafeguardingView, timeZone: string): Omit<SafeguardingFilter, 'cursor' | 'limit'> {
  return {
    conversationId: view.conversationId,
    senderId: view.senderId,
    courseId: view.courseId,
    from: view.from ? zonedTimeToInstant(view.from, '00:00', timeZone).toISOString() : undefined,
    to: view.to ? zonedTimeToInstant(addDays(view.to, 1), '00:00', timeZone).toISOString() : undefined,
    onlyDeleted: view.onlyDeleted,
  };
}

/** The next (older) page's cursor, or undefined on the last page. */
export function nextSafeguardingCursor(lastPage: SafeguardingPage): string | undefined {
  return lastPage.nextCursor ?? undefined;
}
