import { Controller, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { RpcClient, WEBHOOK_PROVIDERS, webhookRoutes, WebhookAck, type WebhookProvider } from '@tec/shared';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const WebhookParams = z.object({ provider: z.enum(WEBHOOK_PROVIDERS as [WebhookProvider, ...WebhookProvider[]]) });

/**
 * Webhook intake. The gateway does not parse or trust the body: it hands the raw bytes and headers to the
 * owning service, which verifies the provider's signature and answers quickly.
 */
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly rpc: RpcClient) {}

  @Post(':provider')
  @Endpoint({
    tag: 'webhooks',
    summary: 'Receive a provider webhook (SendGrid Event Webhook, Zoom). The owning service verifies the signature.',
    access: { kind: 'public' },
    params: WebhookParams,
    response: WebhookAck,
  })
  async receive(@Input('params') params: z.infer<typeof WebhookParams>, @Req() request: Request, @Res() response: Response): Promise<void> {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string') headers[name.toLowerCase()] = value;
    }
    const ack = await this.rpc.call(
      webhookRoutes[params.provider],
      { provider: params.provider, headers, rawBodyBase64: raw.toString('base64'), receivedAt: new Date().toISOString() },
      { kind: 'service', service: 'gateway-webhooks' },
    );
    response.status(ack.status);
    if (ack.body === undefined) response.end();
    else response.json(ack.body);
  }
}
