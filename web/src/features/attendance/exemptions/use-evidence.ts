import { useQuery } from '@tanstack/react-query';
import { downloadEvidence } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

/** The evidence file as a Blob, fetched with the bearer token when the teacher opens the preview. */
export function useEvidence(exemptionId: string, enabled: boolean) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.attendance.evidence(user.id, exemptionId),
    queryFn: ({ signal }) => downloadEvidence(exemptionId, signal),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
