import { useMutation, useQueryClient } from '@tanstack/react-query';
import { redeemPairingCode, type Relationship } from '../../../api/parent-portal.api';
import { queryKeys } from '../../../api/query-keys';
import { useCurrentUser } from '../../auth/use-session';

export function useRedeemCode() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, relationship }: { code: string; relationship: Relationship }) => redeemPairingCode(code, relationship),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.parentPortal.linksAll(user.id) }),
  });
}
