// Parent portal (gateway tag `parent-portal`): pairing codes, parent–child links (redeem, approval queue, consent,
// revocation), the child overview, alerts and their thresholds, the guardian digest and the access log.
// Types only from the contracts: the schemas stay out of the bundle.
import type {
  AccessLogEntry,
  AlertSettings,
  AlertType,
  ChildOverview,
  ChildSummary,
  DigestSettings,
  LinkAuditEntry,
  LinkStatus,
  PairingCodeInfo,
  ParentAlert,
  ParentLink,
  PortalSettings,
  Relationship,
} from '@tec/shared/contracts';
import { request } from './client';
import type { ItemList } from './types';

export type { AccessLogEntry, AlertSettings, AlertType, ChildOverview, ChildSummary, DigestSettings, LinkAuditEntry, LinkStatus, PairingCodeInfo, ParentAlert, ParentLink, PortalSettings, Relationship };

// Plain constants (no schemas): the relationship choices and the server's default thresholds.
export { DEFAULT_ALERT_SETTINGS, RELATIONSHIPS } from '@tec/shared/contracts';

export type NewPairingCode = PairingCodeInfo & { code: string };
export type AlertSettingsView = AlertSettings & { studentId: string; isDefault: boolean };
export interface AlertPage {
  items: ParentAlert[];
  unread: number;
  nextBefore: string | null;
}
export interface AlertsQuery {
  studentId?: string;
  unreadOnly?: boolean;
  limit?: number;
  before?: string;
}
export interface AccessLogPage {
  items: AccessLogEntry[];
  nextBefore: string | null;
}
export interface LinksQuery {
  status?: LinkStatus;
  studentId?: string;
  limit?: number;
}

const base = '/parent-portal';
const path = encodeURIComponent;

// Pairing codes (students for themselves, admins for a student)
export function createPairingCode(studentId?: string): Promise<NewPairingCode> {
  return request(`${base}/pairing-codes`, { method: 'POST', body: studentId ? { studentId } : {} });
}
export function listPairingCodes(studentId: string | undefined, signal?: AbortSignal): Promise<ItemList<PairingCodeInfo>> {
  return request(`${base}/pairing-codes`, { signal, query: { studentId } });
}
export function revokePairingCode(codeId: string): Promise<{ revoked: boolean }> {
  return request(`${base}/pairing-codes/${path(codeId)}`, { method: 'DELETE' });
}

// Links
export function redeemPairingCode(code: string, relationship: Relationship): Promise<ParentLink> {
  return request(`${base}/links/redeem`, { method: 'POST', body: { code, relationship } });
}
export function createLink(body: { parentId: string; studentId: string; relationship: Relationship; note?: string }): Promise<ParentLink> {
  return request(`${base}/links`, { method: 'POST', body });
}
export function listLinks(query: LinksQuery, signal?: AbortSignal): Promise<ItemList<ParentLink>> {
  return request(`${base}/links`, { signal, query: { ...query } });
}
export function decideLink(linkId: string, decision: 'approve' | 'reject', note?: string): Promise<ParentLink> {
  return request(`${base}/links/${path(linkId)}/${decision}`, { method: 'POST', body: note ? { note } : {} });
}
export function revokeLink(linkId: string, note?: string): Promise<ParentLink> {
  return request(`${base}/links/${path(linkId)}/revoke`, { method: 'POST', body: note ? { note } : {} });
}
export function setConsent(linkId: string, consent: 'give' | 'withdraw'): Promise<ParentLink> {
  return request(`${base}/links/${path(linkId)}/consent`, { method: 'POST', body: { consent } });
}
export function getLinkHistory(linkId: string, signal?: AbortSignal): Promise<ItemList<LinkAuditEntry>> {
  return request(`${base}/links/${path(linkId)}/history`, { signal });
}
export function getPortalSettings(signal?: AbortSignal): Promise<PortalSettings> {
  return request(`${base}/settings`, { signal });
}
export function updatePortalSettings(body: PortalSettings): Promise<PortalSettings> {
  return request(`${base}/settings`, { method: 'PUT', body });
}

// The parent's side
export function listChildren(signal?: AbortSignal): Promise<ItemList<ChildSummary>> {
  return request(`${base}/children`, { signal });
}
export function getChildOverview(studentId: string, signal?: AbortSignal): Promise<ChildOverview> {
  return request(`${base}/children/${path(studentId)}/overview`, { signal });
}
export function listAlerts(query: AlertsQuery, signal?: AbortSignal): Promise<AlertPage> {
  return request(`${base}/alerts`, { signal, query: { ...query, unreadOnly: query.unreadOnly ? 'true' : undefined } });
}
export function markAlertsRead(body: { alertIds: string[] } | { all: true; studentId?: string }): Promise<{ updated: number }> {
  return request(`${base}/alerts/read`, { method: 'POST', body });
}
export function getAlertSettings(studentId: string, signal?: AbortSignal): Promise<AlertSettingsView> {
  return request(`${base}/children/${path(studentId)}/alert-settings`, { signal });
}
export function updateAlertSettings(studentId: string, settings: AlertSettings): Promise<AlertSettingsView> {
  return request(`${base}/children/${path(studentId)}/alert-settings`, { method: 'PUT', body: settings });
}
export function getDigestSettings(signal?: AbortSignal): Promise<DigestSettings> {
  return request(`${base}/digest-settings`, { signal });
}
export function updateDigestSettings(body: DigestSettings): Promise<DigestSettings> {
  return request(`${base}/digest-settings`, { method: 'PUT', body });
}

// The student's "who accessed my data"
export function listAccessLog(query: { studentId?: string; limit?: number; before?: string }, signal?: AbortSignal): Promise<AccessLogPage> {
  return request(`${base}/access-log`, { signal, query: { ...query } });
}

// Chat: "Message teacher" opens (or reuses) the direct conversation; chat enforces who may talk to whom.
export function openDirectConversation(userId: string): Promise<{ id: string }> {
  return request('/messages/conversations', { method: 'POST', body: { kind: 'direct', participantIds: [userId] } });
}
