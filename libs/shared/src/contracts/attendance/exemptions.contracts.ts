import { z } from 'zod';
import { defineRpc } from '../rpc-contract';
import { StudentRef } from './attendance.dto';

/** Evidence files: PDF, PNG, JPEG or WebP, recognised by their first bytes (the declared name is not trusted). */
export const EVIDENCE_MIME_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const;
/**
 * Decoded size limit. Files travel base64 inside one NATS message (1 MB by default), so the web app should
 * downscale photos before sending them.
 */
export const EVIDENCE_MAX_BYTES = 512 * 1024;

export const EvidenceUpload = z.object({
  fileName: z.string().trim().min(1).max(200),
  /** The file, base64 (no data: prefix). */
  contentBase64: z.string().max(Math.ceil((EVIDENCE_MAX_BYTES * 4) / 3) + 8),
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
export const exemptionsCreate = defineRpc('attendance', 'exemptionsCreate', ExemptionCreateRequest, Exemption);
/** Students: their own; parents: their linked children's; teachers: their courses; admins: all. Newest first. */
export const exemptionsList = defineRpc('attendance', 'exemptionsList', ExemptionsListRequest, z.object({ items: z.array(Exemption) }));
/** Teachers of the course and admins; only pending requests (CONFLICT otherwise). Approval makes the record excused. */
export const exemptionsDecide = defineRpc('attendance', 'exemptionsDecide', ExemptionDecisionRequest, Exemption);
/** Whoever may see the request. */
export const exemptionEvidence = defineRpc(
  'attendance',
  'exemptionEvidence',
  ExemptionRef,
  z.object({ fileName: z.string(), mimeType: z.string(), contentBase64: z.string() }),
);
