import { z } from 'zod';
import { defineRpc } from '../rpc-contract';
import { AttendanceRecord, AttendanceStatus, MarkingMethod, StudentRef } from './attendance.dto';

export const QrTokenView = z.object({
  sessionId: z.uuid(),
  token: z.string(),
  /** What the QR code encodes: `<PUBLIC_APP_URL>/check-in?t=<token>`. */
  url: z.string(),
  issuedAt: z.iso.datetime(),
  /** The token is refused after this instant (end of its window plus the grace period). */
  expiresAt: z.iso.datetime(),
  /** Ask again after this many milliseconds: the next token starts then. */
  refreshAfterMs: z.number().int(),
  rotationSeconds: z.number().int(),
});
export type QrTokenView = z.infer<typeof QrTokenView>;

/** What the student's browser sends. The gateway adds the client address and user agent. */
export const CheckInBody = z.object({
  token: z.string().min(10).max(200),
  /** A random id the web app keeps in localStorage: one device checks in one student per session. */
  deviceId: z.string().trim().min(8).max(128),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  accuracyMeters: z.number().min(0).max(100_000).optional(),
});
export const CheckInRequest = CheckInBody.extend({
  client: z.object({ ip: z.string().max(64).nullable(), userAgent: z.string().max(512).nullable() }),
});

export const CheckInResult = z.object({
  record: AttendanceRecord,
  session: z.object({ id: z.uuid(), courseTitle: z.string(), startsAt: z.iso.datetime(), topic: z.string().nullable() }),
});
export type CheckInResult = z.infer<typeof CheckInResult>;

const MarkableStatus = AttendanceStatus;

export const MarkRequest = z.object({
  sessionId: z.uuid(),
  studentId: z.uuid(),
  status: MarkableStatus,
  note: z.string().trim().max(500).optional(),
});

export const BulkMarkRequest = z.object({
  sessionId: z.uuid(),
  /** Applied first to every actively enrolled student ("mark all present"), then `marks` override it. */
  allStatus: MarkableStatus.optional(),
  marks: z.array(z.object({ studentId: z.uuid(), status: MarkableStatus, note: z.string().trim().max(500).optional() })).max(1000).default([]),
});

export const MarkResult = z.object({ record: AttendanceRecord, changed: z.boolean() });
export const BulkMarkResult = z.object({ changed: z.number().int(), unchanged: z.number().int(), records: z.array(AttendanceRecord) });

export const AuditEntry = z.object({
  id: z.string(),
  sessionId: z.uuid(),
  sessionStartsAt: z.iso.datetime(),
  courseId: z.uuid(),
  student: StudentRef,
  fromStatus: AttendanceStatus.nullable(),
  toStatus: AttendanceStatus,
  method: MarkingMethod,
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  at: z.iso.datetime(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListRequest = z
  .object({
    sessionId: z.uuid().optional(),
    courseId: z.uuid().optional(),
    studentId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** The previous page's `nextCursor`. */
    before: z.string().regex(/^\d+$/).optional(),
  })
  .refine((value) => value.sessionId || value.courseId, { message: 'give sessionId or courseId' });

export const FLAG_REASONS = ['device_reused', 'outside_geofence', 'network_not_allowed'] as const;
export const FlaggedCheckIn = z.object({
  id: z.uuid(),
  sessionId: z.uuid(),
  student: StudentRef,
  reason: z.enum(FLAG_REASONS),
  /** For `device_reused`: the student who first used the device. */
  otherStudent: StudentRef.nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
});
export type FlaggedCheckIn = z.infer<typeof FlaggedCheckIn>;

const SessionRef = z.object({ sessionId: z.uuid() });

/** Teachers of the course and admins; call again after `refreshAfterMs` to keep the projector current. */
export const generateQr = defineRpc('attendance', 'generateQr', SessionRef, QrTokenView);
/**
 * Students. Refusals: TOKEN_EXPIRED, TOKEN_INVALID (forged, malformed, other session), SESSION_CLOSED,
 * NOT_ENROLLED, OUTSIDE_GEOFENCE, NETWORK_NOT_ALLOWED, DEVICE_ALREADY_USED (flagged), ALREADY_CHECKED_IN.
 */
export const checkIn = defineRpc('attendance', 'checkIn', CheckInRequest, CheckInResult, { batched: true });
/** Teachers of the course and admins; a manual mark overrides any other method. */
export const mark = defineRpc('attendance', 'mark', MarkRequest, MarkResult);
/** All or nothing: one refused student (NOT_ENROLLED) leaves every record as it was. */
export const markBulk = defineRpc('attendance', 'markBulk', BulkMarkRequest, BulkMarkResult);
export const auditList = defineRpc('attendance', 'auditList', AuditListRequest, z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() }));
export const flaggedList = defineRpc('attendance', 'flaggedList', SessionRef, z.object({ items: z.array(FlaggedCheckIn) }));
