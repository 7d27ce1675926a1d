import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createPairingCode, listAccessLog, listPairingCodes, revokeLink, revokePairingCode, setConsent } from '../../../api/parent-portal.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

/** Active pairing codes: a student's own, or (admins) a given student's. */
export function usePairingCodes(studentId?: string) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.parentPortal.pairingCodes(user.id, studentId),
    queryFn: ({ signal }) => listPairingCodes(studentId, signal),
    select: (list) => list.items,
  });
}

export function useCreatePairingCode(studentId?: string) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => createPairingCode(studentId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.parentPortal.pairingCodes(user.id, studentId) }),
  });
}

export function useRevokePairingCode(studentId?: string) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (codeId: string) => revokePairingCode(codeId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.parentPortal.pairingCodes(user.id, studentId) }),
  });
}

/** An adult student gives or withdraws consent; withdrawing cuts the parent off at once. */
export function useConsent() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ linkId, consent }: { linkId: string; consent: 'give' | 'withdraw' }) => setConsent(linkId, consent),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.parentPortal.linksAll(user.id) }),
  });
}

export function useRevokeLink() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ linkId, note }: { linkId: string; note?: string }) => revokeLink(linkId, note),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.parentPortal.linksAll(user.id) }),
  });
}

/** "Who accessed my data", newest first, a page at a time. */
export function useAccessLog(studentId?: string) {
  const user = useCurrentUser();
  return useInfiniteQuery({
    queryKey: queryKeys.parentPortal.accessLog(user.id, studentId),
    queryFn: ({ signal, pageParam }) => listAccessLog({ studentId, limit: 25, before: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });
}
