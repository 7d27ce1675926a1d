import { useQuery } from '@tanstack/react-query';
import { listAudit } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

/** The audit trail of one student's record in a session (opened from the grid). */
export function useAudit(sessionId: string, studentId: string | null) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.attendance.audit(user.id, { sessionId, studentId: studentId ?? undefined }),
    queryFn: ({ signal }) => listAudit({ sessionId, studentId: studentId ?? undefined, limit: 50 }, signal),
    enabled: Boolean(studentId),
    select: (page) => page.items,
  });
}
