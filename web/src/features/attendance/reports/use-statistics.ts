import { useQuery } from '@tanstack/react-query';
import { getStatistics } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

export function useStatistics(courseId: string | undefined) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.attendance.statistics(user.id, courseId ?? ''),
    queryFn: ({ signal }) => getStatistics(courseId as string, signal),
    enabled: Boolean(courseId),
  });
}
