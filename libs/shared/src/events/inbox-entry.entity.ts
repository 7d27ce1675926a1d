import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One row per (consumer, event) handled: a redelivered event finds its row and has no second effect. */
@Entity({ name: 'inbox' })
export class InboxEntryEntity {
  @PrimaryColumn({ type: 'text' })
  consumer!: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt!: Date;
}
