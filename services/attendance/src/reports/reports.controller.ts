import { Controller } from '@nestjs/common';
import { attendanceRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { PoliciesService } from '../policies/policies.service';
import { ReportsService } from './reports.service';
import { StatisticsService } from './statistics.service';

type Rpc = typeof attendanceRpc;

@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly statistics: StatisticsService,
    private readonly policies: PoliciesService,
  ) {}

  @RpcRoute(attendanceRpc.policyGet)
  policy(payload: RpcParsedRequest<Rpc['policyGet']>, auth: AuthContext) {
    return this.policies.get(auth, payload.courseId);
  }

  @RpcRoute(attendanceRpc.policyUpdate)
  updatePolicy(payload: RpcParsedRequest<Rpc['policyUpdate']>, auth: AuthContext) {
    return this.policies.update(auth, payload);
  }

  @RpcRoute(attendanceRpc.statisticsGet)
  statisticsGet(payload: RpcParsedRequest<Rpc['statisticsGet']>, auth: AuthContext) {
    return this.statistics.forCourse(auth, payload.courseId, payload.studentId);
  }

  @RpcRoute(attendanceRpc.myAttendance)
  mine(_payload: RpcParsedRequest<Rpc['myAttendance']>, auth: AuthContext) {
    return this.statistics.mine(auth);
  }

  @RpcRoute(attendanceRpc.reportGet)
  report(payload: RpcParsedRequest<Rpc['reportGet']>, auth: AuthContext) {
    return this.reports.get(auth, payload);
  }
}
