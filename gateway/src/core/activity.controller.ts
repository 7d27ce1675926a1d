import { Controller, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  CertificateRecordRequest,
  coreRpc,
  ForumReplyRecordRequest,
  PathMilestoneRecordRequest,
  QuizResultRecordRequest,
  Recorded,
  RpcClient,
  type AuthContext,
} from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

/** LMS activity that notification templates react to. Each request records one fact and publishes one event. */
@Controller()
export class ActivityController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('quiz-results')
  @Endpoint({
    tag: 'activity',
    summary: 'Record a graded quiz (publishes core.v1.quiz_graded)',
    access: { kind: 'authenticated', roles: ['teacher', 'admin'], scopes: ['events:write'] },
    body: QuizResultRecordRequest,
    response: Recorded,
    status: 201,
  })
  quizResult(@Input('body') body: z.infer<typeof QuizResultRecordRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.quizResultsRecord, body, auth);
  }

  @Post('forum-replies')
  @Endpoint({
    tag: 'activity',
    summary: 'Record a forum reply (publishes core.v1.forum_reply_posted)',
    access: { kind: 'authenticated', scopes: ['events:write'] },
    body: ForumReplyRecordRequest,
    response: Recorded,
    status: 201,
  })
  forumReply(@Input('body') body: z.infer<typeof ForumReplyRecordRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.forumRepliesRecord, body, auth);
  }

  @Post('certificates')
  @Endpoint({
    tag: 'activity',
    summary: 'Record an issued certificate (publishes core.v1.certificate_issued)',
    access: { kind: 'authenticated', roles: ['teacher', 'admin'], scopes: ['events:write'] },
    body: CertificateRecordRequest,
    response: Recorded,
    status: 201,
  })
  certificate(@Input('body') body: z.infer<typeof CertificateRecordRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.certificatesRecord, body, auth);
  }

  @Post('path-milestones')
  @Endpoint({
    tag: 'activity',
    summary: 'Record a learning-path milestone (publishes core.v1.path_milestone_reached)',
    access: { kind: 'authenticated', roles: ['teacher', 'admin'], scopes: ['events:write'] },
    body: PathMilestoneRecordRequest,
    response: Recorded,
    status: 201,
  })
  pathMilestone(@Input('body') body: z.infer<typeof PathMilestoneRecordRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(coreRpc.pathMilestonesRecord, body, auth);
  }
}
