import { Inject, Injectable } from '@nestjs/common';
import { coreEvents, DATA_SOURCE, DomainError, enqueueEvent, inTransaction, type AuthContext, type coreRpc, type RpcParsedRequest } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { isAdmin, requireAdminOrScopes } from '../common/access';
import { percentage, toEventCourse, toUserProfile } from '../common/event-parts';
import { CourseAccess } from '../courses/course-access.service';
import { CoursesRepository } from '../courses/courses.repository';
import { EnrollmentsRepository } from '../courses/enrollments.repository';
import type { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { ActivityRepository } from './activity.repository';

type Recorded = { id: string; recordedAt: string };
type QuizInput = RpcParsedRequest<typeof coreRpc.quizResultsRecord>;
type ForumInput = RpcParsedRequest<typeof coreRpc.forumRepliesRecord>;
type CertificateInput = RpcParsedRequest<typeof coreRpc.certificatesRecord>;
type MilestoneInput = RpcParsedRequest<typeof coreRpc.pathMilestonesRecord>;

/** Records LMS activity and publishes the matching event in the same transaction. */
@Injectable()
export class ActivityService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly activity: ActivityRepository,
    private readonly users: UsersRepository,
    private readonly courses: CoursesRepository,
    private readonly enrollments: EnrollmentsRepository,
    private readonly access: CourseAccess,
  ) {}

  async recordQuizResult(auth: AuthContext, input: QuizInput): Promise<Recorded> {
    return inTransaction(this.dataSource, async (db) => {
      const course = await this.access.assertCanTeach(auth, input.courseId, 'grades:write', db);
      const student = await this.enrolledStudent(input.courseId, input.studentId, db);
      const result = await this.activity.upsertQuizResultForStudent(student.id, input, db);
      await enqueueEvent(db, coreEvents.quizGraded, {
        quizResultId: result.id,
        quizId: result.quizId,
        quizName: result.quizName,
        course: toEventCourse(course),
        student: toUserProfile(student),
        score: result.score,
        totalPoints: result.totalPoints,
        percentage: percentage(result.score, result.totalPoints),
        gradedAt: result.gradedAt.toISOString(),
      });
      return { id: result.id, recordedAt: result.gradedAt.toISOString() };
    });
  }

  /** Users reply as themselves and must belong to the course; integrators name the replier. */
  async recordForumReply(auth: AuthContext, input: ForumInput): Promise<Recorded> {
    let replierId: string;
    if (auth.kind === 'user' && !isAdmin(auth)) {
      if (input.replierId && input.replierId !== auth.userId) throw DomainError.forbidden('You can only post as yourself');
      await this.access.assertCanRead(auth, input.courseId);
      replierId = auth.userId;
    } else {
      requireAdminOrScopes(auth, 'events:write');
      replierId = input.replierId ?? (auth.kind === 'user' ? auth.userId : '');
      if (!replierId) throw DomainError.validation([{ path: 'replierId', message: 'required' }]);
    }
    return inTransaction(this.dataSource, async (db) => {
      const course = await this.access.requireCourse(input.courseId, db);
      const [author, replier] = await Promise.all([this.users.findById(input.threadAuthorId, db), this.users.findById(replierId, db)]);
      if (!author || !replier) throw DomainError.notFound('User');
      const reply = await this.activity.insertForumReplyInCourse(course.id, { ...input, replierId }, db);
      await enqueueEvent(db, coreEvents.forumReplyPosted, {
        replyId: reply.id,
        course: toEventCourse(course),
        threadId: reply.threadId,
        threadTitle: reply.threadTitle,
        threadAuthor: toUserProfile(author),
        replier: { id: replier.id, firstName: replier.firstName, lastName: replier.lastName, role: replier.role },
        replyText: reply.replyText,
        postedAt: reply.postedAt.toISOString(),
      });
      return { id: reply.id, recordedAt: reply.postedAt.toISOString() };
    });
  }

  /** Once per (course, student): recording again returns the first certificate and publishes nothing. */
  async recordCertificate(auth: AuthContext, input: CertificateInput): Promise<Recorded> {
    return inTransaction(this.dataSource, async (db) => {
      const course = await this.access.assertCanTeach(auth, input.courseId, 'events:write', db);
      const student = await this.users.findById(input.studentId, db);
      if (student?.role !== 'student') throw DomainError.notFound('Student');
      const { certificate, created } = await this.activity.insertCertificateForStudent(
        student.id,
        { courseId: course.id, certificateUrl: input.certificateUrl ?? null },
        db,
      );
      if (created) {
        await enqueueEvent(db, coreEvents.certificateIssued, {
          certificateId: certificate.id,
          course: toEventCourse(course),
          student: toUserProfile(student),
          certificateUrl: certificate.certificateUrl,
          issuedAt: certificate.issuedAt.toISOString(),
        });
      }
      return { id: certificate.id, recordedAt: certificate.issuedAt.toISOString() };
    });
  }

  async recordPathMilestone(auth: AuthContext, input: MilestoneInput): Promise<Recorded> {
    requireAdminOrScopes(auth, 'events:write');
    return inTransaction(this.dataSource, async (db) => {
      const student = await this.users.findById(input.studentId, db);
      if (student?.role !== 'student') throw DomainError.notFound('Student');
      const { milestone, created } = await this.activity.insertMilestoneForStudent(
        student.id,
        { pathId: input.pathId, pathName: input.pathName, completedCourses: input.completedCourses, totalCourses: input.totalCourses ?? null },
        db,
      );
      if (created) {
        await enqueueEvent(db, coreEvents.pathMilestoneReached, {
          milestoneId: milestone.id,
          student: toUserProfile(student),
          pathId: milestone.pathId,
          pathName: milestone.pathName,
          completedCourses: milestone.completedCourses,
          totalCourses: milestone.totalCourses,
          reachedAt: milestone.reachedAt.toISOString(),
        });
      }
      return { id: milestone.id, recordedAt: milestone.reachedAt.toISOString() };
    });
  }

  private async enrolledStudent(courseId: string, studentId: string, db: EntityManager): Promise<UserEntity> {
    const enrollment = await this.enrollments.findForStudent(courseId, studentId, db);
    if (enrollment?.status !== 'active') throw new DomainError('NOT_ENROLLED', 'The student is not enrolled in this course');
    const student = await this.users.findById(studentId, db);
    if (!student) throw DomainError.notFound('User');
    return student;
  }
}
