import { Controller } from '@nestjs/common';
import { chatRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { PresenceService } from './presence.service';

type Rpc = typeof chatRpc;

@Controller()
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  @RpcRoute(chatRpc.presenceGet)
  get(payload: RpcParsedRequest<Rpc['presenceGet']>, auth: AuthContext) {
    return this.presence.get(auth, payload);
  }

  @RpcRoute(chatRpc.presenceReport)
  report(payload: RpcParsedRequest<Rpc['presenceReport']>, auth: AuthContext) {
    return this.presence.report(auth, payload);
  }

  @RpcRoute(chatRpc.presenceHeartbeat)
  heartbeat(payload: RpcParsedRequest<Rpc['presenceHeartbeat']>, auth: AuthContext) {
    return this.presence.heartbeat(auth, payload);
  }
}
