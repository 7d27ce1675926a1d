import { Controller } from '@nestjs/common';
import { attendanceRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { CheckInService } from '../check-in/check-in.service';
import { MarkingService } from './marking.service';
import { TrailService } from './trail.service';

type Rpc = typeof attendanceRpc;

@Controller()
export class MarkingController {
  constructor(
    private readonly marking: MarkingService,
    private readonly checkIns: CheckInService,
    private readonly trail: TrailService,
  ) {}

  @RpcRoute(attendanceRpc.generateQr)
  generateQr(payload: RpcParsedRequest<Rpc['generateQr']>, auth: AuthContext) {
    return this.marking.generateQr(auth, payload.sessionId);
  }

  @RpcRoute(attendanceRpc.checkIn)
  checkIn(payload: RpcParsedRequest<Rpc['checkIn']>, auth: AuthContext) {
    return this.checkIns.checkIn(auth, payload);
  }

  @RpcRoute(attendanceRpc.mark)
  mark(payload: RpcParsedRequest<Rpc['mark']>, auth: AuthContext) {
    return this.marking.mark(auth, payload);
  }

  @RpcRoute(attendanceRpc.markBulk)
  markBulk(payload: RpcParsedRequest<Rpc['markBulk']>, auth: AuthContext) {
    return this.marking.markBulk(auth, payload);
  }

  @RpcRoute(attendanceRpc.auditList)
  audit(payload: RpcParsedRequest<Rpc['auditList']>, auth: AuthContext) {
    return this.trail.audit(auth, payload);
  }

  @RpcRoute(attendanceRpc.flaggedList)
  flagged(payload: RpcParsedRequest<Rpc['flaggedList']>, auth: AuthContext) {
    return this.trail.flagged(auth, payload.sessionId);
  }
}
