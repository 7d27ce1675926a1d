import { Controller, Delete, Get, Post } from '@nestjs/common';
import { z } from 'zod';
import { liveClassesRpc, LiveQuestion, QuestionAnswerRequest, QuestionAskRequest, RpcClient, type AuthContext } from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const ClassParams = z.object({ classId: z.uuid() });
const QuestionParams = z.object({ questionId: z.uuid() });
const AskBody = QuestionAskRequest.omit({ classId: true });
const AnswerBody = QuestionAnswerRequest.omit({ questionId: true });
const MEMBERS = { kind: 'authenticated', roles: ['teacher', 'admin', 'student'] } as const;

/** Live Q&A of a class. Every change is also pushed to the socket room class:<id> as `live_question`. */
@Controller('live-classes')
export class LiveClassQuestionsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':classId/questions')
  @Endpoint({ tag: 'live-classes', summary: 'Questions of a class, most votes first (then oldest), with `votedByMe`', access: MEMBERS, params: ClassParams, response: z.object({ items: z.array(LiveQuestion) }) })
  list(@Input('params') params: z.infer<typeof ClassParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(liveClassesRpc.questionsList, params, auth);
  }

  @Post(':classId/questions')
  @Endpoint({
    tag: 'live-classes',
    summary: 'Ask a question (enrolled students, until the class is over)',
    access: { kind: 'authenticated', roles: ['student'] },
    params: ClassParams,
    body: AskBody,
    response: LiveQuestion,
    status: 201,
  })
  ask(@Input('params') params: z.infer<typeof ClassParams>, @Input('body') body: z.infer<typeof AskBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(liveClassesRpc.questionsAsk, { ...body, classId: params.classId }, auth);
  }

  @Post('questions/:questionId/upvote')
  @Endpoint({ tag: 'live-classes', summary: 'Upvote a question: once per student (repeats change nothing), never one’s own', access: { kind: 'authenticated', roles: ['student'] }, params: QuestionParams, response: LiveQuestion })
  upvote(@Input('params') params: z.infer<typeof QuestionParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(liveClassesRpc.questionsUpvote, params, auth);
  }

  @Delete('questions/:questionId/upvote')
  @Endpoint({ tag: 'live-classes', summary: 'Withdraw one’s upvote', access: { kind: 'authenticated', roles: ['student'] }, params: QuestionParams, response: LiveQuestion })
  unvote(@Input('params') params: z.infer<typeof QuestionParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(liveClassesRpc.questionsUnvote, params, auth);
  }

  @Post('questions/:questionId/answer')
  @Endpoint({
    tag: 'live-classes',
    summary: 'Answer (optional `answerText`) and mark answered, or re-open with `answered: false` (teachers of the course, admins)',
    access: { kind: 'authenticated', roles: ['teacher', 'admin'] },
    params: QuestionParams,
    body: AnswerBody,
    response: LiveQuestion,
  })
  answer(@Input('params') params: z.infer<typeof QuestionParams>, @Input('body') body: z.infer<typeof AnswerBody>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(liveClassesRpc.questionsAnswer, { ...body, questionId: params.questionId }, auth);
  }
}
