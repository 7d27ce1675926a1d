import { useQuery } from '@tanstack/react-query';
import { getMyAttendance } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

export function useMyAttendance() {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.attendance.mine(user.id),
    queryFn: ({ signal }) => getMyAttendance(signal),
    select: (list) => list.items,
  });
}
