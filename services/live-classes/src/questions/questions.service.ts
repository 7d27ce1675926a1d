import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, DomainError, inTransaction, type AuthContext, type LiveQuestion, type RpcParsedRequest, type liveClassesRpc } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { ClassesService } from '../classes/classes.service';
import { ClassPush } from '../realtime/class-push';
import { QuestionsRepository } from './questions.repository';

type Rpc = typeof liveClassesRpc;

/**
 * Live Q&A. Enrolled students ask and upvote (once each, not their own question) while the class is scheduled or
 * in progress; teachers of the course answer or mark answered. Every change is pushed to `class:<id>`.
 */
@Injectable()
export class QuestionsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly classes: ClassesService,
    private readonly questions: QuestionsRepository,
    private readonly push: ClassPush,
  ) {}

  async list(auth: AuthContext, classId: string): Promise<{ items: LiveQuestion[] }> {
    const { userId } = await this.classes.visible(auth, classId);
    return { items: await this.questions.listForClass(classId, userId) };
  }

  async ask(auth: AuthContext, request: RpcParsedRequest<Rpc['questionsAsk']>): Promise<LiveQuestion> {
    const { row, role, userId } = await this.classes.visible(auth, request.classId);
    if (role !== 'student') throw DomainError.forbidden('Students ask questions; teachers answer them');
    if (row.status === 'cancelled' || row.status === 'completed') throw new DomainError('CONFLICT', 'Questions are closed for this class');
    const id = randomUUID();
    const question = await inTransaction(this.dataSource, async (db) => {
      await this.questions.insert(id, row.id, userId, request.text, db);
      return (await this.questions.get(id, userId, db))!;
    });
    this.push.question(row.id, 'asked', question);
    return question;
  }

  async upvote(auth: AuthContext, questionId: string): Promise<LiveQuestion> {
    return this.vote(auth, questionId, true);
  }

  async unvote(auth: AuthContext, questionId: string): Promise<LiveQuestion> {
    return this.vote(auth, questionId, false);
  }

  private async vote(auth: AuthContext, questionId: string, add: boolean): Promise<LiveQuestion> {
    const classId = await this.questions.classOf(questionId);
    if (!classId) throw DomainError.notFound('Question');
    const { row, role, userId } = await this.classes.visible(auth, classId);
    if (role !== 'student') throw DomainError.forbidden('Only students of the course vote');
    if (row.status === 'cancelled' || row.status === 'completed') throw new DomainError('CONFLICT', 'Voting is closed for this class');
    const { question, changed } = await inTransaction(this.dataSource, async (db) => {
      const current = (await this.questions.get(questionId, userId, db))!;
      if (current.asker.id === userId) throw new DomainError('CONFLICT', 'You cannot upvote your own question');
      const changed = add ? await this.questions.addVote(questionId, userId, db) : await this.questions.removeVote(questionId, userId, db);
      return { question: (await this.questions.get(questionId, userId, db))!, changed };
    });
    if (changed) this.push.question(classId, 'voted', question);
    return question;
  }

  async answer(auth: AuthContext, request: RpcParsedRequest<Rpc['questionsAnswer']>): Promise<LiveQuestion> {
    const classId = await this.questions.classOf(request.questionId);
    if (!classId) throw DomainError.notFound('Question');
    const row = await this.classes.teachable(auth, classId);
    const actor = auth.kind === 'user' ? auth.userId : '';
    const question = await inTransaction(this.dataSource, async (db) => {
      await this.questions.answer(request.questionId, actor, request.answered, request.answerText, db);
      return (await this.questions.get(request.questionId, actor, db))!;
    });
    this.push.question(row.id, 'answered', question);
    return question;
  }
}
