import { Controller } from '@nestjs/common';
import { notificationsRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { AnalyticsService } from './analytics.service';

@Controller()
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @RpcRoute(notificationsRpc.analyticsGet)
  get(payload: RpcParsedRequest<typeof notificationsRpc.analyticsGet>, auth: AuthContext) {
    return this.analytics.get(auth, payload);
  }
}
