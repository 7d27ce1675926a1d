import { TYPING_THROTTLE_MS, TYPING_TTL_MS } from '@tec/shared/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { realtime } from '../../realtime/realtime';
import { useRealtimeEvent } from '../../realtime/use-realtime-event';
import { useCurrentUser } from '../auth/use-session';

/** Stop saying "typing" this long after the last key press. */
const IDLE_MS = 3000;

/**
 * Typing indicators, ephemeral: `notifyTyping()` on each key press sends `typing: true` at most once per throttle
 * window and `typing: false` after a pause (or on send); others' indicators expire after TYPING_TTL_MS.
 */
export function useTyping(conversationId: string) {
  const user = useCurrentUser();
  const [typers, setTypers] = useState<Record<string, number>>({});
  const lastSent = useRef(0);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useRealtimeEvent('typing', (event) => {
    if (event.conversationId !== conversationId || event.userId === user.id) return;
    setTypers((current) => {
      const next = { ...current };
      if (event.typing) next[event.userId] = Date.now() + TYPING_TTL_MS;
      else delete next[event.userId];
      return next;
    });
  });
  // A message from someone ends their typing.
  useRealtimeEvent('new_message', (message) => {
    if (message.conversationId !== conversationId) return;
    setTypers((current) => {
      if (!(message.sender.id in current)) return current;
      const next = { ...current };
      delete next[message.sender.id];
      return next;
    });
  });

  const hasTypers = Object.keys(typers).length > 0;
  useEffect(() => {
    if (!hasTypers) return;
    const timer = setInterval(() => {
      const now = Date.now();
      setTypers((current) => {
        const live = Object.entries(current).filter(([, until]) => until > now);
        return live.length === Object.keys(current).length ? current : Object.fromEntries(live);
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [hasTypers]);

  const stopTyping = useCallback(() => {
    clearTimeout(idleTimer.current);
    if (lastSent.current === 0) return;
    lastSent.current = 0;
    realtime.emitVolatile('typing', { conversationId, typing: false });
  }, [conversationId]);

  const notifyTyping = useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current >= TYPING_THROTTLE_MS) {
      lastSent.current = now;
      realtime.emitVolatile('typing', { conversationId, typing: true });
    }
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stopTyping, IDLE_MS);
  }, [conversationId, stopTyping]);

  useEffect(() => () => stopTyping(), [stopTyping]);

  return { typers: Object.keys(typers), notifyTyping, stopTyping };
}
