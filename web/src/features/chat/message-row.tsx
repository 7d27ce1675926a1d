import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { type ConversationDetail, downloadAttachment, downloadAttachmentThumbnail, type MessageAttachment } from '../../api/chat.api';
import { queryKeys } from '../../api/query-keys';
import { t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Button } from '../../ui/button';
import { cx } from '../../ui/class-names';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { TextAreaField } from '../../ui/field';
import { useToast } from '../../ui/toast';
import { useCurrentUser } from '../auth/use-session';
import { useAttachmentDownload } from './use-attachment-download';
import { ClipIcon } from './chat-icon';
import { canEdit, fileSize, mentionSegments, type PendingMessage, type TimelineEntry } from './chat-logic';
import { useDeleteMessage, useEditMessage, useReact, useReportMessage } from './use-chat-mutations';

export const REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '🙏'] as const;

type MessageEntry = Extract<TimelineEntry, { type: 'message' }>;

interface MessageRowProps {
  entry: MessageEntry;
  detail: ConversationDetail;
  names: string[];
  editWindowMinutes: number;
  receipt?: string;
  readerNames: string[];
}

/** One message: own on the right in the brand colour, others on the left in grey (as in the plan). */
export function MessageRow({ entry, detail, names, editWindowMinutes, receipt, readerNames }: MessageRowProps) {
  const { message, own, firstOfRun, lastOfRun } = entry;
  const user = useCurrentUser();
  const format = useFormat();
  const toast = useToast();
  const [menu, setMenu] = useState(false);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.body);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [reason, setReason] = useState('');
  const edit = useEditMessage();
  const remove = useDeleteMessage();
  const react = useReact();
  const report = useReportMessage();
  const menuId = useId();

  const editable = canEdit(message, user.id, editWindowMinutes, Date.now());
  const moderator = user.role === 'admin' || (user.role === 'teacher' && detail.kind === 'course' && detail.myRole !== 'member');
  const deletable = !message.deleted && (own || moderator);
  const showName = !own && firstOfRun && detail.kind !== 'direct';

  const saveEdit = () =>
    edit.mutate(
      { messageId: message.id, body: draft.trim() },
      {
        onSuccess: () => {
          setEditing(false);
          toast.show({ kind: 'success', message: t('chat.message.edited.toast') });
        },
        onError: (error) => toast.show({ kind: 'error', message: t('chat.message.edit.failed'), detail: error.message }),
      },
    );

  return (
    <li className={cx('group flex flex-col', own ? 'items-end' : 'items-start', firstOfRun && 'mt-3')} data-testid="chat-message" data-message-id={message.id} data-own={own} data-seq={message.seq}>
      {showName && (
        <p className="mb-0.5 px-3 text-xs font-medium text-slate-600">
          {message.sender.firstName} {message.sender.lastName}
        </p>
      )}
      <div className={cx('flex max-w-[85%] items-end gap-1 sm:max-w-[70%]', own && 'flex-row-reverse')}>
        <div
          className={cx(
            'min-w-0 rounded-2xl px-3.5 py-2 text-sm shadow-sm',
            message.deleted ? 'bg-white text-slate-500 italic ring-1 ring-slate-200' : own ? 'bg-brand-700 text-white' : 'bg-white text-slate-900 ring-1 ring-slate-200',
            own ? (lastOfRun ? 'rounded-br-md' : '') : lastOfRun ? 'rounded-bl-md' : '',
          )}
        >
          {message.deleted ? (
            <p data-testid="chat-message-deleted">{t('chat.message.deleted')}</p>
          ) : editing ? (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                if (draft.trim()) saveEdit();
              }}
              className="w-64 max-w-full space-y-2"
            >
              <label className="sr-only" htmlFor={`${menuId}-edit`}>
                {t('chat.message.edit.label')}
              </label>
              <textarea
                id={`${menuId}-edit`}
                value={draft}
                onChange={(event) => setDraft(event.target.value)}
                rows={3}
                autoFocus
                className="w-full rounded-lg border border-slate-300 bg-white p-2 text-sm text-slate-900 not-italic"
                data-testid="chat-edit-input"
              />
              <div className="flex justify-end gap-2">
                <Button size="sm" variant="secondary" onClick={() => setEditing(false)}>
                  {t('chat.cancel')}
                </Button>
                <Button size="sm" type="submit" loading={edit.isPending} data-testid="chat-edit-save">
                  {t('common.save')}
                </Button>
              </div>
            </form>
          ) : (
            <>
              {message.attachment && <AttachmentView attachment={message.attachment} own={own} />}
              {message.body && (
                <p className="break-words whitespace-pre-wrap" data-testid="chat-message-body">
                  {mentionSegments(message.body, names).map((segment, index) =>
                    segment.mark ? (
                      <strong key={index} className={cx('font-semibold', own ? 'text-white underline' : 'text-brand-800')}>
                        {segment.text}
                      </strong>
                    ) : (
                      <span key={index}>{segment.text}</span>
                    ),
                  )}
                </p>
              )}
            </>
          )}
        </div>
        {!message.deleted && !editing && (
          <button
            type="button"
            aria-expanded={menu}
            aria-controls={menu ? menuId : undefined}
            aria-label={t('chat.message.actions')}
            onClick={() => setMenu((value) => !value)}
            className="grid size-8 shrink-0 place-items-center rounded-full text-slate-500 opacity-60 hover:bg-slate-200 hover:text-slate-800 focus-visible:opacity-100 group-hover:opacity-100"
            data-testid="chat-message-menu"
          >
            ⋯
          </button>
        )}
      </div>
      {menu && (
        <div id={menuId} role="group" aria-label={t('chat.message.actions')} className="mt-1 flex flex-wrap items-center gap-1 rounded-xl bg-white p-1 shadow-md ring-1 ring-slate-200">
          {REACTIONS.map((emoji) => {
            const mine = message.reactions.some((reaction) => reaction.emoji === emoji && reaction.userIds.includes(user.id));
            return (
              <button
                key={emoji}
                type="button"
                aria-pressed={mine}
                aria-label={t('chat.message.react', { emoji })}
                onClick={() => {
                  react.mutate({ messageId: message.id, emoji, on: !mine }, { onError: (error) => toast.show({ kind: 'error', message: error.message }) });
                  setMenu(false);
                }}
                className={cx('grid size-9 place-items-center rounded-lg text-lg hover:bg-slate-100', mine && 'bg-brand-50')}
              >
                {emoji}
              </button>
            );
          })}
          {editable && (
            <Button size="sm" variant="ghost" onClick={() => { setDraft(message.body); setEditing(true); setMenu(false); }} data-testid="chat-edit">
              {t('common.edit')}
            </Button>
          )}
          {deletable && (
            <Button size="sm" variant="ghost" onClick={() => { setConfirmDelete(true); setMenu(false); }} data-testid="chat-delete">
              {t('chat.message.delete')}
            </Button>
          )}
          {!own && (
            <Button size="sm" variant="ghost" onClick={() => { setReporting(true); setMenu(false); }} data-testid="chat-report">
              {t('chat.message.report')}
            </Button>
          )}
        </div>
      )}
      {message.reactions.length > 0 && (
        <ul className={cx('mt-1 flex flex-wrap gap-1', own && 'justify-end')} aria-label={t('chat.message.reactions')}>
          {message.reactions.map((reaction) => {
            const mine = reaction.userIds.includes(user.id);
            return (
              <li key={reaction.emoji}>
                <button
                  type="button"
                  aria-pressed={mine}
                  aria-label={t('chat.message.reactionCount', { emoji: reaction.emoji, count: reaction.count })}
                  onClick={() => react.mutate({ messageId: message.id, emoji: reaction.emoji, on: !mine })}
                  className={cx('rounded-full px-2 py-0.5 text-xs ring-1', mine ? 'bg-brand-50 ring-brand-300' : 'bg-white ring-slate-200')}
                  data-testid="chat-reaction"
                >
                  {reaction.emoji} <span className="tabular-nums">{reaction.count}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {lastOfRun && (
        <p className="mt-0.5 px-2 text-[11px] text-slate-500">
          <time dateTime={message.createdAt}>{format.time(message.createdAt)}</time>
          {message.isEdited && !message.deleted && <span data-testid="chat-message-edited"> · {t('chat.message.editedTag')}</span>}
          {receipt && (
            <span data-testid="chat-receipt" title={readerNames.join(', ')}>
              {' '}
              · {receipt}
            </span>
          )}
        </p>
      )}
      {confirmDelete && (
      <ConfirmDialog
        open={confirmDelete}
        title={t('chat.message.deleteTitle')}
        confirmLabel={t('chat.message.delete')}
        cancelLabel={t('chat.cancel')}
        confirmVariant="danger"
        pending={remove.isPending}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() =>
          remove.mutate(
            { messageId: message.id, conversationId: message.conversationId },
            {
              onSuccess: () => {
                setConfirmDelete(false);
                toast.show({ kind: 'success', message: t('chat.message.deletedToast') });
              },
              onError: (error) => toast.show({ kind: 'error', message: error.message }),
            },
          )
        }
        testId="chat-delete-dialog"
      >
        {t('chat.message.deleteBody')}
      </ConfirmDialog>
      )}
      {reporting && (
      <ConfirmDialog
        open={reporting}
        title={t('chat.report.title')}
        confirmLabel={t('chat.report.submit')}
        cancelLabel={t('chat.cancel')}
        pending={report.isPending}
        onCancel={() => setReporting(false)}
        onConfirm={() => {
          if (reason.trim().length < 3) {
            toast.show({ kind: 'error', message: t('chat.report.tooShort') });
            return;
          }
          report.mutate(
            { messageId: message.id, reason: reason.trim() },
            {
              onSuccess: () => {
                setReporting(false);
                setReason('');
                toast.show({ kind: 'success', message: t('chat.report.sent') });
              },
              onError: (error) => toast.show({ kind: 'error', message: error.message }),
            },
          );
        }}
        testId="chat-report-dialog"
      >
        <p className="mb-3 text-sm text-slate-600">{t('chat.report.body')}</p>
        <TextAreaField label={t('chat.report.reason')} value={reason} onChange={(event) => setReason(event.target.value)} rows={3} maxLength={1000} data-testid="chat-report-reason" />
      </ConfirmDialog>
      )}
    </li>
  );
}

/** An optimistic message: "sending…" until the server confirms, or "not sent" with retry and discard. */
export function PendingRow({ item, onRetry, onDiscard }: { item: PendingMessage; onRetry: () => void; onDiscard: () => void }) {
  return (
    <li className="mt-1 flex flex-col items-end" data-testid="chat-pending" data-status={item.status}>
      <div className={cx('max-w-[85%] rounded-2xl rounded-br-md px-3.5 py-2 text-sm whitespace-pre-wrap sm:max-w-[70%]', item.status === 'failed' ? 'bg-rose-50 text-rose-900 ring-1 ring-rose-200' : 'bg-brand-700/70 text-white')}>
        {item.attachmentName && <p className="text-xs opacity-80"><ClipIcon className="inline size-4 shrink-0" /> {item.attachmentName}</p>}
        {item.body}
      </div>
      {item.status === 'sending' ? (
        <p className="mt-0.5 px-2 text-[11px] text-slate-500">{t('chat.pending.sending')}</p>
      ) : (
        <p className="mt-0.5 flex items-center gap-2 px-2 text-xs text-rose-800" role="alert">
          {t('chat.pending.failed')}
          <button type="button" onClick={onRetry} className="font-semibold underline" data-testid="chat-retry">
            {t('common.retry')}
          </button>
          <button type="button" onClick={onDiscard} className="underline">
            {t('chat.pending.discard')}
          </button>
        </p>
      )}
    </li>
  );
}

/**
 * An image inline (fetched with the bearer token, shown from a blob URL) or a file to download. The preview is the
 * thumbnail made at upload; an image stored before thumbnails existed is previewed from the original.
 */
function AttachmentView({ attachment, own }: { attachment: MessageAttachment; own: boolean }) {
  const user = useCurrentUser();
  const { download, downloading } = useAttachmentDownload();
  const thumbnail = attachment.thumbnail ?? null;
  const image = useQuery({
    queryKey: thumbnail ? queryKeys.chat.attachmentThumbnail(user.id, attachment.id) : queryKeys.chat.attachment(user.id, attachment.id),
    queryFn: ({ signal }) => (thumbnail ? downloadAttachmentThumbnail(attachment.id, signal) : downloadAttachment(attachment.id, true, signal)),
    enabled: attachment.preview,
    staleTime: Infinity,
  });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!image.data) return;
    const next = URL.createObjectURL(image.data);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [image.data]);

  return (
    <div className="mb-1.5" data-testid="chat-attachment">
      {attachment.preview && (
        url ? (
          <img
            src={url}
            alt={attachment.fileName}
            width={(thumbnail ?? attachment).width ?? undefined}
            height={(thumbnail ?? attachment).height ?? undefined}
            className="mb-1 max-h-64 w-auto max-w-full rounded-lg object-contain"
            data-testid="chat-attachment-image"
          />
        ) : (
          <div className="mb-1 h-32 w-48 animate-pulse rounded-lg bg-slate-200" aria-label={t('chat.attachment.loading')} />
        )
      )}
      <button type="button" onClick={() => void download(attachment)} disabled={downloading} className={cx('flex items-center gap-2 text-left text-xs underline', own ? 'text-white' : 'text-brand-800')}>
        <ClipIcon className="inline size-4 shrink-0" /> <span className="break-all">{attachment.fileName}</span>
        <span className="no-underline opacity-80">({fileSize(attachment.sizeBytes)})</span>
        <span className="sr-only">{t('chat.attachment.download')}</span>
      </button>
    </div>
  );
}
