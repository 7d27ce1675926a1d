import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'course_teachers' })
export class CourseTeacherEntity {
  @PrimaryColumn({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @PrimaryColumn({ name: 'teacher_id', type: 'uuid' })
  teacherId!: string;

  @CreateDateColumn({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt!: Date;
}
