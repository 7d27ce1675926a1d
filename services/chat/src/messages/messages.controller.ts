import { Controller } from '@nestjs/common';
import { chatRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { MessagesService } from './messages.service';

type Rpc = typeof chatRpc;

@Controller()
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @RpcRoute(chatRpc.messagesList)
  list(payload: RpcParsedRequest<Rpc['messagesList']>, auth: AuthContext) {
    return this.messages.list(auth, payload);
  }

  @RpcRoute(chatRpc.messagesSend)
  send(payload: RpcParsedRequest<Rpc['messagesSend']>, auth: AuthContext) {
    return this.messages.send(auth, payload);
  }

  @RpcRoute(chatRpc.messagesEdit)
  edit(payload: RpcParsedRequest<Rpc['messagesEdit']>, auth: AuthContext) {
    return this.messages.edit(auth, payload);
  }

  @RpcRoute(chatRpc.messagesDelete)
  delete(payload: RpcParsedRequest<Rpc['messagesDelete']>, auth: AuthContext) {
    return this.messages.delete(auth, payload);
  }

  @RpcRoute(chatRpc.reactionsSet)
  react(payload: RpcParsedRequest<Rpc['reactionsSet']>, auth: AuthContext) {
    return this.messages.react(auth, payload);
  }

  @RpcRoute(chatRpc.messagesRead)
  read(payload: RpcParsedRequest<Rpc['messagesRead']>, auth: AuthContext) {
    return this.messages.read(auth, payload);
  }

  @RpcRoute(chatRpc.messagesSearch)
  search(payload: RpcParsedRequest<Rpc['messagesSearch']>, auth: AuthContext) {
    return this.messages.search(auth, payload);
  }
}
