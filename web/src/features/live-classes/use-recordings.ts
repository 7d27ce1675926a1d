import { useQuery } from '@tanstack/react-query';
import { listRecordings } from '../../api/live-classes.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useRecordings(filter: { courseId?: string; classId?: string }, enabled = true) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.liveClasses.recordings(user.id, filter),
    queryFn: ({ signal }) => listRecordings(filter, signal),
    enabled,
  });
}
