import { Controller } from '@nestjs/common';
import { attendanceRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { ExemptionsService } from './exemptions.service';

type Rpc = typeof attendanceRpc;

@Controller()
export class ExemptionsController {
  constructor(private readonly exemptions: ExemptionsService) {}

  @RpcRoute(attendanceRpc.exemptionsCreate)
  create(payload: RpcParsedRequest<Rpc['exemptionsCreate']>, auth: AuthContext) {
    return this.exemptions.create(auth, payload);
  }

  @RpcRoute(attendanceRpc.exemptionsList)
  list(payload: RpcParsedRequest<Rpc['exemptionsList']>, auth: AuthContext) {
    return this.exemptions.list(auth, payload);
  }

  @RpcRoute(attendanceRpc.exemptionsDecide)
  decide(payload: RpcParsedRequest<Rpc['exemptionsDecide']>, auth: AuthContext) {
    return this.exemptions.decide(auth, payload);
  }

  @RpcRoute(attendanceRpc.exemptionEvidence)
  evidence(payload: RpcParsedRequest<Rpc['exemptionEvidence']>, auth: AuthContext) {
    return this.exemptions.evidence(auth, payload.exemptionId);
  }
}
