import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { AssignmentEntity } from './assignment.entity';

export interface NewAssignment {
  title: string;
  description: string;
  dueAt: Date;
  maxScore: number;
  createdBy: string | null;
}

@Injectable()
export class AssignmentsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async insertForCourse(courseId: string, assignment: NewAssignment, db: EntityManager): Promise<AssignmentEntity> {
    const result = await db.insert(AssignmentEntity, { ...assignment, courseId });
    return db.findOneByOrFail(AssignmentEntity, { id: (result.identifiers[0] as { id: string }).id });
  }

  /** Authorization happens on the assignment's course, so callers load it first. */
  findById(assignmentId: string, db: EntityManager = this.dataSource.manager): Promise<AssignmentEntity | null> {
    return db.findOneBy(AssignmentEntity, { id: assignmentId });
  }

  findForCourseByTitle(courseId: string, title: string, db: EntityManager = this.dataSource.manager): Promise<AssignmentEntity | null> {
    return db.findOneBy(AssignmentEntity, { courseId, title });
  }

  listForCourse(courseId: string, db: EntityManager = this.dataSource.manager): Promise<AssignmentEntity[]> {
    return db.find(AssignmentEntity, { where: { courseId }, order: { dueAt: 'ASC', id: 'ASC' } });
  }
}
