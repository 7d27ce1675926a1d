// Attendance (gateway tag `attendance`): sessions, QR check-in, marking, policies, statistics, reports, exemptions.
// Types only from the contracts: the schemas stay out of the bundle.
import type {
  AttendancePolicy,
  AttendanceReport,
  AttendanceStatus,
  AuditEntry,
  BulkMarkRequest,
  CheckInBody,
  CheckInResult,
  ClassSession,
  CourseStatistics,
  Exemption,
  ExemptionCreateRequest,
  FlaggedCheckIn,
  MarkResult,
  QrTokenView,
  RosterEntry,
  SessionCreateRequest,
  SessionUpdateRequest,
  SessionWithCounts,
  StudentCourseStats,
  BulkMarkResult,
} from '@tec/shared/contracts';
import type { z } from 'zod';
import { request } from './client';
import type { ItemList } from './types';

export type SessionCreate = z.input<typeof SessionCreateRequest>;
export type SessionUpdate = Omit<z.input<typeof SessionUpdateRequest>, 'sessionId'>;
export type CheckInInput = z.input<typeof CheckInBody>;
export type BulkMarkInput = z.input<typeof BulkMarkRequest>;
export type ExemptionCreate = z.input<typeof ExemptionCreateRequest>;
export type CourseStatisticsView = z.infer<typeof CourseStatistics>;
export type MarkResultView = z.infer<typeof MarkResult>;
export type BulkMarkResultView = z.infer<typeof BulkMarkResult>;
export type PolicyUpdate = Partial<Omit<AttendancePolicy, 'courseId' | 'updatedAt'>>;
export type ReportType = AttendanceReport['type'];

export interface RosterView {
  session: SessionWithCounts;
  items: RosterEntry[];
}

export interface SessionsQuery {
  courseId?: string;
  /** ISO instants: sessions starting in [from, to). */
  from?: string;
  to?: string;
  includeCancelled?: boolean;
  limit?: number;
}

const path = encodeURIComponent;

// Sessions
export function listSessions(query: SessionsQuery, signal?: AbortSignal): Promise<ItemList<SessionWithCounts>> {
  return request('/classes/sessions', { signal, query: { ...query } });
}
export function getSession(sessionId: string, signal?: AbortSignal): Promise<SessionWithCounts> {
  return request(`/classes/sessions/${path(sessionId)}`, { signal });
}
export function createSessions(body: SessionCreate): Promise<{ items: ClassSession[]; seriesId: string | null }> {
  return request('/classes/sessions', { method: 'POST', body });
}
export function updateSession(sessionId: string, body: SessionUpdate): Promise<ClassSession> {
  return request(`/classes/sessions/${path(sessionId)}`, { method: 'PUT', body });
}
export function cancelSession(sessionId: string, scope: 'this' | 'following', reason?: string): Promise<{ cancelled: number }> {
  return request(`/classes/sessions/${path(sessionId)}/cancel`, { method: 'POST', body: { scope, reason: reason || undefined } });
}
export function getRoster(sessionId: string, signal?: AbortSignal): Promise<RosterView> {
  return request(`/classes/sessions/${path(sessionId)}/roster`, { signal });
}

// QR and check-in
export function generateQr(sessionId: string, signal?: AbortSignal): Promise<QrTokenView> {
  return request('/attendance/generate-qr', { method: 'POST', body: { sessionId }, signal });
}
/**
 * The student's scan. TOKEN_EXPIRED / TOKEN_INVALID here are about the QR token, not the sign-in: no refresh and
 * retry, and no sign-out.
 */
export function checkIn(body: CheckInInput): Promise<CheckInResult> {
  return request('/attendance/check-in', { method: 'POST', body, retryOnTokenExpired: false });
}

// Marking
export function markOne(body: { sessionId: string; studentId: string; status: AttendanceStatus; note?: string }): Promise<MarkResultView> {
  return request('/attendance/mark', { method: 'POST', body });
}
export function markBulk(body: BulkMarkInput): Promise<BulkMarkResultView> {
  return request('/attendance/mark/bulk', { method: 'POST', body });
}
export function listAudit(
  query: { sessionId?: string; courseId?: string; studentId?: string; limit?: number; before?: string },
  signal?: AbortSignal,
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  return request('/attendance/audit', { signal, query: { ...query } });
}
export function listFlagged(sessionId: string, signal?: AbortSignal): Promise<ItemList<FlaggedCheckIn>> {
  return request('/attendance/flagged', { signal, query: { sessionId } });
}

// Policies, figures, reports
export function getPolicy(courseId: string, signal?: AbortSignal): Promise<AttendancePolicy> {
  return request(`/attendance/policies/${path(courseId)}`, { signal });
}
export function updatePolicy(courseId: string, body: PolicyUpdate): Promise<AttendancePolicy> {
  return request(`/attendance/policies/${path(courseId)}`, { method: 'PUT', body });
}
export function getStatistics(courseId: string, signal?: AbortSignal): Promise<CourseStatisticsView> {
  return request('/attendance/statistics', { signal, query: { courseId } });
}
export function getMyAttendance(signal?: AbortSignal): Promise<ItemList<StudentCourseStats>> {
  return request('/attendance/me', { signal });
}

export interface ReportQuery {
  type: ReportType;
  courseId?: string;
  studentId?: string;
  /** Calendar days (YYYY-MM-DD) in `timezone`. */
  from?: string;
  to?: string;
  date?: string;
  timezone: string;
}
export function getReport<T extends AttendanceReport = AttendanceReport>(query: ReportQuery, signal?: AbortSignal): Promise<T> {
  return request(`/attendance/reports`, { signal, query: { ...query, format: 'json' } });
}
/** The CSV as a Blob: fetched with the bearer token (a plain link would not carry it), then saved by the caller. */
export function downloadReportCsv(query: ReportQuery): Promise<Blob> {
  return request('/attendance/reports', { query: { ...query, format: 'csv' }, responseType: 'blob' });
}

// Exemptions
/** With a file: multipart/form-data (streamed by the gateway, up to 10 MB); without: JSON. */
export function createExemption(body: ExemptionCreate, file?: { fileName: string; blob: Blob }): Promise<Exemption> {
  if (!file) return request('/attendance/exemptions', { method: 'POST', body });
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') form.append(name, value);
  form.append('file', file.blob, file.fileName);
  return request('/attendance/exemptions', { method: 'POST', body: form });
}
export function listExemptions(
  query: { status?: Exemption['status']; courseId?: string; limit?: number },
  signal?: AbortSignal,
): Promise<ItemList<Exemption>> {
  return request('/attendance/exemptions', { signal, query: { ...query } });
}
export function decideExemption(exemptionId: string, decision: 'approve' | 'reject', note?: string): Promise<Exemption> {
  return request(`/attendance/exemptions/${path(exemptionId)}/decision`, { method: 'POST', body: { decision, note: note || undefined } });
}
export function downloadEvidence(exemptionId: string, signal?: AbortSignal): Promise<Blob> {
  return request(`/attendance/exemptions/${path(exemptionId)}/evidence`, { signal, responseType: 'blob' });
}
