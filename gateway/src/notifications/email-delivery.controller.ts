import { Controller, Delete, Get, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  AnalyticsRequest,
  DeadContactsList,
  DeliveriesListRequest,
  DeliveriesPage,
  DeliveryDetail,
  EmailAnalytics,
  notificationsRpc,
  QueueProcessed,
  QueueStats,
  RpcClient,
  SuppressionsListRequest,
  SuppressionsPage,
  type AuthContext,
} from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const ADMIN = { kind: 'authenticated', roles: ['admin'] } as const;
const DeliveryParams = z.object({ deliveryId: z.uuid() });
const EmailParams = z.object({ email: z.string().min(3).max(254) });

/** Email operations (admins): queue stats, analytics, the delivery log with timelines, retries, dead contacts, suppressions. */
@Controller('email')
export class EmailDeliveryController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('analytics')
  @Endpoint({ tag: 'email', summary: 'Daily sent/delivered/bounced/failed/opened/clicked for the chart (default 30 days), and rates per template', access: ADMIN, query: AnalyticsRequest, response: EmailAnalytics })
  analytics(@Input('query') query: z.infer<typeof AnalyticsRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.analyticsGet, query, auth);
  }

  @Get('queue-stats')
  @Endpoint({ tag: 'email', summary: 'Pending (and retrying), sent today, failed today, 24-hour success rate', access: ADMIN, response: QueueStats })
  queueStats(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.queueStats, {}, auth);
  }

  /** The plan's trigger. Not needed in normal operation: the worker wakes on every commit and on retries falling due. */
  @Get('process-queue')
  @Endpoint({ tag: 'email', summary: 'Send what is due now (x-api-key = INTERNAL_API_SECRET); the worker does this by itself', access: { kind: 'internal' }, response: QueueProcessed })
  processQueue(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.queueProcess, {}, auth);
  }

  @Get('deliveries')
  @Endpoint({ tag: 'email', summary: 'The delivery log: search by address or subject, filter by status or template (newest first)', access: ADMIN, query: DeliveriesListRequest, response: DeliveriesPage })
  deliveries(@Input('query') query: z.infer<typeof DeliveriesListRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.deliveriesList, query, auth);
  }

  @Get('deliveries/:deliveryId')
  @Endpoint({ tag: 'email', summary: "One email with its timeline: event → queued → sent → delivered/opened, or its failure and reason", access: ADMIN, params: DeliveryParams, response: DeliveryDetail })
  delivery(@Input('params') params: z.infer<typeof DeliveryParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.deliveryGet, params, auth);
  }

  @Post('deliveries/:deliveryId/retry')
  @Endpoint({ tag: 'email', summary: 'Send a failed, bounced or dropped email again (CONFLICT otherwise)', access: ADMIN, params: DeliveryParams, response: DeliveryDetail })
  retry(@Input('params') params: z.infer<typeof DeliveryParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.deliveryRetry, params, auth);
  }

  @Get('dead-contacts')
  @Endpoint({ tag: 'email', summary: 'People whose address bounced or reported spam (guardians first); they get in-app notifications only', access: ADMIN, response: DeadContactsList })
  deadContacts(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.deadContactsList, {}, auth);
  }

  @Get('suppressions')
  @Endpoint({ tag: 'email', summary: 'The suppression list (hard bounces, spam reports, unsubscribes)', access: ADMIN, query: SuppressionsListRequest, response: SuppressionsPage })
  suppressions(@Input('query') query: z.infer<typeof SuppressionsListRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.suppressionsList, query, auth);
  }

  @Delete('suppressions/:email')
  @Endpoint({ tag: 'email', summary: 'Take an address off the suppression list (after the person fixed it)', access: ADMIN, params: EmailParams, response: z.object({ removed: z.boolean() }) })
  unsuppress(@Input('params') params: z.infer<typeof EmailParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.suppressionRemove, params, auth);
  }
}
