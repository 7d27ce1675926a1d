import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, type NotificationCategory } from '@tec/shared';
import type { EntityManager } from 'typeorm';
import { WORK_CHANNEL } from '../common/sql';
import type { NotificationsConfig } from '../config';
import { DigestItemsRepository } from '../digests/digest-items.repository';
import { DeliveriesRepository } from '../email/deliveries.repository';
import { SuppressionsRepository } from '../email/suppressions.repository';
import { NotificationsRepository } from '../inbox/notifications.repository';
import { effectiveMode, isLocked } from '../preferences/categories';
import { quietHoursEnd } from '../preferences/local-time';
import { PreferencesRepository } from '../preferences/preferences.repository';
import { UnsubscribeLinks } from '../preferences/unsubscribe-links';
import { missingVariables, renderSubject } from '../templates/template-renderer';
import { TemplatesRepository } from '../templates/templates.repository';
import type { Recipient } from '../users/recipients.repository';

export interface DispatchTarget {
  recipient: Recipient;
  /** Template variables for this recipient. */
  data: Record<string, unknown>;
  /** The in-app notification (and digest line). */
  title: string;
  body: string;
  link: string | null;
}

export interface DispatchRequest {
  /** What makes the delivery unique: the event id (plus a suffix when one event notifies in two ways). */
  sourceKey: string;
  eventId: string | null;
  eventSubject: string | null;
  category: NotificationCategory;
  /** null: in-app only (the recipient would learn nothing from an email). */
  template: string | null;
  targets: DispatchTarget[];
}

/**
 * Routes one happening to its recipients, per channel, by their preferences: in-app now, email now, or into a
 * digest. Runs inside the caller's transaction (the event consumer's, with its inbox row), and every row it
 * writes has a unique (event, recipient, channel) key, so redelivery can't double anything. The NOTIFY it sends
 * reaches the send worker and the push notifier only when that transaction commits.
 */
@Injectable()
export class NotificationDispatcher {
  constructor(
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    private readonly preferences: PreferencesRepository,
    private readonly notifications: NotificationsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly suppressions: SuppressionsRepository,
    private readonly digests: DigestItemsRepository,
    private readonly templates: TemplatesRepository,
    private readonly links: UnsubscribeLinks,
  ) {}

  async dispatch(manager: EntityManager, request: DispatchRequest, now = new Date()): Promise<void> {
    const critical = isLocked(request.category);
    for (const target of request.targets) {
      const { recipient } = target;
      if (!recipient.active && !critical) continue;
      const modes = await this.preferences.modesOf(recipient.id, manager);
      const quiet = critical ? null : quietHoursEnd(now, recipient.timezone, await this.preferences.quietHoursOf(recipient.id, manager));
      const key = `${request.sourceKey}:${recipient.id}`;

      const emailMode = request.template === null ? 'off' : effectiveMode(modes, request.category, 'email');
      const suppressed = emailMode !== 'off' && (await this.suppressions.isSuppressed(recipient.email, manager));
      let inAppMode = effectiveMode(modes, request.category, 'in_app');
      // A dead address falls back to in-app: whoever wanted this by email gets it in the bell instead.
      if (suppressed && inAppMode === 'off') inAppMode = 'immediately';

      if (inAppMode === 'immediately') {
        await this.notifications.insert(manager, {
          id: randomUUID(),
          userId: recipient.id,
          category: request.category,
          title: target.title,
          body: target.body,
          link: target.link,
          dedupeKey: `${key}:in_app`,
          silent: quiet !== null,
        });
      } else if (inAppMode !== 'off') {
        await this.digests.add(manager, { ...this.digestLine(target, request.category, recipient.id), channel: 'in_app', period: inAppMode === 'daily_digest' ? 'daily' : 'weekly', dedupeKey: `${key}:in_app` });
      }

      if (emailMode === 'daily_digest' || emailMode === 'weekly_digest') {
        if (!suppressed) {
          await this.digests.add(manager, { ...this.digestLine(target, request.category, recipient.id), channel: 'email', period: emailMode === 'daily_digest' ? 'daily' : 'weekly', dedupeKey: `${key}:email` });
        }
      } else if (emailMode === 'immediately' && request.template) {
        await this.queueEmail(manager, { ...request, template: request.template }, target, { key: `${key}:email`, suppressed, critical, notBefore: quiet ?? now });
      }
    }
    await manager.query(`SELECT pg_notify($1, '')`, [WORK_CHANNEL]);
  }

  /** Queues one email (used by the dispatcher, digests and test sends). Suppressed, disabled or incomplete ones are logged, not sent. */
  async queueEmail(
    manager: EntityManager,
    request: Pick<DispatchRequest, 'eventId' | 'eventSubject' | 'category'> & { template: string },
    target: Pick<DispatchTarget, 'recipient' | 'data'>,
    options: { key: string; suppressed: boolean; critical: boolean; notBefore: Date; to?: string },
  ): Promise<{ id: string; status: 'pending' | 'failed' | 'suppressed' | 'skipped'; queued: boolean }> {
    const template = await this.templates.get(request.template, manager);
    const email = options.to ?? target.recipient.email;
    const data = {
      recipient_name: target.recipient.firstName,
      app_link: '/',
      ...target.data,
    };
    const missing = template ? missingVariables(template.variables, data) : [];
    const status = !template || !template.active ? 'skipped' : options.suppressed ? 'suppressed' : missing.length > 0 ? 'failed' : 'pending';
    const id = randomUUID();
    const queued = await this.deliveries.enqueue(manager, {
      id,
      dedupeKey: options.key,
      userId: target.recipient.id,
      email,
      name: `${target.recipient.firstName} ${target.recipient.lastName}`.trim(),
      category: request.category,
      templateName: request.template,
      templateVersion: template?.version ?? 0,
      data,
      subject: template ? renderSubject(template.subject, data, this.config.PUBLIC_APP_URL) : request.template,
      critical: options.critical,
      status,
      notBefore: options.notBefore,
      eventId: request.eventId,
      eventSubject: request.eventSubject,
      ...(status === 'skipped' ? { errorCode: template ? 'TEMPLATE_DISABLED' : 'TEMPLATE_NOT_FOUND', errorMessage: `Template ${request.template} is ${template ? 'turned off' : 'missing'}` } : {}),
      ...(status === 'suppressed' ? { errorCode: 'SUPPRESSED', errorMessage: 'The address is on the suppression list' } : {}),
      ...(status === 'failed' ? { errorCode: 'MISSING_VARIABLES', errorMessage: `Missing: ${missing.join(', ')}` } : {}),
    });
    return { id, status, queued };
  }

  private digestLine(target: DispatchTarget, category: NotificationCategory, userId: string) {
    return { id: randomUUID(), userId, category, title: target.title, body: target.body, link: target.link };
  }

  /** For links inside templates (the recipient's signed preferences page). */
  linksFor(recipient: Recipient, category: NotificationCategory | null) {
    const claims = { email: recipient.email, userId: recipient.id, category };
    return { preferencesUrl: this.links.preferencesUrl(claims), unsubscribeUrl: this.links.oneClickUrl(claims) };
  }
}
