import { Controller, Delete, Get, Patch, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import {
  ChatMessage,
  chatRpc,
  ContactsList,
  ContactsRequest,
  MessageDeleted,
  MessageDeleteRequest,
  MessageEditRequest,
  PresenceList,
  ReactionRequest,
  ReactionsChanged,
  ReportCreated,
  ReportCreateRequest,
  RpcClient,
  SearchRequest,
  SearchResults,
  type AuthContext,
} from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';
import { ATTACHMENT_RPC_TIMEOUT_MS, ChatTransfers } from './chat-transfers';

const MessageParams = z.object({ messageId: z.uuid() });
const AttachmentParams = z.object({ attachmentId: z.uuid() });
const AttachmentQuery = z.object({ inline: z.enum(['0', '1']).default('0') });
const PresenceQuery = z.object({
  /** Comma-separated user ids (at most 200). */
  userIds: z.string().transform((value, context) => {
    const ids = value.split(',').map((id) => id.trim()).filter(Boolean);
    if (ids.length === 0 || ids.length > 200 || ids.some((id) => !z.uuid().safeParse(id).success)) {
      context.addIssue({ code: 'custom', message: '1 to 200 comma-separated user ids' });
      return z.NEVER;
    }
    return ids;
  }),
});
const EditBody = MessageEditRequest.omit({ messageId: true });
const DeleteBody = MessageDeleteRequest.omit({ messageId: true });
const ReactionBody = ReactionRequest.omit({ messageId: true });
const ReportBody = ReportCreateRequest.omit({ messageId: true });
const signedIn = { kind: 'authenticated', roles: ['student', 'teacher', 'parent', 'admin'] } as const;

/** One message at a time (edit, delete, react, report), search, contacts, presence and attachment downloads. */
@Controller('messages')
export class MessagesController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly transfers: ChatTransfers,
  ) {}

  @Get('search')
  @Endpoint({ tag: 'chat', summary: 'Full-text search in the caller’s own conversations (optionally one), best matches first, with highlighted headlines', access: signedIn, query: SearchRequest, response: SearchResults })
  search(@Input('query') query: z.infer<typeof SearchRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.messagesSearch, query, auth);
  }

  @Get('contacts')
  @Endpoint({
    tag: 'chat',
    summary: 'The people the caller may start a direct conversation with under the school safety policy, with the reason (for the “new conversation” dialog)',
    access: signedIn,
    query: ContactsRequest,
    response: ContactsList,
  })
  contacts(@Input('query') query: z.infer<typeof ContactsRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.contactsList, query, auth);
  }

  @Get('presence')
  @Endpoint({ tag: 'chat', summary: 'Online, idle or offline for people who share a conversation with the caller (others read as offline are left out)', access: signedIn, query: PresenceQuery, response: PresenceList })
  presence(@Input('query') query: z.infer<typeof PresenceQuery>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.presenceGet, { userIds: query.userIds }, auth);
  }

  @Get('attachments/:attachmentId')
  @Endpoint({
    tag: 'chat',
    summary:
      'Download an attachment (participants of its conversation; admins for a safeguarding review), streamed with its Content-Length whatever its size. inline=1 shows images in the page (the preview); any other file is always a download.',
    access: signedIn,
    params: AttachmentParams,
    query: AttachmentQuery,
    response: z.string().meta({ format: 'binary' }),
  })
  async attachment(
    @Input('params') params: z.infer<typeof AttachmentParams>,
    @Input('query') query: z.infer<typeof AttachmentQuery>,
    @CurrentAuth() auth: AuthContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const file = await this.rpc.call(chatRpc.attachmentGet, params, auth, { timeoutMs: ATTACHMENT_RPC_TIMEOUT_MS });
    const body = await this.transfers.body(file);
    this.fileHeaders(response, file, query.inline === '1' && file.preview);
    return body;
  }

  @Get('attachments/:attachmentId/thumbnail')
  @Endpoint({
    tag: 'chat',
    summary:
      'The thumbnail of an image attachment (WebP, at most 320 px on its longer side, made at upload), always inline: the preview in the message list. The same access as the download; 404 when the attachment has none (not an image, or stored before thumbnails: show the original with inline=1).',
    access: signedIn,
    params: AttachmentParams,
    response: z.string().meta({ format: 'binary' }),
  })
  async attachmentThumbnail(@Input('params') params: z.infer<typeof AttachmentParams>, @CurrentAuth() auth: AuthContext, @Res({ passthrough: true }) response: Response) {
    const file = await this.rpc.call(chatRpc.attachmentThumbnailGet, params, auth, { timeoutMs: ATTACHMENT_RPC_TIMEOUT_MS });
    const body = await this.transfers.body(file);
    this.fileHeaders(response, file, true);
    return body;
  }

  @Patch(':messageId')
  @Endpoint({ tag: 'chat', summary: 'Edit one’s own message within the school’s edit window (CONFLICT after it); sets isEdited', access: signedIn, params: MessageParams, body: EditBody, response: ChatMessage })
  edit(@Input('params') params: z.infer<typeof MessageParams>, @Input('body') body: z.infer<typeof EditBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.messagesEdit, { ...body, ...params }, auth);
  }

  @Delete(':messageId')
  @Endpoint({
    tag: 'chat',
    summary: 'Delete a message: one’s own; teachers in their course conversations; admins anywhere. Hidden from participants, kept for the admin safeguarding review. Optional body {reason}.',
    access: signedIn,
    params: MessageParams,
    body: DeleteBody,
    response: MessageDeleted,
  })
  delete(@Input('params') params: z.infer<typeof MessageParams>, @Input('body') body: z.infer<typeof DeleteBody> | undefined, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.messagesDelete, { ...(body ?? {}), ...params }, auth);
  }

  @Put(':messageId/reactions')
  @Endpoint({ tag: 'chat', summary: 'Add (on=true) or remove a reaction; returns the message’s reactions', access: signedIn, params: MessageParams, body: ReactionBody, response: ReactionsChanged })
  react(@Input('params') params: z.infer<typeof MessageParams>, @Input('body') body: z.infer<typeof ReactionBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.reactionsSet, { ...body, ...params }, auth);
  }

  @Post(':messageId/report')
  @Endpoint({
    tag: 'chat',
    summary: 'Report a message to the moderation queue (course teachers and admins). The reporter is never shown to the reported person.',
    access: signedIn,
    params: MessageParams,
    body: ReportBody,
    response: ReportCreated,
    status: 201,
  })
  report(@Input('params') params: z.infer<typeof MessageParams>, @Input('body') body: z.infer<typeof ReportBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.reportsCreate, { ...body, ...params }, auth);
  }

  /** Files are never sniffed or run: nosniff, a sandboxing CSP, and inline only for images. */
  private fileHeaders(response: Response, file: { fileName: string; mimeType: string }, inline: boolean): void {
    response.setHeader('Content-Type', file.mimeType);
    response.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${file.fileName.replace(/[^\w.-]+/g, '_')}"`);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; sandbox");
    response.setHeader('Cache-Control', 'private, max-age=300');
  }
}
