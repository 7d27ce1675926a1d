import { Controller } from '@nestjs/common';
import { liveClassesRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { JoinService } from '../joining/join.service';
import { AttendanceComputer } from '../presence/attendance-computer.service';
import { ClassesService } from './classes.service';

type Rpc = typeof liveClassesRpc;

@Controller()
export class ClassesController {
  constructor(
    private readonly classes: ClassesService,
    private readonly joining: JoinService,
    private readonly attendance: AttendanceComputer,
  ) {}

  @RpcRoute(liveClassesRpc.classesCreate)
  create(payload: RpcParsedRequest<Rpc['classesCreate']>, auth: AuthContext) {
    return this.classes.create(auth, payload);
  }

  @RpcRoute(liveClassesRpc.classesUpdate)
  update(payload: RpcParsedRequest<Rpc['classesUpdate']>, auth: AuthContext) {
    return this.classes.update(auth, payload);
  }

  @RpcRoute(liveClassesRpc.classesCancel)
  cancel(payload: RpcParsedRequest<Rpc['classesCancel']>, auth: AuthContext) {
    return this.classes.cancel(auth, payload);
  }

  @RpcRoute(liveClassesRpc.classesList)
  list(payload: RpcParsedRequest<Rpc['classesList']>, auth: AuthContext) {
    return this.classes.list(auth, payload);
  }

  @RpcRoute(liveClassesRpc.classGet)
  get(payload: RpcParsedRequest<Rpc['classGet']>, auth: AuthContext) {
    return this.classes.get(auth, payload.classId);
  }

  @RpcRoute(liveClassesRpc.providersInfo)
  providers(_payload: RpcParsedRequest<Rpc['providersInfo']>, auth: AuthContext) {
    return this.classes.providers(auth);
  }

  @RpcRoute(liveClassesRpc.classJoin)
  join(payload: RpcParsedRequest<Rpc['classJoin']>, auth: AuthContext) {
    return this.joining.join(auth, payload.classId);
  }

  @RpcRoute(liveClassesRpc.attendanceReport)
  report(payload: RpcParsedRequest<Rpc['attendanceReport']>, auth: AuthContext) {
    return this.attendance.report(auth, payload.classId);
  }
}
