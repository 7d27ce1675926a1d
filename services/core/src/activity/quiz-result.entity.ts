import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { numericTransformer } from '../common/numeric.transformer';

@Entity({ name: 'quiz_results' })
@Unique(['courseId', 'quizId', 'studentId'])
export class QuizResultEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @Column({ name: 'student_id', type: 'uuid' })
  studentId!: string;

  @Column({ name: 'quiz_id', type: 'text' })
  quizId!: string;

  @Column({ name: 'quiz_name', type: 'text' })
  quizName!: string;

  @Column({ type: 'numeric', precision: 9, scale: 2, transformer: numericTransformer })
  score!: number;

  @Column({ name: 'total_points', type: 'numeric', precision: 9, scale: 2, transformer: numericTransformer })
  totalPoints!: number;

  @Column({ name: 'graded_at', type: 'timestamptz' })
  gradedAt!: Date;
}
