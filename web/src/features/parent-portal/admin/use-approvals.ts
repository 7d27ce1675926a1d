import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createLink, decideLink, getPortalSettings, type PortalSettings, type Relationship, updatePortalSettings } from '../../../api/parent-portal.api';
import { queryKeys } from '../../../api/query-keys';
import { listUsers } from '../../../api/users.api';
import { useCurrentUser } from '../../auth/use-session';

export function useDecideLink() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ linkId, decision, note }: { linkId: string; decision: 'approve' | 'reject'; note?: string }) => decideLink(linkId, decision, note),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.parentPortal.linksAll(user.id) }),
  });
}

export function useCreateLink() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { parentId: string; studentId: string; relationship: Relationship; note?: string }) => createLink(body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.parentPortal.linksAll(user.id) }),
  });
}

export function usePortalSettings() {
  const user = useCurrentUser();
  return useQuery({ queryKey: queryKeys.parentPortal.settings(user.id), queryFn: ({ signal }) => getPortalSettings(signal) });
}

export function useUpdatePortalSettings() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: PortalSettings) => updatePortalSettings(settings),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.parentPortal.settings(user.id), saved),
  });
}

/** Accounts of one role matching a search (admins), for the direct-link pickers. */
export function useUserSearch(search: string, role: 'parent' | 'student') {
  const user = useCurrentUser();
  return useQuery({
    queryKey: [...queryKeys.adminUsers.search(user.id, search), 'parent-portal', role],
    queryFn: ({ signal }) => listUsers({ search, limit: 20 }, signal),
    select: (page) => page.items.filter((item) => item.role === role && item.active),
    enabled: search.trim().length >= 2,
  });
}
