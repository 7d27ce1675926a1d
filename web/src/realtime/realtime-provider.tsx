import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { queryKeys } from '../api/query-keys';
import { onResync, realtime } from './realtime';

/**
 * Keeps the socket open while a user is signed in. After a reconnect, the queries that server pushes would have
 * updated are marked stale and refetched, since anything pushed during the drop was missed.
 */
export function RealtimeProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const queryClient = useQueryClient();

  useEffect(() => {
    realtime.connect();
    return () => realtime.disconnect();
  }, [userId]);

  useEffect(
    () =>
      onResync(() => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard(userId) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.courses.all(userId) });
      }),
    [queryClient, userId],
  );

  // A notification usually means something on the dashboard changed (a grade, a new assignment).
  useEffect(
    () => realtime.on('notification', () => void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard(userId) })),
    [queryClient, userId],
  );

  return <>{children}</>;
}
