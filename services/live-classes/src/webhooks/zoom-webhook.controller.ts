import { Controller } from '@nestjs/common';
import { RpcRoute, webhookRoutes, type AuthContext, type WebhookDelivery } from '@tec/shared';
import { requireService } from '../common/access';
import { ZoomWebhookService } from './zoom-webhook.service';

@Controller()
export class ZoomWebhookController {
  constructor(private readonly webhook: ZoomWebhookService) {}

  /** The gateway's webhook intake hands over the raw body and headers; the signature is checked here. */
  @RpcRoute(webhookRoutes.zoom)
  receive(payload: WebhookDelivery, auth: AuthContext) {
    requireService(auth);
    return this.webhook.receive(payload);
  }
}
