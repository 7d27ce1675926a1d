import { useQuery } from '@tanstack/react-query';
import { getCourse } from '../../api/courses.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useCourse(courseId: string) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.courses.detail(user.id, courseId),
    queryFn: ({ signal }) => getCourse(courseId, signal),
  });
}
