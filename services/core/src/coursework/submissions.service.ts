import { Inject, Injectable } from '@nestjs/common';
import { coreEvents, DATA_SOURCE, DomainError, enqueueEvent, inTransaction, type AuthContext, type Submission } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { hasScope, isAdmin } from '../common/access';
import { toEventAssignment, toEventCourse, toUserProfile } from '../common/event-parts';
import { CourseAccess } from '../courses/course-access.service';
import { EnrollmentsRepository } from '../courses/enrollments.repository';
import { UsersRepository } from '../users/users.repository';
import { AssignmentsRepository } from './assignments.repository';
import { SubmissionsRepository } from './submissions.repository';

export interface RecordSubmission {
  assignmentId: string;
  studentId?: string;
  content?: string;
  submittedAt?: string;
}

@Injectable()
export class SubmissionsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly assignments: AssignmentsRepository,
    private readonly submissions: SubmissionsRepository,
    private readonly enrollments: EnrollmentsRepository,
    private readonly users: UsersRepository,
    private readonly access: CourseAccess,
  ) {}

  /** Students hand in their own work; admins and integrators (grades:write) record it for a student. */
  async record(auth: AuthContext, input: RecordSubmission): Promise<Submission> {
    const trusted = isAdmin(auth) || hasScope(auth, 'grades:write');
    let studentId: string;
    if (auth.kind === 'user' && auth.role === 'student') {
      if (input.studentId && input.studentId !== auth.userId) throw DomainError.forbidden('You can only hand in your own work');
      if (input.submittedAt) throw DomainError.validation([{ path: 'submittedAt', message: 'only integrators may set the time' }]);
      studentId = auth.userId;
    } else if (trusted) {
      if (!input.studentId) throw DomainError.validation([{ path: 'studentId', message: 'required' }]);
      studentId = input.studentId;
    } else if (auth.kind === 'api_key') {
      throw new DomainError('INSUFFICIENT_SCOPE', 'This API key lacks the scope grades:write', { missing: ['grades:write'] });
    } else {
      throw DomainError.forbidden('Only the student can hand in their work');
    }
    return inTransaction(this.dataSource, (db) =>
      this.recordInTransaction(studentId, input.assignmentId, input.content ?? null, input.submittedAt ? new Date(input.submittedAt) : new Date(), db),
    );
  }

  async recordInTransaction(studentId: string, assignmentId: string, content: string | null, submittedAt: Date, db: EntityManager): Promise<Submission> {
    const assignment = await this.assignments.findById(assignmentId, db);
    if (!assignment) throw DomainError.notFound('Assignment');
    const enrollment = await this.enrollments.findForStudent(assignment.courseId, studentId, db);
    if (enrollment?.status !== 'active') throw new DomainError('NOT_ENROLLED', 'The student is not enrolled in this course');
    const course = await this.access.requireCourse(assignment.courseId, db);
    const student = await this.users.findById(studentId, db);
    if (!student) throw DomainError.notFound('User');
    const submission = await this.submissions.upsertForStudent(studentId, { assignmentId, content, submittedAt }, db);
    const late = submission.submittedAt.getTime() > assignment.dueAt.getTime();
    await enqueueEvent(db, coreEvents.submissionRecorded, {
      submissionId: submission.id,
      assignment: toEventAssignment(assignment),
      course: toEventCourse(course),
      student: toUserProfile(student),
      submittedAt: submission.submittedAt.toISOString(),
      late,
    });
    return { id: submission.id, assignmentId, studentId, submittedAt: submission.submittedAt.toISOString(), late };
  }
}
