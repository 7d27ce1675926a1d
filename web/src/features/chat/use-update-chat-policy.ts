import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChatPolicyUpdate, updateChatPolicy } from '../../api/chat.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

/** Admins: saves the changed fields; the answer (the whole policy) replaces the cached one. */
export function useUpdateChatPolicy() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: ChatPolicyUpdate) => updateChatPolicy(changes),
    onSuccess: (policy) => queryClient.setQueryData(queryKeys.chat.policy(user.id), policy),
  });
}
