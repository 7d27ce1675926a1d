import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'roster_import_errors' })
export class RosterImportErrorEntity {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' })
  importId!: string;

  /** CSV line number; the header is line 1. */
  @PrimaryColumn({ type: 'int' })
  row!: number;

  @Column({ type: 'text' })
  message!: string;
}
