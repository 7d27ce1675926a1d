import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { numericTransformer } from '../common/numeric.transformer';

@Entity({ name: 'grades' })
@Unique(['assignmentId', 'studentId'])
export class GradeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId!: string;

  @Column({ name: 'student_id', type: 'uuid' })
  studentId!: string;

  @Column({ type: 'numeric', precision: 9, scale: 2, transformer: numericTransformer })
  score!: number;

  @Column({ type: 'text', nullable: true })
  feedback!: string | null;

  @Column({ name: 'graded_by', type: 'uuid', nullable: true })
  gradedBy!: string | null;

  @Column({ name: 'graded_at', type: 'timestamptz' })
  gradedAt!: Date;
}
