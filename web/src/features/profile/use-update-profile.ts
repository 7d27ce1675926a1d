import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys';
import { updateSessionUser } from '../../api/session-store';
import type { ProfileUpdate } from '../../api/types';
import { updateMyProfile } from '../../api/users.api';

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: ProfileUpdate) => updateMyProfile(update),
    onSuccess: (user) => {
      // The session holds the profile that drives names, dates and language everywhere: update it in place.
      updateSessionUser(user);
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard(user.id) });
    },
  });
}
