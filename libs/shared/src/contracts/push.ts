import { z } from 'zod';
import type { ChatClientEventMap } from './chat/chat.socket';

/**
 * Server → client real-time events. Services publish them on core NATS subjects `push.<room-kind>.<id>`;
 * every gateway instance subscribes and emits to its own sockets in the room `<room-kind>:<id>`.
 * Push is best effort: a client that reconnects refetches what changed after the last id it saw.
 */
export const PUSH_ROOM_KINDS = ['user', 'conversation', 'class', 'session', 'course'] as const;
export type PushRoomKind = (typeof PUSH_ROOM_KINDS)[number];

export const PushMessage = z.object({
  room: z.object({ kind: z.enum(PUSH_ROOM_KINDS), id: z.string().min(1).max(100) }),
  event: z.string().regex(/^[a-z][a-z_]*$/),
  data: z.unknown(),
});
export type PushMessage = z.infer<typeof PushMessage>;

/**
 * Pushes a process makes in the same moment travel together on this subject (see publishPush), as
 * `{items: PushMessage[]}` in order. Gateways relay each item exactly as if it had come on its room's subject.
 */
export const PUSH_BATCH_SUBJECT = 'push.batch';
export const PushBatch = z.object({ items: z.array(z.unknown()).min(1).max(1000) });

/** Typed map of every server → client socket event and its payload. Features add theirs here. */
export interface ClientEventMap extends ChatClientEventMap {
  /** Sent on connect and on request so a client can check its session is still known. */
  session_ready: { userId: string; serverTime: string };
  /**
   * The access token the socket connected with has expired; the gateway disconnects the socket right after this.
   * Refresh the token and connect again (the rooms must be joined again, and missed messages fetched).
   */
  session_expired: { code: 'TOKEN_EXPIRED'; message: string; expiredAt: string };
  user_online: { userId: string; status: 'online' | 'idle' | 'offline' };
  /**
   * A new in-app notification for the signed-in user, with their unread count after it. `silent` is true during
   * the user's quiet hours: update the bell, but no toast or sound.
   */
  notification: {
    id: string;
    title: string;
    body: string;
    createdAt: string;
    category?: string;
    link?: string | null;
    unreadCount?: number;
    silent?: boolean;
  };
  /** Notifications were marked read (in another tab or device): refresh the bell with `unreadCount`. */
  notifications_read: { ids: string[] | 'all'; unreadCount: number };
  /**
   * Attendance, in the room `session:<id>` (teachers of the course and admins only): a student's record was
   * created or changed (check-in, mark, bulk, auto-absent, exemption).
   */
  attendance_record: {
    sessionId: string;
    student: { id: string; firstName: string; lastName: string };
    record: { id: string; status: 'present' | 'late' | 'absent' | 'excused'; method: string; markedAt: string; checkedInAt: string | null; note: string | null };
    fromStatus: 'present' | 'late' | 'absent' | 'excused' | null;
  };
  /** Attendance, room `session:<id>`: the projector's counter, at most a few times a second during a rush. */
  attendance_counts: {
    sessionId: string;
    counts: { present: number; late: number; absent: number; excused: number; unmarked: number; enrolled: number };
    at: string;
  };
  /**
   * Live classes, room `class:<id>` (enrolled students, teachers of the course, admins): a question was asked,
   * upvoted, unvoted or answered. `votedByMe` is always false here: each client keeps its own vote state.
   */
  live_question: {
    classId: string;
    change: 'asked' | 'voted' | 'answered';
    question: {
      id: string; classId: string; text: string; asker: { id: string; firstName: string; lastName: string }; votes: number; votedByMe: boolean;
      answered: boolean; answerText: string | null; answeredBy: { id: string; firstName: string; lastName: string } | null; answeredAt: string | null; createdAt: string;
    };
  };
  /** Live classes, room `class:<id>`: the class status changed (started, ended, cancelled, rescheduled). */
  live_class_status: { classId: string; status: 'scheduled' | 'in_progress' | 'completed' | 'cancelled'; startedAt: string | null; endedAt: string | null };
  /** Attendance, room `session:<id>`: a suspicious check-in attempt (device reused, outside the geofence, network). */
  attendance_flagged: {
    sessionId: string;
    flag: { id: string; reason: string; student: { id: string; firstName: string; lastName: string }; createdAt: string };
  };
}

/** The NATS subject of a room's pushes (before the deployment's subject prefix). */
export function pushSubject(kind: PushRoomKind, id: string): string {
  return `push.${kind}.${id}`;
}
