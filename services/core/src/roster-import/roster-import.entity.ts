import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type RosterImportState = 'running' | 'completed' | 'failed';

/** A background CSV import. `nextRow` advances in the same transaction as each row, so a restart resumes. */
@Entity({ name: 'roster_imports' })
export class RosterImportEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  status!: RosterImportState;

  /** Cleared when the import finishes. */
  @Column({ type: 'text', nullable: true })
  csv!: string | null;

  @Column({ type: 'int' })
  total!: number;

  @Column({ type: 'int', default: 0 })
  done!: number;

  @Column({ type: 'int', default: 0 })
  failed!: number;

  @Column({ name: 'next_row', type: 'int', default: 0 })
  nextRow!: number;

  @Column({ name: 'started_by_kind', type: 'text' })
  startedByKind!: 'user' | 'api_key';

  @Column({ name: 'started_by_id', type: 'uuid' })
  startedById!: string;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'text', nullable: true })
  failure!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
