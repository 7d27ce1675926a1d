import { Controller } from '@nestjs/common';
import { coreRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { ActivityService } from './activity.service';

@Controller()
export class ActivityController {
  constructor(private readonly activity: ActivityService) {}

  @RpcRoute(coreRpc.quizResultsRecord)
  quiz(payload: RpcParsedRequest<typeof coreRpc.quizResultsRecord>, auth: AuthContext) {
    return this.activity.recordQuizResult(auth, payload);
  }

  @RpcRoute(coreRpc.forumRepliesRecord)
  forumReply(payload: RpcParsedRequest<typeof coreRpc.forumRepliesRecord>, auth: AuthContext) {
    return this.activity.recordForumReply(auth, payload);
  }

  @RpcRoute(coreRpc.certificatesRecord)
  certificate(payload: RpcParsedRequest<typeof coreRpc.certificatesRecord>, auth: AuthContext) {
    return this.activity.recordCertificate(auth, payload);
  }

  @RpcRoute(coreRpc.pathMilestonesRecord)
  milestone(payload: RpcParsedRequest<typeof coreRpc.pathMilestonesRecord>, auth: AuthContext) {
    return this.activity.recordPathMilestone(auth, payload);
  }
}
