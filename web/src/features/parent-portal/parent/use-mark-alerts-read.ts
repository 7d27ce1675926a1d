import { useMutation, useQueryClient } from '@tanstack/react-query';
import { markAlertsRead } from '../../../api/parent-portal.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

/** Marks some alerts, or all of them (optionally for one child), read; counters on cards and pages follow. */
export function useMarkAlertsRead() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { alertIds: string[] } | { all: true; studentId?: string }) => markAlertsRead(body),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.parentPortal.alertsAll(user.id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.parentPortal.children(user.id) }),
      ]);
    },
  });
}
