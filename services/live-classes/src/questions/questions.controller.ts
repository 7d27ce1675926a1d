import { Controller } from '@nestjs/common';
import { liveClassesRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { QuestionsService } from './questions.service';

type Rpc = typeof liveClassesRpc;

@Controller()
export class QuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  @RpcRoute(liveClassesRpc.questionsList)
  list(payload: RpcParsedRequest<Rpc['questionsList']>, auth: AuthContext) {
    return this.questions.list(auth, payload.classId);
  }

  @RpcRoute(liveClassesRpc.questionsAsk)
  ask(payload: RpcParsedRequest<Rpc['questionsAsk']>, auth: AuthContext) {
    return this.questions.ask(auth, payload);
  }

  @RpcRoute(liveClassesRpc.questionsUpvote)
  upvote(payload: RpcParsedRequest<Rpc['questionsUpvote']>, auth: AuthContext) {
    return this.questions.upvote(auth, payload.questionId);
  }

  @RpcRoute(liveClassesRpc.questionsUnvote)
  unvote(payload: RpcParsedRequest<Rpc['questionsUnvote']>, auth: AuthContext) {
    return this.questions.unvote(auth, payload.questionId);
  }

  @RpcRoute(liveClassesRpc.questionsAnswer)
  answer(payload: RpcParsedRequest<Rpc['questionsAnswer']>, auth: AuthContext) {
    return this.questions.answer(auth, payload);
  }
}
