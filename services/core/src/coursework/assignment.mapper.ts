import type { Assignment } from '@tec/shared';
import type { AssignmentEntity } from './assignment.entity';

export function toAssignment(assignment: AssignmentEntity): Assignment {
  return {
    id: assignment.id,
    courseId: assignment.courseId,
    title: assignment.title,
    description: assignment.description,
    dueAt: assignment.dueAt.toISOString(),
    maxScore: assignment.maxScore,
    createdAt: assignment.createdAt.toISOString(),
  };
}
