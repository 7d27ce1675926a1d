import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../../api/api-error';
import { generateQr } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

/**
 * The projector's current token, fetched again when the server says the next one starts (`refreshAfterMs`), also
 * while the window is not focused (the projector is rarely the focused window). Never served from cache.
 */
export function useQrToken(sessionId: string, enabled: boolean) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.attendance.qr(user.id, sessionId),
    queryFn: ({ signal }) => generateQr(sessionId, signal),
    enabled,
    gcTime: 0,
    staleTime: 0,
    refetchInterval: (query) => Math.max(500, query.state.data?.refreshAfterMs ?? 5_000),
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: true,
    // A refusal (not your course, no such session, cancelled) won't change on retry.
    retry: (failures, error) => failures < 2 && !(isApiError(error) && [403, 404, 409].includes(error.status)),
  });
}
