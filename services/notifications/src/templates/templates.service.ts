import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, DATA_SOURCE, DomainError, type AuthContext, type RpcParsedRequest, notificationsRpc } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { requireAdmin } from '../common/access';
import type { NotificationsConfig } from '../config';
import { NotificationDispatcher } from '../dispatch/notification-dispatcher';
import { SuppressionsRepository } from '../email/suppressions.repository';
import { RecipientsRepository } from '../users/recipients.repository';
import { missingVariables, renderEmail, usedVariables } from './template-renderer';
import { TemplatesRepository } from './templates.repository';

/** Admins edit, preview, test and switch templates. Every save is a new version. */
@Injectable()
export class TemplatesService {
  constructor(
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly templates: TemplatesRepository,
    private readonly recipients: RecipientsRepository,
    private readonly suppressions: SuppressionsRepository,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  async list(auth: AuthContext) {
    requireAdmin(auth);
    return { items: await this.templates.list() };
  }

  async get(auth: AuthContext, name: string) {
    requireAdmin(auth);
    const template = await this.require(name);
    return { ...template, versions: await this.templates.versions(name) };
  }

  async update(auth: AuthContext, request: RpcParsedRequest<typeof notificationsRpc.templateUpdate>) {
    const admin = requireAdmin(auth);
    const current = await this.require(request.name);
    const declared = new Set((request.variables ?? current.variables).map((variable) => variable.name));
    const undeclared = usedVariables(request).filter((name) => !declared.has(name));
    if (undeclared.length > 0) {
      throw DomainError.validation({ undeclared }, `The template uses variables it does not declare: ${undeclared.join(', ')}`);
    }
    return this.templates.saveVersion(admin.userId, request);
  }

  async setActive(auth: AuthContext, name: string, active: boolean) {
    const admin = requireAdmin(auth);
    return this.templates.setActive(admin.userId, name, active);
  }

  async preview(auth: AuthContext, request: RpcParsedRequest<typeof notificationsRpc.templatePreview>) {
    requireAdmin(auth);
    const stored = await this.require(request.name);
    const source = { subject: request.subject ?? stored.subject, html: request.html ?? stored.html, text: request.text ?? stored.text, variables: stored.variables };
    const data = { ...stored.sampleData, ...request.data };
    const base = this.config.PUBLIC_APP_URL.replace(/\/$/, '');
    const rendered = renderEmail(source, data, { appUrl: base, preferencesUrl: `${base}/notifications/preferences`, unsubscribeUrl: `${base}/notifications/preferences` });
    return { ...rendered, missingVariables: missingVariables(source.variables, data) };
  }

  /** Queues a real email through the normal path (provider, retries, log), to the admin or a given address. */
  async testSend(auth: AuthContext, request: RpcParsedRequest<typeof notificationsRpc.templateTestSend>) {
    const admin = requireAdmin(auth);
    const stored = await this.require(request.name);
    const me = await this.recipients.findById(admin.userId);
    const to = request.to ?? me?.email;
    if (!to) throw DomainError.validation({ to: 'required' }, 'Give an address: yours is not known to the notifications service yet');
    const recipient = me ?? { id: admin.userId, email: to, firstName: 'Admin', lastName: '', role: 'admin', timezone: 'UTC', locale: 'en', active: true };
    return this.dataSource.transaction(async (manager) => {
      const queued = await this.dispatcher.queueEmail(
        manager,
        { eventId: null, eventSubject: null, category: stored.category, template: stored.name },
        { recipient, data: { ...stored.sampleData, ...request.data } },
        { key: `test:${randomUUID()}`, suppressed: await this.suppressions.isSuppressed(to, manager), critical: false, notBefore: new Date(), to },
      );
      await manager.query(`SELECT pg_notify('notifications_work', '')`);
      return { deliveryId: queued.id, to, status: queued.status };
    });
  }

  private async require(name: string) {
    const template = await this.templates.get(name);
    if (!template) throw DomainError.notFound('Template');
    return template;
  }
}
