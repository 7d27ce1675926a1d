import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Marker row: its primary key is what makes `core.v1.assignment_missing` once-only per (assignment, student). */
@Entity({ name: 'missing_assignment_notices' })
export class MissingAssignmentNoticeEntity {
  @PrimaryColumn({ name: 'assignment_id', type: 'uuid' })
  assignmentId!: string;

  @PrimaryColumn({ name: 'student_id', type: 'uuid' })
  studentId!: string;

  @CreateDateColumn({ name: 'detected_at', type: 'timestamptz' })
  detectedAt!: Date;
}
