import { z } from 'zod';
import { defineRpc } from '../rpc-contract';
import { StudentRef } from './attendance.dto';

/** Evidence files: PDF, PNG, JPEG or WebP, recognised by their first bytes (the declared name is not trusted). */
export const EVIDENCE_MIME_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const;
/**
 * Size limit of an evidence file. Files up to EVIDENCE_INLINE_MAX_BYTES may travel base64 inside the RPC (one NATS
 * message is 1 MB); larger ones, up to this limit, go through ATTENDANCE_TRANSFER_BUCKET. The web app still
 * downscales photos first, to save data on phones.
 */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
/** The JSON form (base64 in the request) and inline downloads stay under this; larger files are streamed. */
export const EVIDENCE_INLINE_MAX_BYTES = 512 * 1024;

/**
 * Evidence bytes past EVIDENCE_INLINE_MAX_BYTES wait in this JetStream object store (a BlobTransfer bucket,
 * `<prefix>-attendance-transfers`): the gateway streams a multipart upload into it and attendance takes it; attendance
 * parks a large download there and the gateway streams it to the client. Entries nobody took expire after the TTL.
 */
export const ATTENDANCE_TRANSFER_BUCKET = { purpose: 'attendance-transfers', ttlMs: 15 * 60 * 1000 } as const;
/** An entry in ATTENDANCE_TRANSFER_BUCKET, named by the process that parked it (never by a client). */
export const AttendanceTransferRef = z.object({
  name: z.string().regex(/^evidence-(upload|download)-[0-9a-f-]{36}$/),
  bytes: z.number().int().min(0).max(EVIDENCE_MAX_BYTES),
});

export const EvidenceUpload = z.object({
  fileName: z.string().trim().min(1).max(200),
  /** The file, base64 (no data: prefix); larger files go as multipart/form-data. */
  contentBase64: z.string().max(Math.ceil((EVIDENCE_INLINE_MAX_BYTES * 4) / 3) + 8),
});

export const EXEMPTION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const Exemption = z.object({
  id: z.uuid(),
  student: StudentRef,
  courseId: z.uuid(),
  courseTitle: z.string(),
  sessionId: z.uuid(),
  sessionStartsAt: z.iso.datetime(),
  reason: z.string(),
  status: z.enum(EXEMPTION_STATUSES),
  evidence: z.object({ fileName: z.string(), mimeType: z.string(), sizeBytes: z.number().int() }).nullable(),
  requestedBy: z.uuid(),
  requestedAt: z.iso.datetime(),
  decidedBy: z.uuid().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  decisionNote: z.string().nullable(),
});
export type Exemption = z.infer<typeof Exemption>;

export const ExemptionCreateRequest = z.object({
  sessionId: z.uuid(),
  /** A linked parent names the child; a student leaves it out (or names themself). */
  studentId: z.uuid().optional(),
  reason: z.string().trim().min(3).max(1000),
  evidence: EvidenceUpload.optional(),
});

/** What the gateway sends: the client's request, or its fields with the file parked by the gateway (`evidence-upload-…`). */
export const ExemptionCreateRpcRequest = ExemptionCreateRequest.extend({
  /** Attendance takes (and removes) the entry, accepted or not. Never taken from a client's JSON body. */
  evidenceTransfer: z.object({ fileName: z.string().trim().min(1).max(200), transfer: AttendanceTransferRef }).optional(),
}).refine((value) => !(value.evidence && value.evidenceTransfer), 'at most one of evidence and evidenceTransfer');

export const ExemptionsListRequest = z.object({
  status: z.enum(EXEMPTION_STATUSES).optional(),
  courseId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ExemptionDecisionRequest = z.object({
  exemptionId: z.uuid(),
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().max(1000).optional(),
});

const ExemptionRef = z.object({ exemptionId: z.uuid() });

/**
 * The student enrolled in the session's course, or a parent with an active link to that student (approved, and
 * consented by an adult student; NOT_FOUND otherwise, so a parent learns nothing about other children).
 * One open request per student and session (ALREADY_EXISTS).
 */
export const exemptionsCreate = defineRpc('attendance', 'exemptionsCreate', ExemptionCreateRpcRequest, Exemption);
/** Students: their own; parents: their linked children's; teachers: their courses; admins: all. Newest first. */
export const exemptionsList = defineRpc('attendance', 'exemptionsList', ExemptionsListRequest, z.object({ items: z.array(Exemption) }));
/** Teachers of the course and admins; only pending requests (CONFLICT otherwise). Approval makes the record excused. */
export const exemptionsDecide = defineRpc('attendance', 'exemptionsDecide', ExemptionDecisionRequest, Exemption);
/** Whoever may see the request. Inline base64 up to EVIDENCE_INLINE_MAX_BYTES, otherwise parked (`evidence-download-…`). */
export const exemptionEvidence = defineRpc(
  'attendance',
  'exemptionEvidence',
  ExemptionRef,
  z
    .object({ fileName: z.string(), mimeType: z.string(), sizeBytes: z.number().int().optional(), contentBase64: z.string().optional(), transfer: AttendanceTransferRef.optional() })
    .refine((value) => (value.contentBase64 === undefined) !== (value.transfer === undefined), 'exactly one of contentBase64 and transfer'),
);
