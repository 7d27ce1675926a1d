import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { queryKeys } from '../../api/query-keys';
import { t } from '../../i18n';
import { onResync } from '../../realtime/realtime';
import { useRealtimeEvent } from '../../realtime/use-realtime-event';
import { useToast } from '../../ui/toast';
import { useCurrentUser } from '../auth/use-session';
import { addedInCache, markReadInCache } from './notifications-cache';
import { internalPath } from './notification-view';

/**
 * Keeps the bell and the lists live for as long as the shell is mounted: a `notification` sets the count and
 * shows a toast (not during quiet hours: `silent`), `notifications_read` (another tab or device) marks them read,
 * and a reconnect refetches everything, since pushes during the drop were missed.
 */
export function useNotificationsLive(): void {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();

  useRealtimeEvent('notification', (payload) => {
    addedInCache(queryClient, user.id, payload.unreadCount);
    if (payload.silent) return;
    const path = internalPath(payload.link ?? null);
    toast.show({
      kind: 'info',
      message: payload.title || t('notifications.toast.fallback'),
      detail: payload.body || undefined,
      action: path ? { label: t('notifications.toast.open'), onClick: () => void navigate(path) } : undefined,
    });
  });

  useRealtimeEvent('notifications_read', (payload) => markReadInCache(queryClient, user.id, payload.ids, payload.unreadCount));

  useEffect(() => onResync(() => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all(user.id) })), [queryClient, user.id]);
}
