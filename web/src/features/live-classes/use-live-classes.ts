import { useQuery } from '@tanstack/react-query';
import { listLiveClasses } from '../../api/live-classes.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

/** The caller's classes in [from, to) (teachers: taught; students: enrolled). */
export function useLiveClasses(filter: { courseId?: string; from?: string; to?: string; includeCancelled?: boolean }) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.liveClasses.list(user.id, filter),
    queryFn: ({ signal }) => listLiveClasses({ ...filter, limit: 200 }, signal),
  });
}
