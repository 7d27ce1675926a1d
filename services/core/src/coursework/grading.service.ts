import { Inject, Injectable } from '@nestjs/common';
import { coreEvents, DATA_SOURCE, DomainError, enqueueEvent, inTransaction, type AuthContext, type Grade } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { actorUserId, hasScope, isAdmin } from '../common/access';
import { percentage, toEventAssignment, toEventCourse, toUserProfile } from '../common/event-parts';
import { CourseAccess } from '../courses/course-access.service';
import { EnrollmentsRepository } from '../courses/enrollments.repository';
import { UsersRepository } from '../users/users.repository';
import { AssignmentsRepository } from './assignments.repository';
import { GradesRepository } from './grades.repository';

export interface RecordGrade {
  assignmentId: string;
  studentId: string;
  score: number;
  feedback?: string;
}

@Injectable()
export class GradingService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly assignments: AssignmentsRepository,
    private readonly grades: GradesRepository,
    private readonly enrollments: EnrollmentsRepository,
    private readonly users: UsersRepository,
    private readonly access: CourseAccess,
  ) {}

  /** Teachers grade only in courses they teach; the student must be actively enrolled. */
  async record(auth: AuthContext, input: RecordGrade): Promise<Grade> {
    await inTransaction(this.dataSource, async (db) => {
      const assignment = await this.assignments.findById(input.assignmentId, db);
      if (!assignment) throw DomainError.notFound('Assignment');
      await this.access.assertCanTeach(auth, assignment.courseId, 'grades:write', db);
      await this.recordInTransaction({ ...input, gradedBy: actorUserId(auth) }, db);
    });
    const grade = await this.grades.findForStudent(input.studentId, input.assignmentId);
    if (!grade) throw DomainError.notFound('Grade');
    return grade;
  }

  async recordInTransaction(input: RecordGrade & { gradedBy: string | null; gradedAt?: Date }, db: EntityManager): Promise<void> {
    const assignment = await this.assignments.findById(input.assignmentId, db);
    if (!assignment) throw DomainError.notFound('Assignment');
    if (input.score > assignment.maxScore) {
      throw DomainError.validation([{ path: 'score', message: `must be at most ${assignment.maxScore}` }]);
    }
    const enrollment = await this.enrollments.findForStudent(assignment.courseId, input.studentId, db);
    if (enrollment?.status !== 'active') throw new DomainError('NOT_ENROLLED', 'The student is not enrolled in this course');
    const course = await this.access.requireCourse(assignment.courseId, db);
    const student = await this.users.findById(input.studentId, db);
    if (!student) throw DomainError.notFound('User');
    const { grade, regraded } = await this.grades.upsertForStudent(
      input.studentId,
      { assignmentId: assignment.id, score: input.score, feedback: input.feedback ?? null, gradedBy: input.gradedBy, gradedAt: input.gradedAt },
      db,
    );
    await enqueueEvent(db, coreEvents.gradeRecorded, {
      gradeId: grade.id,
      assignment: toEventAssignment(assignment),
      course: toEventCourse(course),
      student: toUserProfile(student),
      score: grade.score,
      maxScore: assignment.maxScore,
      percentage: percentage(grade.score, assignment.maxScore),
      feedback: grade.feedback,
      gradedAt: grade.gradedAt.toISOString(),
      regraded,
    });
  }

  /** Students see their own; teachers their courses'; admins and integrators (courses:read) any. */
  async list(auth: AuthContext, filter: { courseId?: string; studentId?: string }): Promise<Grade[]> {
    if (isAdmin(auth) || hasScope(auth, 'courses:read')) {
      if (filter.courseId) return this.grades.listForCourse(filter.courseId, { studentId: filter.studentId });
      if (filter.studentId) return this.grades.listForStudent(filter.studentId);
      throw DomainError.validation([{ path: 'courseId', message: 'courseId or studentId is required' }]);
    }
    if (auth.kind === 'user' && auth.role === 'student') {
      if (filter.studentId && filter.studentId !== auth.userId) throw DomainError.forbidden('You can only see your own grades');
      return this.grades.listForStudent(auth.userId, { courseId: filter.courseId });
    }
    if (auth.kind === 'user' && auth.role === 'teacher') {
      if (filter.courseId) {
        await this.access.assertCanTeach(auth, filter.courseId, 'courses:read');
        return this.grades.listForCourse(filter.courseId, { studentId: filter.studentId });
      }
      return this.grades.listForTeacher(auth.userId, { studentId: filter.studentId });
    }
    if (auth.kind === 'api_key') throw new DomainError('INSUFFICIENT_SCOPE', 'This API key lacks the scope courses:read', { missing: ['courses:read'] });
    throw DomainError.forbidden('You cannot see these grades');
  }
}
