import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { listContacts } from '../../api/chat.api';
import { queryKeys } from '../../api/query-keys';
import { type MessageKey, t } from '../../i18n';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorState } from '../../ui/error-state';
import { TextField } from '../../ui/field';
import { SkeletonList } from '../../ui/skeleton';
import { useToast } from '../../ui/toast';
import { useCurrentUser } from '../auth/use-session';
import { useCreateConversation } from './use-chat-mutations';

type Kind = 'direct' | 'group' | 'announcement';

/**
 * Start a conversation. The people offered come from `GET /messages/contacts`: exactly those the school's safety
 * policy lets the caller message (a classmate, a child's teacher…), each with the reason.
 */
export function NewConversationDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const user = useCurrentUser();
  const toast = useToast();
  const navigate = useNavigate();
  const create = useCreateConversation();
  const [kind, setKind] = useState<Kind>('direct');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [title, setTitle] = useState('');
  const q = useDeferredValue(search.trim());
  const contacts = useQuery({ queryKey: queryKeys.chat.contacts(user.id, q), queryFn: ({ signal }) => listContacts(q, signal), enabled: open, staleTime: 60_000 });
  const kinds: Kind[] = user.role === 'teacher' || user.role === 'admin' ? ['direct', 'group', 'announcement'] : ['direct', 'group'];

  const toggle = (id: string) =>
    setSelected((current) => (kind === 'direct' ? [id] : current.includes(id) ? current.filter((value) => value !== id) : [...current, id]));
  const reset = () => {
    setSelected([]);
    setTitle('');
    setSearch('');
    setKind('direct');
  };

  return (
    <ConfirmDialog
      open={open}
      title={t('chat.new.title')}
      confirmLabel={t('chat.new.start')}
      cancelLabel={t('chat.cancel')}
      pending={create.isPending}
      onCancel={() => {
        reset();
        onClose();
      }}
      onConfirm={() => {
        if (selected.length === 0 || (kind !== 'direct' && !title.trim())) {
          toast.show({ kind: 'error', message: kind === 'direct' ? t('chat.new.pickOne') : t('chat.new.needTitle') });
          return;
        }
        create.mutate(
          { kind, participantIds: selected, title: kind === 'direct' ? undefined : title.trim() },
          {
            onSuccess: (detail) => {
              reset();
              onClose();
              navigate(`/messages/${detail.id}`);
            },
            onError: (error) => toast.show({ kind: 'error', message: error.message }),
          },
        );
      }}
      testId="chat-new-dialog"
    >
      <div className="space-y-3">
        <fieldset className="flex flex-wrap gap-2">
          <legend className="sr-only">{t('chat.new.kind')}</legend>
          {kinds.map((value) => (
            <label key={value} className="flex items-center gap-1.5 rounded-lg px-2 py-1 text-sm ring-1 ring-slate-200 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-300">
              <input
                type="radio"
                name="chat-new-kind"
                value={value}
                checked={kind === value}
                onChange={() => {
                  setKind(value);
                  setSelected((current) => (value === 'direct' ? current.slice(0, 1) : current));
                }}
                className="accent-brand-700"
              />
              {t(`chat.kind.${value}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        {kind !== 'direct' && <TextField label={t('chat.new.titleLabel')} value={title} onChange={(event) => setTitle(event.target.value)} maxLength={120} />}
        <TextField label={t('chat.new.search')} type="search" value={search} onChange={(event) => setSearch(event.target.value)} hint={t('chat.new.policyHint')} data-testid="chat-new-search" />
        <div className="max-h-64 overflow-y-auto rounded-lg ring-1 ring-slate-200">
          {contacts.isPending ? (
            <div className="p-2"><SkeletonList rows={3} label={t('chat.new.loading')} /></div>
          ) : contacts.isError ? (
            <ErrorState error={contacts.error} onRetry={() => void contacts.refetch()} compact />
          ) : contacts.data.items.length === 0 ? (
            <p className="p-3 text-sm text-slate-600">{q ? t('chat.new.noMatch') : t('chat.new.nobody')}</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="chat-contacts">
              {contacts.data.items.map((contact) => (
                <li key={contact.id}>
                  <label className="flex cursor-pointer items-center gap-3 px-3 py-2 hover:bg-slate-50" data-testid="chat-contact" data-user-id={contact.id}>
                    <input
                      type={kind === 'direct' ? 'radio' : 'checkbox'}
                      name="chat-new-person"
                      checked={selected.includes(contact.id)}
                      onChange={() => toggle(contact.id)}
                      className="size-4 accent-brand-700"
                    />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate text-sm font-medium text-slate-900">
                        {contact.firstName} {contact.lastName}
                      </span>
                      <span className="block text-xs text-slate-600">{t(`chat.reason.${contact.reason}` as MessageKey)}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </ConfirmDialog>
  );
}
