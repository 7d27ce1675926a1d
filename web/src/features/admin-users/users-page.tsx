import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { UserAccount } from '../../api/types';
import { t, tn } from '../../i18n';
import { useDocumentTitle } from '../../layout/use-document-title';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { TextField } from '../../ui/field';
import { SearchIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/page-header';
import { SkeletonList } from '../../ui/skeleton';
import { Spinner } from '../../ui/spinner';
import { UserDataRightsPanel } from './data-rights/user-data-rights-panel';
import { useDebouncedValue } from './use-debounced-value';
import { UsersTable } from './users-table';
import { useUsers } from './use-users';

export function UsersPage() {
  useDocumentTitle(t('users.title'));
  // The search lives in the URL, so Back and a shared link return to the same list.
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const debounced = useDebouncedValue(search.trim(), 300);
  const users = useUsers(debounced);
  const items = users.data?.pages.flatMap((page) => page.items) ?? [];
  const [selected, setSelected] = useState<UserAccount | null>(null);

  return (
    <>
      <PageHeader title={t('users.title')} description={t('users.subtitle')} />
      <Card>
        <form role="search" className="mb-4" onSubmit={(event) => event.preventDefault()}>
          <TextField
            label={t('users.search')}
            hint={t('users.searchHint')}
            type="search"
            value={search}
            onChange={(event) => setParams(event.target.value ? { q: event.target.value } : {}, { replace: true })}
            fieldClassName="max-w-md"
          />
        </form>
        <div className="mb-3 flex min-h-6 items-center gap-2 text-sm text-slate-600" aria-live="polite">
          {users.isFetching && !users.isFetchingNextPage && <Spinner className="size-4 text-brand-700" />}
          {users.data && tn('users.shown', items.length)}
        </div>
        {users.isPending ? (
          <SkeletonList rows={6} />
        ) : users.isError && !users.data ? (
          <ErrorState error={users.error} onRetry={() => void users.refetch()} retrying={users.isFetching} />
        ) : items.length === 0 ? (
          <EmptyState icon={<SearchIcon />} title={t('users.emptyTitle')}>
            {debounced ? t('users.emptySearch', { search: debounced }) : t('users.emptyBody')}
          </EmptyState>
        ) : (
          <>
            <UsersTable users={items} onDataRights={setSelected} />
            {selected && <UserDataRightsPanel key={selected.id} user={selected} onClose={() => setSelected(null)} />}
            {users.isFetchNextPageError && <ErrorState className="mt-4" error={users.error} compact />}
            {users.hasNextPage && (
              <div className="mt-4 flex justify-center">
                <Button variant="secondary" onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
                  {t('users.loadMore')}
                </Button>
              </div>
            )}
          </>
        )}
      </Card>
    </>
  );
}
