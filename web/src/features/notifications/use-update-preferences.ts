import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type PreferenceChange, updatePreferences } from '../../api/notifications.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useUpdatePreferences() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: PreferenceChange[]) => updatePreferences(changes),
    onSuccess: (view) => queryClient.setQueryData(queryKeys.notifications.preferences(user.id), view),
  });
}
