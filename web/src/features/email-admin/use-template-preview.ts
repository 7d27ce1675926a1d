import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type PreviewInput, previewTemplate } from '../../api/email.api';
import { queryKeys } from '../../api/query-keys';
import { useCurrentUser } from '../auth/use-session';

/**
 * The rendered preview of the (debounced) draft. A POST without side effects, so it is a query: identical drafts
 * share a cached render, and the previous render stays on screen while the next one loads.
 */
export function useTemplatePreview(name: string, input: PreviewInput | null) {
  const user = useCurrentUser();
  return useQuery({
    queryKey: queryKeys.email.preview(user.id, name, input),
    queryFn: ({ signal }) => previewTemplate(name, input ?? {}, signal),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
