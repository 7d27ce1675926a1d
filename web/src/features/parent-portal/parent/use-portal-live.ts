import { useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { useRealtimeEvent } from '../../../realtime/use-realtime-event';
import { useCurrentUser } from '../../auth/use-session';

/**
 * A parent alert reaches the parent as an in-app notification (notifications pushes it on the user's room): refresh
 * the alerts, the child cards and the open overview so the new alert shows without a reload.
 */
export function usePortalLive() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  useRealtimeEvent('notification', () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.parentPortal.alertsAll(user.id) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.parentPortal.children(user.id) });
    void queryClient.invalidateQueries({ queryKey: ['user', user.id, 'parent-portal', 'overview'] });
  });
}
