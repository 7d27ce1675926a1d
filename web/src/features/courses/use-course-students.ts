import { useQuery } from '@tanstack/react-query';
import { listCourseStudents } from '../../api/courses.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useCourseStudents(courseId: string, options: { enabled: boolean }) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.courses.students(user.id, courseId),
    queryFn: ({ signal }) => listCourseStudents(courseId, signal),
    select: (list) => [...list.items].sort((a, b) => `${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`)),
    enabled: options.enabled,
  });
}
