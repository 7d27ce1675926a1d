import type { ClientEventMap, SessionWithCounts } from '@tec/shared/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { RosterView } from '../../../api/attendance.api';
import { queryKeys } from '../../../api/query-keys';
import { useRealtimeEvent } from '../../../realtime/use-realtime-event';
import { type RoomState, useRoom } from '../../../realtime/use-room';
import { useCurrentUser } from '../../auth/use-session';
import { applyRecordPush } from '../roster/grid-state';

type Counts = SessionWithCounts['counts'];

/**
 * Live state of one session for the projector and the grid: joins the room `session:<id>`, applies record and
 * counter pushes to the cached session and roster, and refetches both after a reconnect (pushes sent during the
 * drop were missed).
 */
export function useSessionLive(sessionId: string, onFlagged?: (payload: ClientEventMap['attendance_flagged']) => void): RoomState {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const sessionKey = queryKeys.attendance.session(user.id, sessionId);
  const rosterKey = queryKeys.attendance.roster(user.id, sessionId);

  const refetch = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.attendance.session(user.id, sessionId) });
  }, [queryClient, user.id, sessionId]);
  const room = useRoom('session', sessionId, refetch);

  const setCounts = (counts: Counts) => {
    queryClient.setQueryData<SessionWithCounts>(sessionKey, (current) => (current ? { ...current, counts } : current));
    queryClient.setQueryData<RosterView>(rosterKey, (current) => (current ? { ...current, session: { ...current.session, counts } } : current));
  };

  useRealtimeEvent('attendance_counts', (payload) => {
    if (payload.sessionId === sessionId) setCounts(payload.counts);
  });
  useRealtimeEvent('attendance_record', (payload) => {
    if (payload.sessionId !== sessionId) return;
    const roster = queryClient.getQueryData<RosterView>(rosterKey);
    if (roster && !roster.items.some((entry) => entry.student.id === payload.student.id)) {
      // A student the grid doesn't list yet (enrolled since it loaded): fetch the roster again.
      void queryClient.invalidateQueries({ queryKey: rosterKey });
      return;
    }
    queryClient.setQueryData<RosterView>(rosterKey, (current) => (current ? applyRecordPush(current, payload) : current));
  });
  useRealtimeEvent('attendance_flagged', (payload) => {
    if (payload.sessionId !== sessionId) return;
    void queryClient.invalidateQueries({ queryKey: queryKeys.attendance.flagged(user.id, sessionId) });
    queryClient.setQueryData<RosterView>(rosterKey, (current) =>
      current
        ? { ...current, items: current.items.map((entry) => (entry.student.id === payload.flag.student.id ? { ...entry, flags: entry.flags + 1 } : entry)) }
        : current,
    );
    onFlagged?.(payload);
  });

  return room;
}
