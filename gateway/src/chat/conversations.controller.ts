import { Controller, Delete, Get, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import {
  ChatMessage,
  chatRpc,
  ConversationCreated,
  ConversationCreateRequest,
  ConversationDetail,
  ConversationSettingsRequest,
  ConversationsListRequest,
  ConversationsPage,
  ConversationSummary,
  ConversationUpdateRequest,
  MessageAttachment,
  MessageSendBodyChecked,
  MessagesHistoryQuery,
  MessagesPage,
  ParticipantRoleRequest,
  ParticipantsAddRequest,
  ReadRequest,
  ReadState,
  RpcClient,
  type AuthContext,
} from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint, jsonSchema } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';
import { Base64UploadBody, ChatTransfers } from './chat-transfers';

const Conversation = z.object({ conversationId: z.uuid() });
const Participant = Conversation.extend({ userId: z.uuid() });
const signedIn = { kind: 'authenticated', roles: ['student', 'teacher', 'parent', 'admin'] } as const;
const SendBody = MessageSendBodyChecked;
const UpdateBody = ConversationUpdateRequest.omit({ conversationId: true });
const SettingsBody = ConversationSettingsRequest.omit({ conversationId: true });
const AddBody = ParticipantsAddRequest.omit({ conversationId: true });
const RoleBody = ParticipantRoleRequest.omit({ conversationId: true, userId: true });
const ReadBody = ReadRequest.omit({ conversationId: true });
const HistoryQuery = MessagesHistoryQuery;

/** Conversations, their people and their messages (the plan's `/messages/conversations`). Thin: chat decides. */
@Controller('messages/conversations')
export class ConversationsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly transfers: ChatTransfers,
  ) {}

  @Get()
  @Endpoint({
    tag: 'chat',
    summary: 'The inbox: the caller’s conversations, most recent activity first, with unread count and last message. Filter by kind, course, archived, unreadOnly; page with nextCursor.',
    access: signedIn,
    query: ConversationsListRequest,
    response: ConversationsPage,
  })
  list(@Input('query') query: z.infer<typeof ConversationsListRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.conversationsList, query, auth);
  }

  @Post()
  @Endpoint({
    tag: 'chat',
    summary:
      'Start a conversation. direct: exactly one other person, unique per pair (returns the existing one with created=false), only as the school safety policy allows (FORBIDDEN otherwise; GET /messages/contacts lists who is allowed). group: a title and people the caller may message. announcement (teachers, admins): a title and a course (its students, following enrollments) or people; only owners/admins post. Course conversations are created automatically.',
    access: signedIn,
    body: ConversationCreateRequest,
    response: ConversationCreated,
    status: 201,
  })
  create(@Input('body') body: z.infer<typeof ConversationCreateRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.conversationsCreate, body, auth);
  }

  @Get(':conversationId')
  @Endpoint({
    tag: 'chat',
    summary: 'One conversation with its participants, their roles, presence and read watermarks (read receipts). NOT_FOUND unless the caller is in it.',
    access: signedIn,
    params: Conversation,
    response: ConversationDetail,
  })
  get(@Input('params') params: z.infer<typeof Conversation>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.conversationGet, params, auth);
  }

  @Patch(':conversationId')
  @Endpoint({ tag: 'chat', summary: 'Rename a group or announcement (its owners and admins)', access: signedIn, params: Conversation, body: UpdateBody, response: ConversationDetail })
  update(@Input('params') params: z.infer<typeof Conversation>, @Input('body') body: z.infer<typeof UpdateBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.conversationUpdate, { ...body, ...params }, auth);
  }

  @Put(':conversationId/settings')
  @Endpoint({ tag: 'chat', summary: 'Mute or archive (and unarchive) the conversation for the caller only', access: signedIn, params: Conversation, body: SettingsBody, response: ConversationSummary })
  settings(@Input('params') params: z.infer<typeof Conversation>, @Input('body') body: z.infer<typeof SettingsBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.conversationSettings, { ...body, ...params }, auth);
  }

  @Post(':conversationId/leave')
  @Endpoint({
    tag: 'chat',
    summary: 'Leave a direct, group or announcement conversation. Course conversations follow enrollment (CONFLICT: mute it instead).',
    access: signedIn,
    params: Conversation,
    response: z.object({ ok: z.literal(true) }),
  })
  leave(@Input('params') params: z.infer<typeof Conversation>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.conversationLeave, params, auth);
  }

  @Post(':conversationId/participants')
  @Endpoint({
    tag: 'chat',
    summary: 'Add people to a group or announcement (its owners and admins), each allowed by the safety policy; a parent never joins students other than their own child.',
    access: signedIn,
    params: Conversation,
    body: AddBody,
    response: ConversationDetail,
  })
  add(@Input('params') params: z.infer<typeof Conversation>, @Input('body') body: z.infer<typeof AddBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.participantsAdd, { ...body, ...params }, auth);
  }

  @Delete(':conversationId/participants/:userId')
  @Endpoint({ tag: 'chat', summary: 'Remove someone from a group or announcement (owners and admins; an owner only by an owner)', access: signedIn, params: Participant, response: ConversationDetail })
  remove(@Input('params') params: z.infer<typeof Participant>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.participantRemove, params, auth);
  }

  @Put(':conversationId/participants/:userId/role')
  @Endpoint({ tag: 'chat', summary: 'Make someone owner, admin or member (owners; one owner always remains)', access: signedIn, params: Participant, body: RoleBody, response: ConversationDetail })
  role(@Input('params') params: z.infer<typeof Participant>, @Input('body') body: z.infer<typeof RoleBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.participantRole, { ...body, ...params }, auth);
  }

  @Get(':conversationId/messages')
  @Endpoint({
    tag: 'chat',
    summary:
      'History, oldest first. No cursor: the latest `limit`. before=<id>: older ones (infinite scroll). after=<id>: newer ones (after a reconnect, fetch after the last id seen until hasMore is false). Deleted messages are tombstones.',
    access: signedIn,
    params: Conversation,
    query: HistoryQuery,
    response: MessagesPage,
  })
  history(@Input('params') params: z.infer<typeof Conversation>, @Input('query') query: z.infer<typeof HistoryQuery>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.messagesList, { ...query, ...params }, auth);
  }

  @Post(':conversationId/messages')
  @Endpoint({
    tag: 'chat',
    summary:
      'Send a message (also over the socket: send_message). clientId makes a resend safe (the first message is returned). mentions: participants to notify. attachmentId: from the upload endpoint. RATE_LIMITED (429) when sending too fast; FORBIDDEN for members of an announcement.',
    access: signedIn,
    params: Conversation,
    body: SendBody,
    response: ChatMessage,
    status: 201,
  })
  send(@Input('params') params: z.infer<typeof Conversation>, @Input('body') body: z.infer<typeof SendBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.messagesSend, { ...body, ...params }, auth);
  }

  @Post(':conversationId/read')
  @Endpoint({
    tag: 'chat',
    summary: 'Mark read up to a message (also over the socket: read_message). The watermark only moves forward; others get message_read.',
    access: signedIn,
    params: Conversation,
    body: ReadBody,
    response: ReadState,
  })
  read(@Input('params') params: z.infer<typeof Conversation>, @Input('body') body: z.infer<typeof ReadBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(chatRpc.messagesRead, { ...body, ...params }, auth);
  }

  @Post(':conversationId/attachments')
  @Endpoint({
    tag: 'chat',
    summary:
      'Upload a file, then send it with attachmentId: multipart/form-data with one part named "file" (streamed, any size up to the school’s limit, which is at most the server’s CHAT_ATTACHMENT_MAX_BYTES, 25 MB by default), or JSON {fileName, contentBase64} for small files. The type comes from the bytes (PNG, JPEG, GIF, WebP, PDF, UTF-8 text; the school may allow fewer). PAYLOAD_TOO_LARGE (413, refused while streaming, details.maxBytes), UNSUPPORTED_MEDIA_TYPE (415).',
    access: signedIn,
    params: Conversation,
    response: MessageAttachment,
    status: 201,
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    schema: {
      oneOf: [
        { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'the file; its name is the part’s filename' } } },
        jsonSchema(Base64UploadBody),
      ],
    },
  })
  upload(@Input('params') params: z.infer<typeof Conversation>, @Req() request: Request, @CurrentAuth() auth: AuthContext) {
    return this.transfers.upload(request, params.conversationId, auth);
  }
}
