import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type EnrollmentStatus = 'active' | 'dropped';

/** One row per (course, student) for ever: dropping flips the status, re-enrolling flips it back. */
@Entity({ name: 'enrollments' })
@Unique(['courseId', 'studentId'])
export class EnrollmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @Column({ name: 'student_id', type: 'uuid' })
  studentId!: string;

  @Column({ type: 'text' })
  status!: EnrollmentStatus;

  @Column({ name: 'enrolled_at', type: 'timestamptz' })
  enrolledAt!: Date;

  @Column({ name: 'dropped_at', type: 'timestamptz', nullable: true })
  droppedAt!: Date | null;
}
