import { useQuery } from '@tanstack/react-query';
import { listCourseStudents } from '../../api/courses.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

// Numeric so "Group 2" sorts before "Group 10"; base sensitivity so accents don't split names apart.
const rosterCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function useCourseStudents(courseId: string, options: { enabled: boolean }) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.courses.students(user.id, courseId),
    queryFn: ({ signal }) => listCourseStudents(courseId, signal),
    select: (list) => [...list.items].sort((a, b) => rosterCollator.compare(`${a.lastName} ${a.firstName}`, `${b.lastName} ${b.firstName}`)),
    enabled: options.enabled,
  });
}
