import { tn } from '../../i18n';
import { unreadBadge } from './chat-logic';
import { useChatLive, useUnreadTotal } from './use-inbox';

/** The Messages nav item's badge: total unread (muted conversations left out), kept live from the socket. */
export function ChatNavBadge() {
  useChatLive();
  const total = useUnreadTotal().data ?? 0;
  if (total === 0) return null;
  return (
    <span className="min-w-5 rounded-full bg-rose-600 px-1 text-center text-[11px] leading-5 font-semibold text-white tabular-nums" data-testid="chat-nav-badge" data-count={total}>
      <span aria-hidden="true">{unreadBadge(total)}</span>
      <span className="sr-only">{tn('chat.inbox.unread', total)}</span>
    </span>
  );
}
