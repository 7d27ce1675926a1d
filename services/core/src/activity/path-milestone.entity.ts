import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity({ name: 'path_milestones' })
@Unique(['studentId', 'pathId', 'completedCourses'])
export class PathMilestoneEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'student_id', type: 'uuid' })
  studentId!: string;

  @Column({ name: 'path_id', type: 'text' })
  pathId!: string;

  @Column({ name: 'path_name', type: 'text' })
  pathName!: string;

  @Column({ name: 'completed_courses', type: 'int' })
  completedCourses!: number;

  @Column({ name: 'total_courses', type: 'int', nullable: true })
  totalCourses!: number | null;

  @Column({ name: 'reached_at', type: 'timestamptz' })
  reachedAt!: Date;
}
