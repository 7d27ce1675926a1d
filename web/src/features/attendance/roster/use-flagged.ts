import { useQuery } from '@tanstack/react-query';
import { listFlagged } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

export function useFlagged(sessionId: string) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.attendance.flagged(user.id, sessionId),
    queryFn: ({ signal }) => listFlagged(sessionId, signal),
    select: (list) => list.items,
  });
}
