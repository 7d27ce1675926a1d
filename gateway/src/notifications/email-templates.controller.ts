import { Controller, Get, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import {
  EmailTemplateView,
  notificationsRpc,
  RpcClient,
  TemplateDetail,
  TemplateName,
  TemplatePreview,
  TemplatePreviewRequest,
  TemplatesList,
  TemplateTestSendRequest,
  TemplateUpdateRequest,
  TestSendQueued,
  type AuthContext,
} from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const ADMIN = { kind: 'authenticated', roles: ['admin'] } as const;
const NameParams = z.object({ name: TemplateName });
const UpdateBody = TemplateUpdateRequest.omit({ name: true });
const ActiveBody = z.object({ active: z.boolean() });
const PreviewBody = TemplatePreviewRequest.omit({ name: true });
const TestBody = TemplateTestSendRequest.omit({ name: true });

/** Email templates (admins): list, edit (each save is a version), live preview, test send, on/off. */
@Controller('email/templates')
export class EmailTemplatesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Endpoint({ tag: 'email', summary: 'Every email template with its current version', access: ADMIN, response: TemplatesList })
  list(@CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.templatesList, {}, auth);
  }

  @Get(':name')
  @Endpoint({ tag: 'email', summary: 'One template with its last 50 versions', access: ADMIN, params: NameParams, response: TemplateDetail })
  get(@Input('params') params: z.infer<typeof NameParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.templateGet, params, auth);
  }

  @Put(':name')
  @Endpoint({ tag: 'email', summary: 'Save a new version ({{variable}} is HTML-escaped; {{#list}}…{{/list}} repeats). CONFLICT if expectedVersion is stale', access: ADMIN, params: NameParams, body: UpdateBody, response: EmailTemplateView })
  update(@Input('params') params: z.infer<typeof NameParams>, @Input('body') body: z.infer<typeof UpdateBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.templateUpdate, { ...body, name: params.name }, auth);
  }

  @Put(':name/active')
  @Endpoint({ tag: 'email', summary: 'Turn a template on or off (off: its emails are logged as skipped)', access: ADMIN, params: NameParams, body: ActiveBody, response: EmailTemplateView })
  setActive(@Input('params') params: z.infer<typeof NameParams>, @Input('body') body: z.infer<typeof ActiveBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.templateSetActive, { name: params.name, active: body.active }, auth);
  }

  @Post(':name/preview')
  @Endpoint({ tag: 'email', summary: 'Render the stored template or unsaved edits with sample data (HTML for a sandboxed iframe, text, missing variables)', access: ADMIN, params: NameParams, body: PreviewBody, response: TemplatePreview })
  preview(@Input('params') params: z.infer<typeof NameParams>, @Input('body') body: z.infer<typeof PreviewBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.templatePreview, { ...body, name: params.name }, auth);
  }

  @Post(':name/test')
  @Endpoint({ tag: 'email', summary: 'Queue a real test email (to you unless `to` is given); follow it in the delivery log', access: ADMIN, params: NameParams, body: TestBody, response: TestSendQueued, status: 202 })
  test(@Input('params') params: z.infer<typeof NameParams>, @Input('body') body: z.infer<typeof TestBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(notificationsRpc.templateTestSend, { ...body, name: params.name }, auth);
  }
}
