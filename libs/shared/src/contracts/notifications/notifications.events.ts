import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { SuppressionReason } from './email.dto';

/**
 * Events published by the notifications service. Subjects are persisted contracts: never rename one or change a
 * payload incompatibly in place; add `notifications.v2.<event>`, publish both, then retire v1.
 */
export const notificationsEvents = {
  contactUndeliverable: defineEvent(
    'notifications.v1.contact_undeliverable',
    z.object({
      userId: z.uuid().nullable(),
      email: z.string(),
      role: z.string().nullable(),
      reason: SuppressionReason,
      detail: z.string().nullable(),
      at: z.iso.datetime(),
    }),
    'An address went on the suppression list (hard bounce, spam report, unsubscribe). The person now only gets in-app notifications; a guardian address is a dead contact.',
  ),
  emailFailed: defineEvent(
    'notifications.v1.email_failed',
    z.object({
      deliveryId: z.uuid(),
      userId: z.uuid().nullable(),
      templateName: z.string(),
      errorCode: z.string().nullable(),
      errorMessage: z.string().nullable(),
      at: z.iso.datetime(),
    }),
    'An email failed for good: a permanent provider error or the retries ran out.',
  ),
} as const;

export type NotificationsEvents = typeof notificationsEvents;
