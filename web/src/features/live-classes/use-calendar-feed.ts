import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getCalendarFeed, rotateCalendarFeed } from '../../api/live-classes.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useCalendarFeed() {
  const user = useCurrentUser();
  return useQuery({ queryKey: queryKeys.liveClasses.calendar(user.id), queryFn: ({ signal }) => getCalendarFeed(signal) });
}

/** A new secret: the old URL stops working at once. */
export function useRotateCalendarFeed() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => rotateCalendarFeed(),
    onSuccess: (info) => queryClient.setQueryData(queryKeys.liveClasses.calendar(user.id), info),
  });
}
