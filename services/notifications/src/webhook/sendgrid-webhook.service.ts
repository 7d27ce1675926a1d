import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, DATA_SOURCE, enqueueEvent, LOGGER, notificationsEvents, type Logger, type WebhookAck, type WebhookDelivery, type EmailStatus } from '@tec/shared';
import type { KeyObject } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AnalyticsRepository } from '../analytics/analytics.repository';
import { WORK_CHANNEL } from '../common/sql';
import type { NotificationsConfig } from '../config';
import { DeliveriesRepository } from '../email/deliveries.repository';
import { SuppressionsRepository, type SuppressionReason } from '../email/suppressions.repository';
import { NotificationsRepository } from '../inbox/notifications.repository';
import { RecipientsRepository } from '../users/recipients.repository';
import { transition, type SendGridEventType } from './delivery-status';
import { checkSendGridSignature, parseWebhookPublicKey } from './sendgrid-signature';

interface SendGridEvent {
  sg_event_id?: string;
  event?: string;
  email?: string;
  timestamp?: number;
  delivery_id?: string;
  reason?: string;
  type?: string;
  status?: string;
  url?: string;
  sg_message_id?: string;
}

const TIMELINE_NAME: Record<string, string> = { processed: 'processed', open: 'opened', click: 'clicked', bounce: 'bounced', spamreport: 'spam_report', unsubscribe: 'unsubscribed', group_unsubscribe: 'unsubscribed' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The SendGrid Event Webhook: verify, dedupe by `sg_event_id`, move each delivery's status, roll up, suppress. */
@Injectable()
export class SendGridWebhookService {
  private readonly key: KeyObject | null;

  constructor(
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly deliveries: DeliveriesRepository,
    private readonly analytics: AnalyticsRepository,
    private readonly suppressions: SuppressionsRepository,
    private readonly recipients: RecipientsRepository,
    private readonly notifications: NotificationsRepository,
  ) {
    this.key = config.SENDGRID_WEBHOOK_PUBLIC_KEY ? parseWebhookPublicKey(config.SENDGRID_WEBHOOK_PUBLIC_KEY) : null;
  }

  async receive(delivery: WebhookDelivery): Promise<WebhookAck> {
    // Unverifiable events are refused, never trusted: without the key nothing can be checked.
    if (!this.key) return { status: 503, body: { error: 'SENDGRID_WEBHOOK_PUBLIC_KEY is not configured' } };
    const raw = Buffer.from(delivery.rawBodyBase64, 'base64');
    const check = checkSendGridSignature(this.key, delivery.headers, raw, this.config.SENDGRID_WEBHOOK_TOLERANCE_SECONDS);
    if (check !== 'valid') {
      this.logger.warn({ check }, 'SendGrid webhook refused');
      return { status: check === 'missing' ? 401 : 403, body: { error: `signature ${check}` } };
    }
    let events: SendGridEvent[];
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8'));
      if (!Array.isArray(parsed)) throw new Error('not an array');
      events = parsed as SendGridEvent[];
    } catch {
      return { status: 400, body: { error: 'body is not a JSON array of events' } };
    }
    let applied = 0;
    await this.dataSource.transaction(async (manager) => {
      for (const event of events) if (await this.apply(manager, event)) applied += 1;
      await manager.query(`SELECT pg_notify($1, '')`, [WORK_CHANNEL]);
    });
    return { status: 200, body: { received: events.length, applied } };
  }

  /** False for a duplicate (same sg_event_id) or an event without an id. */
  private async apply(manager: EntityManager, event: SendGridEvent): Promise<boolean> {
    if (!event.sg_event_id || !event.event) return false;
    const type = event.event as SendGridEventType;
    const deliveryId = event.delivery_id && UUID.test(event.delivery_id) ? event.delivery_id : null;
    const fresh = await manager.query<{ sg_event_id: string }[]>(
      `INSERT INTO "notifications"."webhook_events" (sg_event_id, delivery_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING sg_event_id`,
      [event.sg_event_id, deliveryId, type],
    );
    if (fresh.length === 0) return false;
    const at = event.timestamp ? new Date(event.timestamp * 1000) : new Date();
    if (deliveryId) await this.moveStatus(manager, deliveryId, type, event, at);
    const reason = suppressionReason(event);
    if (reason && event.email) await this.suppress(manager, event.email, reason, event.reason ?? event.type ?? null);
    return true;
  }

  private async moveStatus(manager: EntityManager, deliveryId: string, type: SendGridEventType, event: SendGridEvent, at: Date): Promise<void> {
    const rows = await manager.query<{ status: EmailStatus; template_name: string }[]>(
      `SELECT status, template_name FROM "notifications"."email_deliveries" WHERE id = $1 FOR UPDATE`,
      [deliveryId],
    );
    const row = rows[0];
    if (!row) return;
    const timelineType = TIMELINE_NAME[type] ?? type;
    const seen = await manager.query(`SELECT 1 FROM "notifications"."delivery_events" WHERE delivery_id = $1 AND type = $2 LIMIT 1`, [deliveryId, timelineType]);
    const change = transition(row.status, type, seen.length > 0);
    if (change.status) {
      await manager.query(
        `UPDATE "notifications"."email_deliveries" SET status = $2, updated_at = now(),
           delivered_at = CASE WHEN $2 IN ('delivered', 'opened', 'clicked') THEN coalesce(delivered_at, $3) ELSE delivered_at END,
           opened_at = CASE WHEN $2 IN ('opened', 'clicked') THEN coalesce(opened_at, $3) ELSE opened_at END,
           clicked_at = CASE WHEN $2 = 'clicked' THEN coalesce(clicked_at, $3) ELSE clicked_at END,
           error_code = CASE WHEN $2 IN ('bounced', 'dropped') THEN $4 ELSE error_code END,
           error_message = CASE WHEN $2 IN ('bounced', 'dropped') THEN $5 ELSE error_message END
         WHERE id = $1`,
        [deliveryId, change.status, at, type.toUpperCase(), event.reason ?? null],
      );
    }
    const detail = Object.fromEntries(Object.entries({ reason: event.reason, status: event.status, url: event.url, sgEventId: event.sg_event_id }).filter(([, value]) => value !== undefined));
    await this.deliveries.timeline(manager, deliveryId, timelineType, detail);
    if (change.counter) await this.analytics.bump(manager, row.template_name, change.counter);
  }

  /**
   * Puts the address on the suppression list; the first time, tells other services (event) and, for a guardian,
   * every admin in the bell: a parent the school can't reach by email is a dead contact to chase up.
   */
  private async suppress(manager: EntityManager, email: string, reason: SuppressionReason, detail: string | null): Promise<void> {
    if (!(await this.suppressions.add(manager, email, reason, detail))) return;
    const person = await this.recipients.findByEmail(email, manager);
    await enqueueEvent(manager, notificationsEvents.contactUndeliverable, {
      userId: person?.id ?? null, email, role: person?.role ?? null, reason, detail, at: new Date().toISOString(),
    });
    if (person?.role !== 'parent' || reason === 'unsubscribe') return;
    for (const admin of await this.recipients.activeAdmins(manager)) {
      await this.notifications.insert(manager, {
        id: randomUUID(),
        userId: admin.id,
        category: 'system',
        title: `Dead contact: ${person.firstName} ${person.lastName}`,
        body: `Email to ${email} failed (${reason.replace('_', ' ')}). They now get in-app notifications only.`,
        link: '/admin/email/dead-contacts',
        dedupeKey: `dead-contact:${email}:${admin.id}`,
        silent: false,
      });
    }
  }
}

function suppressionReason(event: SendGridEvent): SuppressionReason | null {
  switch (event.event) {
    // `blocked` bounces are temporary (the receiving server refused for now); only real bounces suppress.
    case 'bounce':
      return event.type === 'blocked' ? null : 'hard_bounce';
    case 'spamreport':
      return 'spam_report';
    case 'unsubscribe':
    case 'group_unsubscribe':
      return 'unsubscribe';
    case 'dropped':
      return /bounced|invalid|spam/i.test(event.reason ?? '') ? 'dropped' : null;
    default:
      return null;
  }
}
