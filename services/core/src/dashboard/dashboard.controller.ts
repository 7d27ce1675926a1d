import { Controller } from '@nestjs/common';
import { coreRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { requireUser } from '../common/access';
import { DashboardService } from './dashboard.service';

@Controller()
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @RpcRoute(coreRpc.dashboardGet)
  get(_payload: RpcParsedRequest<typeof coreRpc.dashboardGet>, auth: AuthContext) {
    return this.dashboard.forUser(requireUser(auth));
  }
}
