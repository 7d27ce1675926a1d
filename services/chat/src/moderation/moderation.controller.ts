import { Controller } from '@nestjs/common';
import { chatRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { PolicyService } from '../policy/policy.service';
import { ModerationService } from './moderation.service';
import { SafeguardingService } from './safeguarding.service';

type Rpc = typeof chatRpc;

@Controller()
export class ModerationController {
  constructor(
    private readonly moderation: ModerationService,
    private readonly policy: PolicyService,
    private readonly safeguardingReview: SafeguardingService,
  ) {}

  @RpcRoute(chatRpc.reportsCreate)
  report(payload: RpcParsedRequest<Rpc['reportsCreate']>, auth: AuthContext) {
    return this.moderation.report(auth, payload);
  }

  @RpcRoute(chatRpc.reportsList)
  list(payload: RpcParsedRequest<Rpc['reportsList']>, auth: AuthContext) {
    return this.moderation.list(auth, payload);
  }

  @RpcRoute(chatRpc.reportsResolve)
  resolve(payload: RpcParsedRequest<Rpc['reportsResolve']>, auth: AuthContext) {
    return this.moderation.resolve(auth, payload);
  }

  @RpcRoute(chatRpc.safeguardingMessages)
  safeguarding(payload: RpcParsedRequest<Rpc['safeguardingMessages']>, auth: AuthContext) {
    return this.safeguardingReview.list(auth, payload);
  }

  @RpcRoute(chatRpc.policyGet)
  policyGet(_payload: RpcParsedRequest<Rpc['policyGet']>, auth: AuthContext) {
    return this.policy.get(auth);
  }

  @RpcRoute(chatRpc.policyUpdate)
  policyUpdate(payload: RpcParsedRequest<Rpc['policyUpdate']>, auth: AuthContext) {
    return this.policy.update(auth, payload);
  }
}
