import type { Exemption } from '@tec/shared/contracts';
import { useQuery } from '@tanstack/react-query';
import { listExemptions } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

export function useExemptions(filter: { status?: Exemption['status']; courseId?: string }) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.attendance.exemptions(user.id, filter),
    queryFn: ({ signal }) => listExemptions({ ...filter, limit: 100 }, signal),
    select: (list) => list.items,
  });
}
