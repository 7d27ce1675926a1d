import { z } from 'zod';
import { defineEvent } from './event-contract';
import { defineRpc, SERVICE_NAMES, type ServiceName } from './rpc-contract';

/**
 * Data rights (GDPR Art. 15/17/20 style): an admin exports everything the platform holds about one user, or erases
 * it. Export: the gateway calls every service's `rpc.<service>.dataExport` in parallel (admin or service auth only)
 * and streams one archive. Erasure: core records an audit row that is kept and publishes
 * `core.v1.user_erasure_requested`; each service deletes or de-identifies its data and confirms with
 * `<domain>.v1.user_erased`; core tracks the confirmations. See docs/operations.md#data-rights.
 */
export const DataExportRequest = z.object({ userId: z.uuid() }).strict();
export type DataExportRequest = z.infer<typeof DataExportRequest>;

/** Rows of one kind of data ("messages", "emailDeliveries", ...), as plain JSON objects. */
export const DataExportSection = z.array(z.record(z.string(), z.unknown()));
export const DataExport = z.object({
  service: z.string(),
  generatedAt: z.iso.datetime(),
  sections: z.record(z.string(), DataExportSection),
  /** Set when the export was too large for one NATS message: it waits in the data-exports object store. */
  stored: z.object({ name: z.string().min(1).max(200), bytes: z.number().int().positive() }).optional(),
});
export type DataExport = z.infer<typeof DataExport>;

/** Served by every service: what it holds about one user. Admins and services only. */
export function dataRightsRpc(service: ServiceName) {
  return defineRpc(service, 'dataExport', DataExportRequest, DataExport);
}

/** The services that take part in an erasure and confirm it (core erases its own data with the request). */
export const ERASURE_SERVICES = SERVICE_NAMES;
export type ErasureService = ServiceName;

export const ErasureReason = z.string().trim().min(5).max(1000);

export const UserErasureServiceStatus = z.object({
  service: z.enum(SERVICE_NAMES),
  status: z.enum(['pending', 'done']),
  completedAt: z.iso.datetime().nullable(),
  /** What the service did, by kind: `{ messagesRedacted: 3, reactionsDeleted: 1 }`. */
  summary: z.record(z.string(), z.number().int()),
});
export type UserErasureServiceStatus = z.infer<typeof UserErasureServiceStatus>;

export const UserErasure = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  requestedBy: z.uuid(),
  reason: z.string(),
  requestedAt: z.iso.datetime(),
  status: z.enum(['pending', 'completed']),
  completedAt: z.iso.datetime().nullable(),
  services: z.array(UserErasureServiceStatus),
});
export type UserErasure = z.infer<typeof UserErasure>;

export const UserErasureRequest = z.object({ userId: z.uuid(), reason: ErasureReason }).strict();
export const UserErasuresRequest = z.object({ userId: z.uuid() }).strict();
export const UserErasures = z.object({ items: z.array(UserErasure) });
export const DataExportAudit = z.object({ exportId: z.uuid(), recordedAt: z.iso.datetime() });

/** Core's side: the audit trail of exports and erasures, and the erasure status. Admin only. */
export const dataRightsCoreRpc = {
  recordExport: defineRpc('core', 'dataExportRecord', DataExportRequest, DataExportAudit),
  requestErasure: defineRpc('core', 'userErasureRequest', UserErasureRequest, UserErasure),
  erasures: defineRpc('core', 'userErasures', UserErasuresRequest, UserErasures),
};

export const UserErasureRequestedPayload = z.object({
  erasureId: z.uuid(),
  userId: z.uuid(),
  requestedAt: z.iso.datetime(),
});

export const UserErasedPayload = z.object({
  erasureId: z.uuid(),
  userId: z.uuid(),
  service: z.enum(SERVICE_NAMES),
  erasedAt: z.iso.datetime(),
  summary: z.record(z.string(), z.number().int()),
});
export type UserErasedPayload = z.infer<typeof UserErasedPayload>;

const erased = (subject: `${string}.v1.user_erased`, who: string) =>
  defineEvent(subject, UserErasedPayload, `${who} erased or de-identified its data about a user (reply to core.v1.user_erasure_requested).`);

/** One confirmation subject per service that holds user data besides core. */
export const userErasedEvents = {
  notifications: erased('notifications.v1.user_erased', 'Notifications'),
  attendance: erased('attendance.v1.user_erased', 'Attendance'),
  chat: erased('chat.v1.user_erased', 'Chat'),
  'live-classes': erased('live_classes.v1.user_erased', 'Live classes'),
  'parent-portal': erased('parent_portal.v1.user_erased', 'The parent portal'),
} as const satisfies Record<Exclude<ServiceName, 'core'>, unknown>;
