import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ChatPush } from '../realtime/chat-push';
import type { CourseRow } from '../roster/roster.repository';
import { ConversationsRepository } from './conversations.repository';

/**
 * Each course has one `course` conversation, made the first time chat hears of the course. Its members follow
 * core: course teachers join as admins, actively enrolled students as members, dropped students leave. The same
 * applies to announcement conversations tied to a course (`auto_membership`). Runs inside event handlers'
 * transactions; pushes are sent by the caller after commit through `afterCommit`.
 */
@Injectable()
export class CourseConversations {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly push: ChatPush,
  ) {}

  async ensure(course: CourseRow, db: EntityManager): Promise<string> {
    const { id } = await this.conversations.create(db, {
      id: randomUUID(),
      kind: 'course',
      title: course.title,
      courseId: course.id,
      directKey: null,
      autoMembership: true,
      createdBy: null,
    });
    return id;
  }

  async rename(course: CourseRow, db: EntityManager): Promise<void> {
    await this.conversations.renameCourseConversation(course.id, course.title, db);
  }

  async teacherJoined(course: CourseRow, teacherId: string, db: EntityManager): Promise<() => void> {
    const courseConversation = await this.ensure(course, db);
    const added = await this.conversations.addParticipants(db, courseConversation, [{ userId: teacherId, role: 'admin' }]);
    return () => added.forEach((userId) => this.push.toUser(userId, 'conversation_updated', { conversationId: courseConversation, reason: 'added' }));
  }

  async studentEnrolled(course: CourseRow, studentId: string, db: EntityManager): Promise<() => void> {
    await this.ensure(course, db);
    const joined: string[] = [];
    for (const conversationId of await this.conversations.autoConversationsOfCourse(course.id, db)) {
      const added = await this.conversations.addParticipants(db, conversationId, [{ userId: studentId, role: 'member' }]);
      if (added.length > 0) joined.push(conversationId);
    }
    return () => joined.forEach((conversationId) => this.push.toUser(studentId, 'conversation_updated', { conversationId, reason: 'added' }));
  }

  async studentDropped(courseId: string, studentId: string, db: EntityManager): Promise<() => void> {
    const left = await this.conversations.removeFromCourseConversations(db, courseId, studentId);
    return () => left.forEach((conversationId) => this.push.toUser(studentId, 'conversation_updated', { conversationId, reason: 'removed' }));
  }
}
