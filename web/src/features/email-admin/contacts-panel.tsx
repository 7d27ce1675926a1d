import { useRef, useState } from 'react';
import type { SuppressionView } from '../../api/email.api';
import { type MessageKey, t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { TextField } from '../../ui/field';
import { CheckIcon } from '../../ui/icons';
import { SkeletonList } from '../../ui/skeleton';
import { useToast } from '../../ui/toast';
import { useDebouncedValue } from '../admin-users/use-debounced-value';
import { useDeadContacts } from './use-dead-contacts';
import { useRemoveSuppression } from './use-remove-suppression';
import { useSuppressions } from './use-suppressions';

const REASON_KEYS: Record<string, MessageKey> = {
  hard_bounce: 'email.reason.hard_bounce',
  spam_report: 'email.reason.spam_report',
  unsubscribe: 'email.reason.unsubscribe',
  dropped: 'email.reason.dropped',
  manual: 'email.reason.manual',
};

function reasonLabel(reason: string): string {
  const key = REASON_KEYS[reason];
  return key ? t(key) : reason;
}

export function ContactsPanel() {
  return (
    <div className="space-y-6">
      <DeadContacts />
      <Suppressions />
    </div>
  );
}

function DeadContacts() {
  const contacts = useDeadContacts();
  const format = useFormat();
  return (
    <Card title={t('email.dead.title')} description={t('email.dead.hint')} testId="dead-contacts">
      {contacts.isPending ? (
        <SkeletonList rows={3} />
      ) : contacts.isError ? (
        <ErrorState error={contacts.error} onRetry={() => void contacts.refetch()} retrying={contacts.isFetching} />
      ) : contacts.data.items.length === 0 ? (
        <EmptyState icon={<CheckIcon />} title={t('email.dead.empty')} testId="dead-contacts-empty">
          {t('email.dead.emptyBody')}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {contacts.data.items.map((contact) => (
            <li key={`${contact.userId}-${contact.email}`} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:gap-4">
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium text-slate-900">
                  {contact.name} <span className="text-xs font-normal text-slate-600">· {contact.role}</span>
                </p>
                <p className="truncate text-xs text-slate-600">{contact.email}</p>
                {contact.detail && <p className="mt-0.5 text-xs break-words text-slate-700">{contact.detail}</p>}
              </div>
              <div className="flex items-center gap-3 text-xs text-slate-600 sm:flex-col sm:items-end sm:gap-1">
                <Badge tone="danger">{reasonLabel(contact.reason)}</Badge>
                <time dateTime={contact.since}>{t('email.dead.since', { when: format.date(contact.since) })}</time>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Suppressions() {
  const [search, setSearch] = useState('');
  const debounced = useDebouncedValue(search.trim(), 300);
  const list = useSuppressions(debounced);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const format = useFormat();
  const remove = useRemoveSuppression();
  const toast = useToast();
  const [target, setTarget] = useState<SuppressionView | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  function confirmRemove() {
    if (!target) return;
    const email = target.email;
    remove.mutate(email, {
      onSuccess: () => {
        toast.show({ kind: 'success', message: t('email.suppressions.removed', { email }) });
        setTarget(null);
      },
    });
  }

  return (
    <Card title={t('email.suppressions.title')} description={t('email.suppressions.hint')} testId="suppressions">
      <TextField
        type="search"
        label={t('email.suppressions.search')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        fieldClassName="mb-4 max-w-sm"
      />
      <div ref={listRef} tabIndex={-1} className="outline-none">
        {list.isPending ? (
          <SkeletonList rows={3} />
        ) : list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />
        ) : items.length === 0 ? (
          <EmptyState icon={<CheckIcon />} title={debounced ? t('email.suppressions.noMatch') : t('email.suppressions.empty')} testId="suppressions-empty" />
        ) : (
          <>
            <ul className="divide-y divide-slate-100" data-testid="suppressions-list">
              {items.map((entry) => (
                <li key={entry.email} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:gap-4">
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-medium text-slate-900">{entry.email}</p>
                    <p className="text-xs text-slate-600">
                      {reasonLabel(entry.reason)} · <time dateTime={entry.createdAt}>{format.dateTime(entry.createdAt)}</time>
                    </p>
                    {entry.detail && <p className="mt-0.5 text-xs break-words text-slate-700">{entry.detail}</p>}
                  </div>
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => {
                      remove.reset();
                      setTarget(entry);
                    }}
                    aria-label={t('email.suppressions.removeLabel', { email: entry.email })}
                  >
                    {t('email.suppressions.remove')}
                  </Button>
                </li>
              ))}
            </ul>
            {list.hasNextPage && (
              <div className="mt-4 flex justify-center">
                <Button variant="secondary" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  {t('email.deliveries.loadMore')}
                </Button>
              </div>
            )}
          </>
        )}
      </div>
      <ConfirmDialog
        open={target !== null}
        title={t('email.suppressions.confirmTitle')}
        confirmLabel={t('email.suppressions.confirm')}
        cancelLabel={t('email.suppressions.cancel')}
        onConfirm={confirmRemove}
        onCancel={() => setTarget(null)}
        pending={remove.isPending}
        confirmVariant="danger"
        returnFocusRef={listRef}
        testId="remove-suppression-dialog"
      >
        <p>{target && t('email.suppressions.confirmBody', { email: target.email, reason: reasonLabel(target.reason) })}</p>
        {remove.isError && <ErrorState error={remove.error} compact />}
      </ConfirmDialog>
    </Card>
  );
}
