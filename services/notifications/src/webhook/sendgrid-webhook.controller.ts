import { Controller } from '@nestjs/common';
import { RpcRoute, webhookRoutes, type AuthContext, type WebhookDelivery } from '@tec/shared';
import { requireService } from '../common/access';
import { SendGridWebhookService } from './sendgrid-webhook.service';

@Controller()
export class SendGridWebhookController {
  constructor(private readonly webhook: SendGridWebhookService) {}

  /** The gateway's webhook intake hands over the raw body; the signature is checked here. */
  @RpcRoute(webhookRoutes.sendgrid)
  receive(payload: WebhookDelivery, auth: AuthContext) {
    requireService(auth);
    return this.webhook.receive(payload);
  }
}
