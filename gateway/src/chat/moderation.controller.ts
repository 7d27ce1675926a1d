import { Controller, Get, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import {
  ChatPolicy,
  ChatPolicyUpdateRequest,
  chatRpc,
  ModerationReport,
  ReportResolveRequest,
  ReportsListRequest,
  RpcClient,
  SafeguardingPage,
  SafeguardingRequest,
  type AuthContext,
} from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const ReportParams = z.object({ reportId: z.uuid() });
const ResolveBody = ReportResolveRequest.omit({ reportId: true });

/** The moderation queue, the admin safeguarding review and the school's chat policy. */
@Controller('messages')
export class ChatModerationController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('moderation/reports')
  @Endpoint({
    tag: 'chat',
    summary: 'The moderation queue: admins see every report, teachers those in their courses’ conversations (open first). A report about the viewer hides the reporter.',
    access: { kind: 'authenticated', roles: ['teacher', 'admin'] },
    query: ReportsListRequest,
    response: z.object({ items: z.array(ModerationReport) }),
  })
  reports(@Input('query') query: z.infer<typeof ReportsListRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.reportsList, query, auth);
  }

  @Post('moderation/reports/:reportId/resolve')
  @Endpoint({
    tag: 'chat',
    summary: 'Decide a report: remove (the message is deleted, kept for review) or dismiss. Nobody decides a report about themselves; CONFLICT when already decided.',
    access: { kind: 'authenticated', roles: ['teacher', 'admin'] },
    params: ReportParams,
    body: ResolveBody,
    response: ModerationReport,
  })
  resolve(@Input('params') params: z.infer<typeof ReportParams>, @Input('body') body: z.infer<typeof ResolveBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.reportsResolve, { ...body, ...params }, auth);
  }

  @Get('moderation/safeguarding')
  @Endpoint({
    tag: 'chat',
    summary:
      'Admin safeguarding review: every message of the school with its full text, deleted ones included (who deleted them and why), each with the conversation and course it was sent in; newest first across all conversations. Filters combine: conversation, course, sender, sent from (inclusive) / to (exclusive), deleted only. Page with the previous answer’s nextCursor; a cursor not made by this endpoint is VALIDATION_FAILED. Teachers and others: FORBIDDEN.',
    access: { kind: 'authenticated', roles: ['admin'] },
    query: SafeguardingRequest,
    response: SafeguardingPage,
  })
  safeguarding(@Input('query') query: z.infer<typeof SafeguardingRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.safeguardingMessages, query, auth);
  }

  @Get('policy')
  @Endpoint({ tag: 'chat', summary: 'The school’s chat policy (safety switches, edit window, flood limit, attachment limits, reminder delay)', access: { kind: 'authenticated', roles: ['student', 'teacher', 'parent', 'admin'] }, response: ChatPolicy })
  policy(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.policyGet, {}, auth);
  }

  @Put('policy')
  @Endpoint({ tag: 'chat', summary: 'Change the school’s chat policy (admins)', access: { kind: 'authenticated', roles: ['admin'] }, body: ChatPolicyUpdateRequest, response: ChatPolicy })
  updatePolicy(@Input('body') body: z.infer<typeof ChatPolicyUpdateRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.policyUpdate, body, auth);
  }
}
