import { useMutation, useQueryClient } from '@tanstack/react-query';
import { markAllNotificationsRead } from '../../api/notifications.api';
import { useCurrentUser } from '../auth/use-session';
import { markReadInCache } from './notifications-cache';

export function useMarkAllRead() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => markAllNotificationsRead(),
    onSuccess: (result) => markReadInCache(queryClient, user.id, 'all', result.unreadCount),
  });
}
