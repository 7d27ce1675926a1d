import { z } from 'zod';
import { defineRpc } from './rpc-contract';

/**
 * A webhook as received by the gateway: the raw body (base64, byte for byte, so the owning service can verify
 * the provider's signature over it) and the headers, lower-cased.
 */
export const WebhookDelivery = z.object({
  provider: z.string(),
  headers: z.record(z.string(), z.string()),
  rawBodyBase64: z.string().max(2_000_000),
  receivedAt: z.iso.datetime(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/** What the gateway answers the provider (e.g. Zoom's url_validation challenge needs a JSON body). */
export const WebhookAck = z.object({
  status: z.number().int().min(200).max(599),
  body: z.unknown().optional(),
});
export type WebhookAck = z.infer<typeof WebhookAck>;

/** Which service owns which provider's webhooks. Adding a provider is adding a line here. */
export const webhookRoutes = {
  sendgrid: defineRpc('notifications', 'webhookSendgrid', WebhookDelivery, WebhookAck),
  zoom: defineRpc('live-classes', 'webhookZoom', WebhookDelivery, WebhookAck),
} as const;
export type WebhookProvider = keyof typeof webhookRoutes;
export const WEBHOOK_PROVIDERS = Object.keys(webhookRoutes) as WebhookProvider[];
