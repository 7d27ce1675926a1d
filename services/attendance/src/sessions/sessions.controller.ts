import { Controller } from '@nestjs/common';
import { attendanceRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { SessionsService } from './sessions.service';

type Rpc = typeof attendanceRpc;

@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @RpcRoute(attendanceRpc.sessionsCreate)
  create(payload: RpcParsedRequest<Rpc['sessionsCreate']>, auth: AuthContext) {
    return this.sessions.create(auth, payload);
  }

  @RpcRoute(attendanceRpc.sessionsUpdate)
  update(payload: RpcParsedRequest<Rpc['sessionsUpdate']>, auth: AuthContext) {
    return this.sessions.update(auth, payload);
  }

  @RpcRoute(attendanceRpc.sessionsCancel)
  cancel(payload: RpcParsedRequest<Rpc['sessionsCancel']>, auth: AuthContext) {
    return this.sessions.cancel(auth, payload);
  }

  @RpcRoute(attendanceRpc.sessionsList)
  list(payload: RpcParsedRequest<Rpc['sessionsList']>, auth: AuthContext) {
    return this.sessions.list(auth, payload);
  }

  @RpcRoute(attendanceRpc.sessionGet)
  get(payload: RpcParsedRequest<Rpc['sessionGet']>, auth: AuthContext) {
    return this.sessions.get(auth, payload.sessionId);
  }

  @RpcRoute(attendanceRpc.sessionRoster)
  roster(payload: RpcParsedRequest<Rpc['sessionRoster']>, auth: AuthContext) {
    return this.sessions.rosterGrid(auth, payload.sessionId);
  }
}
