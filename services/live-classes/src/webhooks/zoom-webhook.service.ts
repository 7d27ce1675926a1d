import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, LOGGER, type Logger, type WebhookAck, type WebhookDelivery } from '@tec/shared';
import type { LiveClassesConfig } from '../config';
import { WebhookProcessor } from './webhook-processor.service';
import { WebhookEventsRepository, type ZoomWebhookBody } from './webhook-events.repository';
import { urlValidationResponse, verifyZoomSignature } from './zoom-signature';

/**
 * Zoom's webhook endpoint (through the gateway, which hands over the raw body). Answers fast: verify, answer the
 * url_validation challenge, or store the event (a repeated delivery is dropped by its key) and acknowledge; the
 * processing runs after the reply (and the lifecycle job picks up anything left).
 */
@Injectable()
export class ZoomWebhookService {
  constructor(
    @Inject(CONFIG) private readonly config: LiveClassesConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly events: WebhookEventsRepository,
    private readonly processor: WebhookProcessor,
  ) {}

  async receive(delivery: WebhookDelivery, now = Date.now()): Promise<WebhookAck> {
    const raw = Buffer.from(delivery.rawBodyBase64, 'base64');
    const check = verifyZoomSignature(this.config.ZOOM_WEBHOOK_SECRET_TOKEN, delivery.headers, raw, now, this.config.ZOOM_WEBHOOK_TOLERANCE_SECONDS);
    if (check !== 'valid') {
      this.logger.warn({ check }, 'zoom webhook refused');
      return { status: 401, body: { code: 'UNAUTHENTICATED', message: check === 'stale' ? 'stale timestamp' : 'invalid signature' } };
    }
    let body: ZoomWebhookBody;
    try {
      body = JSON.parse(raw.toString('utf8')) as ZoomWebhookBody;
    } catch {
      return { status: 400, body: { code: 'BAD_REQUEST', message: 'body is not JSON' } };
    }
    if (typeof body?.event !== 'string') return { status: 400, body: { code: 'BAD_REQUEST', message: 'no event' } };
    if (body.event === 'endpoint.url_validation') {
      const plainToken = body.payload && typeof (body.payload as { plainToken?: unknown }).plainToken === 'string' ? (body.payload as { plainToken: string }).plainToken : null;
      if (!plainToken) return { status: 400, body: { code: 'BAD_REQUEST', message: 'no plainToken' } };
      return { status: 200, body: urlValidationResponse(this.config.ZOOM_WEBHOOK_SECRET_TOKEN, plainToken) };
    }
    // Zoom retries a delivery it did not see acknowledged with the same body: its hash is the delivery key.
    const deliveryKey = createHash('sha256').update(raw).digest('hex');
    const accepted = await this.events.accept(randomUUID(), 'zoom', deliveryKey, body, new Date(delivery.receivedAt));
    if (accepted) this.processor.kick();
    return { status: 200, body: { received: true, duplicate: !accepted } };
  }
}
