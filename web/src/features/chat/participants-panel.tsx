import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { type ConversationDetail, listContacts } from '../../api/chat.api';
import { queryKeys } from '../../api/query-keys';
import { type MessageKey, t } from '../../i18n';
import { Button } from '../../ui/button';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { CloseIcon } from '../../ui/icons';
import { useToast } from '../../ui/toast';
import { useCurrentUser } from '../auth/use-session';
import { PresenceDot } from './conversation-view';
import { useAddParticipants, useConversationSettings, useLeaveConversation, useRemoveParticipant } from './use-chat-mutations';

/** People in the conversation (presence, role), and the caller's settings: mute, archive, leave; add/remove for owners. */
export function ParticipantsPanel({ detail, onClose }: { detail: ConversationDetail; onClose: () => void }) {
  const user = useCurrentUser();
  const toast = useToast();
  const navigate = useNavigate();
  const settings = useConversationSettings();
  const leave = useLeaveConversation();
  const add = useAddParticipants();
  const remove = useRemoveParticipant();
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [adding, setAdding] = useState('');
  const manages = (detail.kind === 'group' || detail.kind === 'announcement') && detail.myRole !== 'member';
  const canLeave = detail.kind === 'group' || detail.kind === 'direct' || (detail.kind === 'announcement' && !detail.course);
  const contacts = useQuery({
    queryKey: queryKeys.chat.contacts(user.id, ''),
    queryFn: ({ signal }) => listContacts('', signal),
    enabled: manages,
    staleTime: 60_000,
  });
  const present = new Set(detail.participants.map((participant) => participant.user.id));
  const addable = (contacts.data?.items ?? []).filter((contact) => !present.has(contact.id));
  const fail = (error: Error) => toast.show({ kind: 'error', message: error.message });

  return (
    <aside
      aria-label={t('chat.participants.title')}
      className="absolute inset-0 z-30 flex flex-col bg-white md:static md:w-72 md:shrink-0 md:border-l md:border-slate-200"
      data-testid="chat-people"
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2">
        <h3 className="text-sm font-semibold text-slate-900">{t('chat.participants.title')}</h3>
        <Button variant="ghost" size="sm" icon={<CloseIcon className="size-5" />} onClick={onClose} aria-label={t('chat.close')} />
      </div>
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto p-3">
        <div className="space-y-2">
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              className="size-4 accent-brand-700"
              checked={detail.muted}
              onChange={(event) => settings.mutate({ conversationId: detail.id, muted: event.target.checked }, { onError: fail, onSuccess: (s) => toast.show({ kind: 'success', message: s.muted ? t('chat.settings.muted') : t('chat.settings.unmuted') }) })}
              data-testid="chat-mute"
            />
            {t('chat.settings.mute')}
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              className="size-4 accent-brand-700"
              checked={detail.archived}
              onChange={(event) => settings.mutate({ conversationId: detail.id, archived: event.target.checked }, { onError: fail, onSuccess: (s) => toast.show({ kind: 'success', message: s.archived ? t('chat.settings.archived') : t('chat.settings.unarchived') }) })}
              data-testid="chat-archive"
            />
            {t('chat.settings.archive')}
          </label>
        </div>
        <ul className="space-y-1" aria-label={t('chat.participants.list')}>
          {detail.participants.map((participant) => (
            <li key={participant.user.id} className="flex items-center gap-2 rounded-lg px-1 py-1.5 text-sm" data-testid="chat-participant">
              <PresenceDot status={participant.presence} />
              <span className="min-w-0 flex-1 truncate">
                {participant.user.firstName} {participant.user.lastName}
                {participant.user.id === user.id && ` (${t('chat.inbox.you')})`}
                <span className="sr-only"> — {t(`chat.presence.${participant.presence}` as MessageKey)}</span>
              </span>
              <span className="text-xs text-slate-500">{t(`chat.role.${participant.role}` as MessageKey)}</span>
              {manages && participant.user.id !== user.id && participant.role !== 'owner' && (
                <Button size="sm" variant="ghost" onClick={() => remove.mutate({ conversationId: detail.id, userId: participant.user.id }, { onError: fail })} aria-label={t('chat.participants.remove', { name: participant.user.firstName })}>
                  <CloseIcon className="size-4" />
                </Button>
              )}
            </li>
          ))}
        </ul>
        {manages && (
          <form
            className="space-y-2"
            onSubmit={(event) => {
              event.preventDefault();
              if (adding) add.mutate({ conversationId: detail.id, userIds: [adding] }, { onError: fail, onSuccess: () => { setAdding(''); toast.show({ kind: 'success', message: t('chat.participants.added') }); } });
            }}
          >
            <label className="block text-sm font-medium text-slate-800" htmlFor={`add-${detail.id}`}>
              {t('chat.participants.add')}
            </label>
            <select id={`add-${detail.id}`} value={adding} onChange={(event) => setAdding(event.target.value)} className="h-10 w-full rounded-lg border border-slate-300 bg-white px-2 text-sm">
              <option value="">{addable.length ? t('chat.participants.choose') : t('chat.participants.noneToAdd')}</option>
              {addable.map((contact) => (
                <option key={contact.id} value={contact.id}>
                  {contact.firstName} {contact.lastName} · {t(`role.${contact.role}` as MessageKey)}
                </option>
              ))}
            </select>
            <Button type="submit" size="sm" loading={add.isPending} disabled={!adding}>
              {t('chat.participants.addButton')}
            </Button>
          </form>
        )}
        {canLeave && (
          <Button variant="danger" size="sm" onClick={() => setConfirmLeave(true)} data-testid="chat-leave">
            {t('chat.leave.button')}
          </Button>
        )}
      </div>
      <ConfirmDialog
        open={confirmLeave}
        title={t('chat.leave.title')}
        confirmLabel={t('chat.leave.button')}
        cancelLabel={t('chat.cancel')}
        confirmVariant="danger"
        pending={leave.isPending}
        onCancel={() => setConfirmLeave(false)}
        onConfirm={() =>
          leave.mutate(detail.id, {
            onSuccess: () => {
              setConfirmLeave(false);
              toast.show({ kind: 'success', message: t('chat.leave.done') });
              navigate('/messages');
            },
            onError: fail,
          })
        }
      >
        {t('chat.leave.body')}
      </ConfirmDialog>
    </aside>
  );
}
