import { Injectable } from '@nestjs/common';
import { parentPortalRpc, type AlertSettings, type AuthContext, type ParentAlert, type RpcParsedRequest } from '@tec/shared';
import { requireUser } from '../common/access';
import { ChildAccess } from '../overview/child-access';
import { AlertsRepository } from './alerts.repository';

type Rpc = typeof parentPortalRpc;

/** A parent's alert feed, marking read and per-child thresholds. Every call is scoped to the calling parent. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly access: ChildAccess,
  ) {}

  async list(auth: AuthContext, request: RpcParsedRequest<Rpc['alertsList']>): Promise<{ items: ParentAlert[]; unread: number; nextBefore: string | null }> {
    const parent = requireUser(auth, 'parent');
    if (request.studentId) await this.access.open(auth, request.studentId, 'alerts');
    else await this.access.openAll(auth, 'alerts');
    const items = await this.alerts.list(parent.userId, request);
    const unread = await this.alerts.unreadCount(parent.userId, request.studentId ?? null);
    return { items, unread, nextBefore: items.length === request.limit ? items[items.length - 1]!.createdAt : null };
  }

  async markRead(auth: AuthContext, request: RpcParsedRequest<Rpc['alertsMarkRead']>): Promise<{ updated: number }> {
    const parent = requireUser(auth, 'parent');
    if ('alertIds' in request) return { updated: await this.alerts.markRead(parent.userId, { alertIds: request.alertIds }) };
    if (request.studentId) await this.access.open(auth, request.studentId, 'alerts');
    return { updated: await this.alerts.markRead(parent.userId, { studentId: request.studentId ?? null }) };
  }

  async getSettings(auth: AuthContext, studentId: string): Promise<AlertSettings & { studentId: string; isDefault: boolean }> {
    const { parentId } = await this.access.open(auth, studentId, 'alert_settings');
    const { settings, isDefault } = await this.alerts.getSettings(parentId, studentId);
    return { ...settings, studentId, isDefault };
  }

  async updateSettings(auth: AuthContext, studentId: string, settings: AlertSettings): Promise<AlertSettings & { studentId: string; isDefault: boolean }> {
    const { parentId } = await this.access.open(auth, studentId, 'alert_settings');
    await this.alerts.saveSettings(parentId, studentId, settings);
    return { ...settings, studentId, isDefault: false };
  }
}
