import type { AttendanceReport } from '@tec/shared/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getReport, type ReportQuery } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

export function useReport<T extends AttendanceReport['type']>(query: ReportQuery & { type: T }, enabled = true) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.attendance.report(user.id, query),
    queryFn: ({ signal }) => getReport<Extract<AttendanceReport, { type: T }>>(query, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}
