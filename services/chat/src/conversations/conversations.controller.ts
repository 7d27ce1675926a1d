import { Controller } from '@nestjs/common';
import { chatRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { ConversationsService } from './conversations.service';

type Rpc = typeof chatRpc;

@Controller()
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @RpcRoute(chatRpc.conversationsList)
  list(payload: RpcParsedRequest<Rpc['conversationsList']>, auth: AuthContext) {
    return this.conversations.list(auth, payload);
  }

  @RpcRoute(chatRpc.conversationsCreate)
  create(payload: RpcParsedRequest<Rpc['conversationsCreate']>, auth: AuthContext) {
    return this.conversations.create(auth, payload);
  }

  @RpcRoute(chatRpc.conversationGet)
  get(payload: RpcParsedRequest<Rpc['conversationGet']>, auth: AuthContext) {
    return this.conversations.get(auth, payload.conversationId);
  }

  @RpcRoute(chatRpc.conversationUpdate)
  update(payload: RpcParsedRequest<Rpc['conversationUpdate']>, auth: AuthContext) {
    return this.conversations.update(auth, payload);
  }

  @RpcRoute(chatRpc.conversationSettings)
  settings(payload: RpcParsedRequest<Rpc['conversationSettings']>, auth: AuthContext) {
    return this.conversations.settings(auth, payload);
  }

  @RpcRoute(chatRpc.conversationLeave)
  leave(payload: RpcParsedRequest<Rpc['conversationLeave']>, auth: AuthContext) {
    return this.conversations.leave(auth, payload.conversationId);
  }

  @RpcRoute(chatRpc.participantsAdd)
  add(payload: RpcParsedRequest<Rpc['participantsAdd']>, auth: AuthContext) {
    return this.conversations.addParticipants(auth, payload);
  }

  @RpcRoute(chatRpc.participantRemove)
  remove(payload: RpcParsedRequest<Rpc['participantRemove']>, auth: AuthContext) {
    return this.conversations.removeParticipant(auth, payload);
  }

  @RpcRoute(chatRpc.participantRole)
  role(payload: RpcParsedRequest<Rpc['participantRole']>, auth: AuthContext) {
    return this.conversations.setRole(auth, payload);
  }

  @RpcRoute(chatRpc.contactsList)
  contacts(payload: RpcParsedRequest<Rpc['contactsList']>, auth: AuthContext) {
    return this.conversations.contacts(auth, payload);
  }

  /** Who may join `conversation:<id>`: its current participants. */
  @RpcRoute(chatRpc.roomAccess)
  async roomAccess(payload: RpcParsedRequest<Rpc['roomAccess']>, auth: AuthContext) {
    return { allowed: payload.kind === 'conversation' && (await this.conversations.roomAccess(auth, payload.id)) };
  }

  @RpcRoute(chatRpc.unreadSummary)
  unreadSummary(payload: RpcParsedRequest<Rpc['unreadSummary']>, auth: AuthContext) {
    return this.conversations.unreadSummary(auth, payload.userId);
  }
}
