import { useQuery } from '@tanstack/react-query';
import { listLinks, type LinksQuery } from '../../../api/parent-portal.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

/** Links scoped by role: a parent's own, a student's own, an approver's queue (`status: pending_approval`). */
export function useLinks(query: LinksQuery = {}, options: { enabled?: boolean } = {}) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.parentPortal.links(user.id, { status: query.status, studentId: query.studentId }),
    queryFn: ({ signal }) => listLinks({ limit: 100, ...query }, signal),
    select: (list) => list.items,
    enabled: options.enabled ?? true,
  });
}
