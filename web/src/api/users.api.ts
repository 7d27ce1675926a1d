import { request } from './client';
import type { CursorPage, ProfileUpdate, UserAccount, UserProfile } from './types';

export interface UserSearch {
  search?: string;
  cursor?: string | null;
  limit?: number;
}

export function listUsers(params: UserSearch, signal?: AbortSignal): Promise<CursorPage<UserAccount>> {
  return request<CursorPage<UserAccount>>('/users', {
    signal,
    query: { search: params.search, cursor: params.cursor, limit: params.limit },
  });
}

export function updateMyProfile(update: ProfileUpdate): Promise<UserProfile> {
  return request<UserProfile>('/users/me', { method: 'PATCH', body: update });
}
