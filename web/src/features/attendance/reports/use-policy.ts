import { useQuery } from '@tanstack/react-query';
import { getPolicy } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

export function usePolicy(courseId: string | undefined) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.attendance.policy(user.id, courseId ?? ''),
    queryFn: ({ signal }) => getPolicy(courseId as string, signal),
    enabled: Boolean(courseId),
  });
}
