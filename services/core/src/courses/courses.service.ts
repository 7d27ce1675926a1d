import { Inject, Injectable } from '@nestjs/common';
import {
  coreEvents,
  DATA_SOURCE,
  DomainError,
  enqueueEvent,
  inTransaction,
  type AuthContext,
  type coreRpc,
  type CourseStudent,
  type CourseSummary,
  type RpcParsedRequest,
} from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { hasScope, isAdmin } from '../common/access';
import { toEventCourse, toUserProfile } from '../common/event-parts';
import { UsersRepository } from '../users/users.repository';
import { CourseAccess, type CourseRelation } from './course-access.service';
import type { CourseEntity } from './course.entity';
import { CoursesRepository, type CourseScope, type NewCourse } from './courses.repository';

type UpdateCourse = RpcParsedRequest<typeof coreRpc.coursesUpdate>;

const courseDetails = (course: CourseEntity) => ({ ...toEventCourse(course), description: course.description, level: course.level });

@Injectable()
export class CoursesService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly courses: CoursesRepository,
    private readonly users: UsersRepository,
    private readonly access: CourseAccess,
  ) {}

  /** The caller's courses: all for admins and integrators, taught ones for teachers, enrolled ones for students. */
  async list(auth: AuthContext): Promise<CourseSummary[]> {
    if (isAdmin(auth) || hasScope(auth, 'courses:read')) return this.withRelation(await this.courses.summaries({ kind: 'all' }), null);
    if (auth.kind === 'user' && (auth.role === 'teacher' || auth.role === 'student')) {
      const scope: CourseScope =
        auth.role === 'teacher' ? { kind: 'teaching', teacherId: auth.userId } : { kind: 'enrolled', studentId: auth.userId };
      return this.withRelation(await this.courses.summaries(scope), auth.role === 'teacher' ? 'teaching' : 'enrolled');
    }
    if (auth.kind === 'user') return [];
    throw new DomainError('INSUFFICIENT_SCOPE', 'This API key lacks the scope courses:read', { missing: ['courses:read'] });
  }

  async get(auth: AuthContext, courseId: string): Promise<CourseSummary> {
    const { relation } = await this.access.assertCanRead(auth, courseId);
    return this.summary(courseId, relation);
  }

  async create(input: NewCourse): Promise<CourseSummary> {
    const course = await inTransaction(this.dataSource, (db) => this.createInTransaction(input, db));
    return this.summary(course.id, null);
  }

  async createInTransaction(input: NewCourse, db: EntityManager): Promise<CourseEntity> {
    const course = await this.courses.insert(input, db);
    await enqueueEvent(db, coreEvents.courseCreated, { course: courseDetails(course) });
    return course;
  }

  async update(input: UpdateCourse): Promise<CourseSummary> {
    const { courseId, ...patch } = input;
    await inTransaction(this.dataSource, async (db) => {
      const before = await this.access.requireCourse(courseId, db);
      const changed = (Object.keys(patch) as (keyof typeof patch)[]).filter((key) => patch[key] !== undefined && patch[key] !== before[key]);
      if (changed.length === 0) return;
      const course = await this.courses.update(courseId, Object.fromEntries(changed.map((key) => [key, patch[key]])), db);
      await enqueueEvent(db, coreEvents.courseUpdated, { course: courseDetails(course), changed });
    });
    return this.summary(courseId, null);
  }

  async assignTeacher(courseId: string, teacherId: string): Promise<CourseSummary> {
    await inTransaction(this.dataSource, (db) => this.assignTeacherInTransaction(courseId, teacherId, db));
    return this.summary(courseId, null);
  }

  async assignTeacherInTransaction(courseId: string, teacherId: string, db: EntityManager): Promise<void> {
    const course = await this.access.requireCourse(courseId, db);
    const teacher = await this.users.findById(teacherId, db);
    if (!teacher) throw DomainError.notFound('User');
    if (teacher.role !== 'teacher') throw DomainError.validation([{ path: 'teacherId', message: 'this account is not a teacher' }]);
    if (await this.courses.assignTeacher(courseId, teacherId, db)) {
      await enqueueEvent(db, coreEvents.courseTeacherAssigned, {
        course: toEventCourse(course),
        teacher: toUserProfile(teacher),
        assignedAt: new Date().toISOString(),
      });
    }
  }

  /** The roster: teachers of the course, admins, integrators with courses:read. */
  async listStudents(auth: AuthContext, courseId: string, includeDropped: boolean): Promise<CourseStudent[]> {
    await this.access.assertCanTeach(auth, courseId, 'courses:read');
    return this.courses.listStudents(courseId, includeDropped);
  }

  private async summary(courseId: string, relation: CourseRelation): Promise<CourseSummary> {
    const [row] = await this.courses.summaries({ kind: 'one', courseId });
    if (!row) throw DomainError.notFound('Course');
    return { ...row, relation };
  }

  private withRelation(rows: Omit<CourseSummary, 'relation'>[], relation: CourseRelation): CourseSummary[] {
    return rows.map((row) => ({ ...row, relation }));
  }
}
