import { useMutation, useQueryClient } from '@tanstack/react-query';
import { markNotificationRead } from '../../api/notifications.api';
import { useCurrentUser } from '../auth/use-session';
import { markReadInCache } from './notifications-cache';

export function useMarkRead() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notificationId: string) => markNotificationRead(notificationId),
    onSuccess: (result, notificationId) => markReadInCache(queryClient, user.id, [notificationId], result.unreadCount),
  });
}
