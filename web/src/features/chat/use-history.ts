import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ChatMessage, listMessages, sendMessage } from '../../api/chat.api';
import { queryKeys } from '../../api/query-keys';
import { onResync, realtime } from '../../realtime/realtime';
import { useRealtimeEvent } from '../../realtime/use-realtime-event';
import { useCurrentUser } from '../auth/use-session';
import { type HistoryState, lastConfirmed, mergeMessages, newClientId, type PendingMessage, patchMessage } from './chat-logic';

const PAGE = 40;

/**
 * The history of one conversation, held in the query cache as `{items, hasOlder, pending}`: the latest page first,
 * older pages on demand (infinite scroll upward), live messages from the socket, optimistic copies of what this
 * tab sends (kept as "failed" with a retry when the send fails), and after every reconnect a catch-up with
 * `after=<last id seen>` paged until nothing is left, so no message is lost across a drop.
 */
export function useHistory(conversationId: string) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const key = queryKeys.chat.messages(user.id, conversationId);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<unknown>(null);

  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }): Promise<HistoryState> => {
      const page = await listMessages(conversationId, { limit: PAGE }, signal);
      const previous = queryClient.getQueryData<HistoryState>(key);
      // A refetch keeps what was loaded and still pending: it only adds and refreshes.
      return mergeMessages({ items: previous?.items ?? [], hasOlder: previous ? previous.hasOlder : page.hasMore, pending: previous?.pending ?? [] }, page.items);
    },
    staleTime: Infinity,
    gcTime: 5 * 60_000,
  });

  const update = useCallback(
    (change: (state: HistoryState) => HistoryState) =>
      queryClient.setQueryData<HistoryState>(key, (state) => change(state ?? { items: [], hasOlder: false, pending: [] })),
    [queryClient, user.id, conversationId],
  );

  const loadOlder = useCallback(async () => {
    const state = queryClient.getQueryData<HistoryState>(key);
    const oldest = state?.items[0];
    if (!state?.hasOlder || !oldest || loadingOlder) return;
    setLoadingOlder(true);
    setOlderError(null);
    try {
      const page = await listMessages(conversationId, { before: oldest.id, limit: PAGE });
      update((current) => ({ ...mergeMessages(current, page.items), hasOlder: page.hasMore }));
    } catch (error) {
      setOlderError(error);
    } finally {
      setLoadingOlder(false);
    }
  }, [conversationId, loadingOlder, queryClient, update]);

  // Catch up after a reconnect: everything after the newest message we have.
  const catchingUp = useRef(false);
  const catchUp = useCallback(async () => {
    if (catchingUp.current) return;
    catchingUp.current = true;
    try {
      for (let round = 0; round < 20; round += 1) {
        const last = lastConfirmed(queryClient.getQueryData<HistoryState>(key));
        if (!last) {
          await queryClient.invalidateQueries({ queryKey: key });
          return;
        }
        const page = await listMessages(conversationId, { after: last.id, limit: 100 });
        update((current) => mergeMessages(current, page.items));
        if (!page.hasMore) return;
      }
    } catch {
      // The next reconnect or send tries again.
    } finally {
      catchingUp.current = false;
    }
  }, [conversationId, queryClient, update]);
  useEffect(() => onResync(() => void catchUp()), [catchUp]);

  useRealtimeEvent('new_message', (message) => message.conversationId === conversationId && update((state) => mergeMessages(state, [message])));
  useRealtimeEvent('message_edited', (message) => message.conversationId === conversationId && update((state) => mergeMessages(state, [message])));
  useRealtimeEvent('message_deleted', (event) => {
    if (event.conversationId !== conversationId) return;
    update((state) => patchMessage(state, event.messageId, (message) => ({ ...message, deleted: true, body: '', attachment: null, reactions: [] })));
  });
  useRealtimeEvent('message_reactions', (event) => {
    if (event.conversationId !== conversationId) return;
    update((state) => patchMessage(state, event.messageId, (message) => ({ ...message, reactions: event.reactions })));
  });

  /** Sends over the socket when connected (REST otherwise); the same clientId makes a retry safe. */
  const deliver = useCallback(
    async (pending: PendingMessage) => {
      const body = { body: pending.body, clientId: pending.clientId, mentions: pending.mentions, attachmentId: pending.attachmentId };
      try {
        const message = realtime.isConnected()
          ? (await realtime.emitWithAck<{ ok: true; message: ChatMessage }>('send_message', { conversationId, ...body }, 15_000)).message
          : await sendMessage(conversationId, body);
        update((state) => mergeMessages(state, [message]));
        void queryClient.invalidateQueries({ queryKey: queryKeys.chat.inboxes(user.id) });
        return message;
      } catch (error) {
        update((state) => ({ ...state, pending: state.pending.map((item) => (item.clientId === pending.clientId ? { ...item, status: 'failed' } : item)) }));
        throw error;
      }
    },
    [conversationId, queryClient, update, user.id],
  );

  const send = useCallback(
    (input: { body: string; mentions: string[]; attachmentId?: string; attachmentName?: string }) => {
      const pending: PendingMessage = { ...input, clientId: newClientId(), createdAt: new Date().toISOString(), status: 'sending' };
      update((state) => ({ ...state, pending: [...state.pending, pending] }));
      return deliver(pending);
    },
    [deliver, update],
  );

  const retry = useCallback(
    (clientId: string) => {
      const pending = queryClient.getQueryData<HistoryState>(key)?.pending.find((item) => item.clientId === clientId);
      if (!pending) return Promise.resolve(undefined);
      update((state) => ({ ...state, pending: state.pending.map((item) => (item.clientId === clientId ? { ...item, status: 'sending' } : item)) }));
      return deliver({ ...pending, status: 'sending' });
    },
    [deliver, queryClient, update],
  );

  const discard = useCallback(
    (clientId: string) => update((state) => ({ ...state, pending: state.pending.filter((item) => item.clientId !== clientId) })),
    [update],
  );

  return { query, loadOlder, loadingOlder, olderError, send, retry, discard, update };
}
