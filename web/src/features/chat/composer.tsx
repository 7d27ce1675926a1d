import { useMemo, useRef, useState } from 'react';
import { type ChatMessage, type ConversationDetail, type MessageAttachment, uploadAttachment } from '../../api/chat.api';
import { t } from '../../i18n';
import { Button } from '../../ui/button';
import { cx } from '../../ui/class-names';
import { ProgressBar } from '../../ui/progress-bar';
import { useToast } from '../../ui/toast';
import { useCurrentUser } from '../auth/use-session';
import { ClipIcon } from './chat-icon';
import { activeMention, filterMentions, type MentionCandidate, mentionedIds } from './chat-logic';
import { useChatPolicy } from './use-chat-policy';

interface ComposerProps {
  detail: ConversationDetail;
  onSend: (input: { body: string; mentions: string[]; attachmentId?: string; attachmentName?: string }) => Promise<ChatMessage>;
  onTyping: () => void;
  onStopTyping: () => void;
}

type Upload = { file: File; progress: number; attachment?: MessageAttachment; error?: string };

/**
 * Write, mention (`@` opens a list of participants), attach (uploaded at once, with progress) and send: Enter sends,
 * Shift+Enter adds a line. The message shows at once (optimistic) and gets a retry if it fails.
 */
export function Composer({ detail, onSend, onTyping, onStopTyping }: ComposerProps) {
  const user = useCurrentUser();
  const toast = useToast();
  const policy = useChatPolicy();
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [chosen, setChosen] = useState<MentionCandidate[]>([]);
  const [highlight, setHighlight] = useState(0);
  const [upload, setUpload] = useState<Upload | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const candidates = useMemo(
    () => detail.participants.filter((participant) => participant.user.id !== user.id).map((participant) => ({ id: participant.user.id, name: `${participant.user.firstName} ${participant.user.lastName}` })),
    [detail.participants, user.id],
  );
  const mention = activeMention(text, caret);
  const options = mention ? filterMentions(candidates, mention.query) : [];

  if (!detail.canPost)
    return (
      <p className="border-t border-slate-200 p-4 text-center text-sm text-slate-600" data-testid="chat-read-only">
        {t('chat.composer.readOnly')}
      </p>
    );

  const pick = (candidate: MentionCandidate) => {
    if (!mention) return;
    const next = `${text.slice(0, mention.start)}@${candidate.name} ${text.slice(caret)}`;
    const position = mention.start + candidate.name.length + 2;
    setText(next);
    setChosen((current) => [...current, candidate]);
    setCaret(position);
    requestAnimationFrame(() => input.current?.setSelectionRange(position, position));
  };

  const attach = async (file: File) => {
    const limit = policy.data?.attachmentMaxBytes;
    if (limit && file.size > limit) {
      toast.show({ kind: 'error', message: t('chat.attachment.tooBig', { name: file.name }) });
      return;
    }
    setUpload({ file, progress: 0 });
    try {
      const attachment = await uploadAttachment(detail.id, file, (progress) => setUpload((current) => (current ? { ...current, progress } : current)));
      setUpload({ file, progress: 1, attachment });
    } catch (error) {
      setUpload({ file, progress: 0, error: error instanceof Error ? error.message : String(error) });
    }
  };

  const submit = () => {
    const body = text.trim();
    if (upload && !upload.attachment) return;
    if (!body && !upload?.attachment) return;
    onStopTyping();
    const attachment = upload?.attachment;
    setText('');
    setChosen([]);
    setUpload(null);
    onSend({ body, mentions: mentionedIds(body, chosen), attachmentId: attachment?.id, attachmentName: attachment?.fileName }).catch(() => undefined);
    input.current?.focus();
  };

  const uploading = upload !== null && !upload.attachment && !upload.error;
  return (
    <div className="relative border-t border-slate-200 bg-white p-2 sm:p-3">
      {options.length > 0 && (
        <ul role="listbox" aria-label={t('chat.composer.mentions')} className="absolute bottom-full left-3 z-30 mb-1 w-64 overflow-hidden rounded-lg bg-white shadow-lg ring-1 ring-slate-200" data-testid="chat-mention-list">
          {options.map((option, index) => (
            <li key={option.id} role="option" aria-selected={index === highlight}>
              <button
                type="button"
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pick(option)}
                className={cx('block w-full px-3 py-2 text-left text-sm', index === highlight ? 'bg-brand-50 text-brand-900' : 'hover:bg-slate-50')}
              >
                {option.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {upload && (
        <div className="mb-2 flex items-center gap-3 rounded-lg bg-slate-50 p-2 text-sm" data-testid="chat-upload">
          <span className="min-w-0 flex-1 truncate"><ClipIcon className="inline size-4 shrink-0" /> {upload.file.name}</span>
          {upload.error ? (
            <span className="text-rose-800" role="alert">
              {upload.error}
            </span>
          ) : upload.attachment ? (
            <span className="text-emerald-800">{t('chat.attachment.ready')}</span>
          ) : (
            <div className="w-32">
              <ProgressBar value={Math.round(upload.progress * 100)} max={100} label={t('chat.attachment.uploading')} valueText={`${Math.round(upload.progress * 100)}%`} />
            </div>
          )}
          <button type="button" onClick={() => setUpload(null)} className="text-xs font-medium text-slate-700 underline">
            {t('chat.attachment.remove')}
          </button>
        </div>
      )}
      <form
        className="flex items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <input
          ref={fileInput}
          type="file"
          className="sr-only"
          tabIndex={-1}
          accept={(policy.data?.allowedMimeTypes ?? ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain']).join(',')}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void attach(file);
          }}
          data-testid="chat-file-input"
          aria-hidden="true"
        />
        <Button variant="ghost" size="md" className="px-3" onClick={() => fileInput.current?.click()} aria-label={t('chat.attachment.add')} disabled={uploading}>
          <ClipIcon className="size-5" />
        </Button>
        <label className="sr-only" htmlFor={`composer-${detail.id}`}>
          {t('chat.composer.label', { title: detail.title })}
        </label>
        <textarea
          ref={input}
          id={`composer-${detail.id}`}
          value={text}
          rows={1}
          maxLength={4000}
          placeholder={t('chat.composer.placeholder')}
          onChange={(event) => {
            setText(event.target.value);
            setCaret(event.target.selectionStart);
            setHighlight(0);
            if (event.target.value) onTyping();
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onBlur={onStopTyping}
          onKeyDown={(event) => {
            if (options.length > 0 && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
              event.preventDefault();
              setHighlight((index) => (index + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
              return;
            }
            if (options.length > 0 && (event.key === 'Enter' || event.key === 'Tab')) {
              event.preventDefault();
              const option = options[highlight];
              if (option) pick(option);
              return;
            }
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              submit();
            }
          }}
          className="max-h-36 min-h-11 flex-1 resize-none rounded-xl border border-slate-300 px-3 py-2.5 text-sm focus-visible:border-brand-600 focus-visible:ring-2 focus-visible:ring-brand-600/30 focus-visible:outline-none [field-sizing:content]"
          data-testid="chat-composer"
        />
        <Button type="submit" disabled={uploading || (!text.trim() && !upload?.attachment)} data-testid="chat-send">
          {t('chat.composer.send')}
        </Button>
      </form>
    </div>
  );
}
