import { useParams } from 'react-router-dom';
import { t } from '../../i18n';
import { useDocumentTitle } from '../../layout/use-document-title';
import { cx } from '../../ui/class-names';
import { EmptyState } from '../../ui/empty-state';
import { InboxIcon } from '../../ui/icons';
import { ConversationView } from './conversation-view';
import { InboxPanel } from './inbox-panel';

/**
 * Messages: on a phone the inbox and a conversation are separate screens (`/messages`, `/messages/:id`); from the
 * md breakpoint they sit side by side. The page fills the height left by the header and the bottom bar.
 */
export function ChatPage() {
  const { conversationId } = useParams();
  useDocumentTitle(t('chat.title'));
  return (
    <div className="-mx-4 -mt-6 flex h-[calc(100dvh-11rem)] min-h-[420px] border-slate-200 bg-white sm:-mx-6 md:mx-0 md:mt-0 md:h-[calc(100dvh-8rem)] md:rounded-xl md:border">
      <section
        aria-label={t('chat.inbox.title')}
        className={cx('min-w-0 flex-col border-slate-200 md:flex md:w-80 md:shrink-0 md:border-r lg:w-96', conversationId ? 'hidden' : 'flex w-full')}
      >
        <InboxPanel activeId={conversationId} />
      </section>
      <section aria-label={t('chat.conversation.region')} className={cx('min-w-0 flex-1 flex-col md:flex', conversationId ? 'flex' : 'hidden')}>
        {conversationId ? (
          <ConversationView key={conversationId} conversationId={conversationId} />
        ) : (
          <div className="grid flex-1 place-items-center">
            <EmptyState icon={<InboxIcon className="size-6" />} title={t('chat.pickTitle')}>
              {t('chat.pickBody')}
            </EmptyState>
          </div>
        )}
      </section>
    </div>
  );
}
