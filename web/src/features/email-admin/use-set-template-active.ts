import { useMutation, useQueryClient } from '@tanstack/react-query';
import { setTemplateActive, type TemplatesList } from '../../api/email.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

export function useSetTemplateActive() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, active }: { name: string; active: boolean }) => setTemplateActive(name, active),
    onSuccess: (template) => {
      queryClient.setQueryData<TemplatesList>(queryKeys.email.templates(user.id), (list) =>
        list ? { items: list.items.map((item) => (item.name === template.name ? template : item)) } : list,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.email.template(user.id, template.name) });
    },
  });
}
