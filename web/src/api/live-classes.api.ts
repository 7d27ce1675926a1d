// Live classes (gateway tag `live-classes`): scheduling, join links, Q&A, attendance report, recordings, calendar feed.
// Types only from the contracts: the schemas stay out of the bundle.
import type {
  ClassCreateRequest,
  ClassUpdateRequest,
  LiveAttendanceReport,
  LiveCalendarFeedInfo,
  LiveClass,
  LiveClassStatus,
  LiveJoinLink,
  LiveQuestion,
  LiveRecording,
} from '@tec/shared/contracts';
import type { z } from 'zod';
import { request } from './client';
import type { ItemList } from './types';

export type LiveClassCreate = z.input<typeof ClassCreateRequest>;
export type LiveClassUpdate = Omit<z.input<typeof ClassUpdateRequest>, 'classId'>;

export interface LiveClassesQuery {
  courseId?: string;
  /** ISO instants. */
  from?: string;
  to?: string;
  status?: LiveClassStatus;
  includeCancelled?: boolean;
  limit?: number;
}

const path = encodeURIComponent;

export function listLiveClasses(query: LiveClassesQuery, signal?: AbortSignal): Promise<ItemList<LiveClass>> {
  return request('/live-classes', { signal, query: { ...query } });
}
export function getLiveClass(classId: string, signal?: AbortSignal): Promise<LiveClass> {
  return request(`/live-classes/${path(classId)}`, { signal });
}
export function createLiveClasses(body: LiveClassCreate): Promise<{ items: LiveClass[]; seriesId: string | null }> {
  return request('/live-classes', { method: 'POST', body });
}
export function updateLiveClass(classId: string, body: LiveClassUpdate): Promise<LiveClass> {
  return request(`/live-classes/${path(classId)}`, { method: 'PUT', body });
}
export function cancelLiveClass(classId: string, scope: 'this' | 'following', reason?: string): Promise<{ cancelled: number }> {
  return request(`/live-classes/${path(classId)}/cancel`, { method: 'POST', body: { scope, reason: reason || undefined } });
}
export function joinLiveClass(classId: string): Promise<LiveJoinLink> {
  return request(`/live-classes/${path(classId)}/join`, { method: 'POST' });
}
export function getLiveAttendance(classId: string, signal?: AbortSignal): Promise<LiveAttendanceReport> {
  return request(`/live-classes/${path(classId)}/attendance`, { signal });
}

// Q&A
export function listQuestions(classId: string, signal?: AbortSignal): Promise<ItemList<LiveQuestion>> {
  return request(`/live-classes/${path(classId)}/questions`, { signal });
}
export function askQuestion(classId: string, text: string): Promise<LiveQuestion> {
  return request(`/live-classes/${path(classId)}/questions`, { method: 'POST', body: { text } });
}
export function upvoteQuestion(questionId: string): Promise<LiveQuestion> {
  return request(`/live-classes/questions/${path(questionId)}/upvote`, { method: 'POST' });
}
export function unvoteQuestion(questionId: string): Promise<LiveQuestion> {
  return request(`/live-classes/questions/${path(questionId)}/upvote`, { method: 'DELETE' });
}
export function answerQuestion(questionId: string, body: { answerText?: string; answered?: boolean }): Promise<LiveQuestion> {
  return request(`/live-classes/questions/${path(questionId)}/answer`, { method: 'POST', body });
}

// Recordings and the calendar feed
export function listRecordings(query: { courseId?: string; classId?: string }, signal?: AbortSignal): Promise<ItemList<LiveRecording>> {
  return request('/live-classes/recordings', { signal, query: { ...query } });
}
export function getCalendarFeed(signal?: AbortSignal): Promise<LiveCalendarFeedInfo> {
  return request('/live-classes/calendar', { signal });
}
export function rotateCalendarFeed(): Promise<LiveCalendarFeedInfo> {
  return request('/live-classes/calendar/rotate', { method: 'POST' });
}
