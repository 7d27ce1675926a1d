import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type TemplateDraft, updateTemplate } from '../../api/email.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export interface TemplateSave {
  draft: TemplateDraft;
  expectedVersion: number;
}

/** Saves a version. A CONFLICT (someone saved meanwhile) is left to the editor to resolve. */
export function useUpdateTemplate(name: string) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ draft, expectedVersion }: TemplateSave) => updateTemplate(name, draft, expectedVersion),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.email.template(user.id, name) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.email.templates(user.id) });
    },
  });
}
