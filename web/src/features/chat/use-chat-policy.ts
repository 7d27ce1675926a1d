import { useQuery } from '@tanstack/react-query';
import { request } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { ChatPolicy } from '@tec/shared/contracts';
import { useCurrentUser } from '../auth/use-session';

/** The school's chat policy (edit window, attachment limits); rarely changes. */
export function useChatPolicy() {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.chat.policy(user.id),
    queryFn: ({ signal }) => request<ChatPolicy>('/messages/policy', { signal }),
    staleTime: 10 * 60_000,
  });
}
