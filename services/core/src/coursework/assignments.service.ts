import { Inject, Injectable } from '@nestjs/common';
import { coreEvents, DATA_SOURCE, enqueueEvent, inTransaction, type Assignment, type AuthContext } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { actorUserId } from '../common/access';
import { toEventAssignment, toEventCourse } from '../common/event-parts';
import { CourseAccess } from '../courses/course-access.service';
import type { CourseEntity } from '../courses/course.entity';
import type { AssignmentEntity } from './assignment.entity';
import { toAssignment } from './assignment.mapper';
import { AssignmentsRepository, type NewAssignment } from './assignments.repository';

@Injectable()
export class AssignmentsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly assignments: AssignmentsRepository,
    private readonly access: CourseAccess,
  ) {}

  async create(
    auth: AuthContext,
    input: { courseId: string; title: string; description: string; dueAt: string; maxScore: number },
  ): Promise<Assignment> {
    const assignment = await inTransaction(this.dataSource, async (db) => {
      const course = await this.access.assertCanTeach(auth, input.courseId, 'courses:write', db);
      return this.createInTransaction(
        course,
        { title: input.title, description: input.description, dueAt: new Date(input.dueAt), maxScore: input.maxScore, createdBy: actorUserId(auth) },
        db,
      );
    });
    return toAssignment(assignment);
  }

  async createInTransaction(course: CourseEntity, input: NewAssignment, db: EntityManager): Promise<AssignmentEntity> {
    const assignment = await this.assignments.insertForCourse(course.id, input, db);
    await enqueueEvent(db, coreEvents.assignmentCreated, {
      assignment: toEventAssignment(assignment),
      course: toEventCourse(course),
      createdAt: assignment.createdAt.toISOString(),
    });
    return assignment;
  }

  async list(auth: AuthContext, courseId: string): Promise<Assignment[]> {
    await this.access.assertCanRead(auth, courseId);
    return (await this.assignments.listForCourse(courseId)).map(toAssignment);
  }
}
