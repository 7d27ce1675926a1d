import { useQuery } from '@tanstack/react-query';
import { getChatPolicy } from '../../api/chat.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

/**
 * The school's chat policy (edit window, attachment limits); rarely changes. `fresh` (the admins' editor) asks the
 * server again on every visit, and not on window focus, which would replace a form being edited.
 */
export function useChatPolicy({ fresh = false }: { fresh?: boolean } = {}) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.chat.policy(user.id),
    queryFn: ({ signal }) => getChatPolicy(signal),
    staleTime: 10 * 60_000,
    ...(fresh ? { refetchOnMount: 'always' as const, refetchOnWindowFocus: false } : {}),
  });
}
