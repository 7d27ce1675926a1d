import { useQuery } from '@tanstack/react-query';
import { listMyCourses } from '../../api/courses.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useCourses() {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.courses.list(user.id),
    queryFn: ({ signal }) => listMyCourses(signal),
    select: (list) => list.items,
  });
}
