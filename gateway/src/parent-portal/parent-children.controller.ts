import { Controller, Get, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import { AccessLogEntry, AlertSettings, AlertType, ChildOverview, ChildSummary, DigestSettings, ParentAlert, parentPortalRpc, RpcClient, type AuthContext } from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const ChildParams = z.object({ studentId: z.uuid() });
const AlertsQuery = z.object({
  studentId: z.uuid().optional(),
  type: AlertType.optional(),
  unreadOnly: z.enum(['true', 'false']).optional().transform((value) => value === 'true'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  before: z.iso.datetime().optional(),
});
const MarkReadBody = z.union([z.object({ alertIds: z.array(z.uuid()).min(1).max(200) }), z.object({ all: z.literal(true), studentId: z.uuid().optional() })]);
const SettingsReply = AlertSettings.extend({ studentId: z.uuid(), isDefault: z.boolean() });
const AccessLogQuery = z.object({ studentId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(50), before: z.iso.datetime().optional() });

/**
 * The parent's side: children, the child page in one request, alerts, thresholds and the digest; and the student's
 * "who accessed my data". Every child route answers NOT_FOUND unless the parent's link to that child is active.
 */
@Controller('parent-portal')
export class ParentChildrenController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('children')
  @Endpoint({
    tag: 'parent-portal',
    summary: "The parent's actively linked children, one card each (attendance %, grade average, missing work, unread alerts). Logged in each child's access log.",
    access: { kind: 'authenticated', roles: ['parent'] },
    response: z.object({ items: z.array(ChildSummary) }),
  })
  children(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.childrenList, {}, auth);
  }

  @Get('children/:studentId/overview')
  @Endpoint({
    tag: 'parent-portal',
    summary:
      "The whole child page in one request: per course attendance % and counts, grade average, missing work and teachers (for \"Message teacher\": POST /messages/conversations with kind direct); recent absences and grades, missing assignments, upcoming sessions and live classes, past live-class attendance, recent alerts. Logged in the child's access log. NOT_FOUND unless actively linked.",
    access: { kind: 'authenticated', roles: ['parent'] },
    params: ChildParams,
    response: ChildOverview,
  })
  overview(@Input('params') params: z.infer<typeof ChildParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.childOverview, params, auth);
  }

  @Get('alerts')
  @Endpoint({
    tag: 'parent-portal',
    summary: "The parent's alerts, newest first (cursor: `before` = the last `createdAt`), over all active children or one; `unread` counts the same scope.",
    access: { kind: 'authenticated', roles: ['parent'] },
    query: AlertsQuery,
    response: z.object({ items: z.array(ParentAlert), unread: z.number().int(), nextBefore: z.iso.datetime().nullable() }),
  })
  alerts(@Input('query') query: z.infer<typeof AlertsQuery>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.alertsList, query, auth);
  }

  @Post('alerts/read')
  @Endpoint({
    tag: 'parent-portal',
    summary: 'Mark alerts read: `{alertIds}` or `{all: true, studentId?}`. Only the parent’s own alerts about active children change.',
    access: { kind: 'authenticated', roles: ['parent'] },
    body: MarkReadBody,
    response: z.object({ updated: z.number().int() }),
  })
  markRead(@Input('body') body: z.infer<typeof MarkReadBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.alertsMarkRead, body, auth);
  }

  @Get('children/:studentId/alert-settings')
  @Endpoint({
    tag: 'parent-portal',
    summary: 'This parent’s alert thresholds for this child (defaults until saved: attendance below 85%, 3 absences in a row, assignment below 60%, course below 70%, all types on).',
    access: { kind: 'authenticated', roles: ['parent'] },
    params: ChildParams,
    response: SettingsReply,
  })
  alertSettings(@Input('params') params: z.infer<typeof ChildParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.alertSettingsGet, params, auth);
  }

  @Put('children/:studentId/alert-settings')
  @Endpoint({
    tag: 'parent-portal',
    summary: 'Save alert thresholds for this child. An alert fires once when its threshold is crossed and again only after the value recovered.',
    access: { kind: 'authenticated', roles: ['parent'] },
    params: ChildParams,
    body: AlertSettings,
    response: SettingsReply,
  })
  updateAlertSettings(@Input('params') params: z.infer<typeof ChildParams>, @Input('body') body: z.infer<typeof AlertSettings>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.alertSettingsUpdate, { studentId: params.studentId, settings: body }, auth);
  }

  @Get('digest-settings')
  @Endpoint({
    tag: 'parent-portal',
    summary: 'The guardian digest: weekly (Monday morning, parent’s time zone; default on) and daily on weekdays (default off). Skipped when nothing is new.',
    access: { kind: 'authenticated', roles: ['parent'] },
    response: DigestSettings,
  })
  digestSettings(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.digestSettingsGet, {}, auth);
  }

  @Put('digest-settings')
  @Endpoint({
    tag: 'parent-portal',
    summary: 'Turn the weekly and daily guardian digests on or off.',
    access: { kind: 'authenticated', roles: ['parent'] },
    body: DigestSettings,
    response: DigestSettings,
  })
  updateDigestSettings(@Input('body') body: z.infer<typeof DigestSettings>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.digestSettingsUpdate, body, auth);
  }

  @Get('access-log')
  @Endpoint({
    tag: 'parent-portal',
    summary: '"Who accessed my data": every time a parent opened the student’s data, newest first. Students their own; admins any (`studentId`).',
    access: { kind: 'authenticated', roles: ['student', 'admin'] },
    query: AccessLogQuery,
    response: z.object({ items: z.array(AccessLogEntry), nextBefore: z.iso.datetime().nullable() }),
  })
  accessLog(@Input('query') query: z.infer<typeof AccessLogQuery>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(parentPortalRpc.accessLogList, query, auth);
  }
}
