import { useQuery } from '@tanstack/react-query';
import { getLiveAttendance } from '../../api/live-classes.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useLiveAttendance(classId: string, enabled: boolean) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.liveClasses.attendance(user.id, classId),
    queryFn: ({ signal }) => getLiveAttendance(classId, signal),
    enabled,
  });
}
