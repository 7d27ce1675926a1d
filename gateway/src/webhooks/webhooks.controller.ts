import { Controller, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { currentCorrelationId, RpcClient, WEBHOOK_PROVIDERS, webhookRoutes, WebhookAck, type ErrorBody, type ErrorCode, type WebhookProvider } from '@tec/shared';
import { HTTP_STATUS_CODES } from '../http/error-body';
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
    if (ack.status >= 400) {
      const error = refusal(ack);
      response.status(error.statusCode).json(error);
      return;
    }
    response.status(ack.status);
    if (ack.body === undefined) response.end();
    else response.json(ack.body);
  }
}

/**
 * A refusal from the owning service in the one error shape (providers only read the status; our clients and
 * logs read the code). The status gives the code; the service's message is kept.
 */
export function refusal(ack: WebhookAck): ErrorBody {
  const body = (ack.body ?? {}) as { message?: unknown; error?: unknown };
  const statusCode = ack.status >= 500 ? 503 : ack.status in HTTP_STATUS_CODES ? ack.status : 400;
  const code: ErrorCode = statusCode === 503 ? 'SERVICE_UNAVAILABLE' : HTTP_STATUS_CODES[statusCode]!;
  const message = typeof body.message === 'string' ? body.message : typeof body.error === 'string' ? body.error : 'Webhook refused';
  return { statusCode, code, message, correlationId: currentCorrelationId() };
}
