import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The SQL that takes send slots, for a statement that already has a relation `wants (sender_id uuid, wanted int)`:
 * it answers `(user_id, granted)`, where `granted` (0…wanted) is how many of that sender's sends may be written.
 *
 * Each sender's `flood_log` row keeps the times of their sends inside the window. `ON CONFLICT DO UPDATE` locks
 * that row and evaluates the SET against its latest committed version (not the statement's snapshot), so two
 * transactions taking slots for one person at once, from any lane, instance or path, queue on the row and the
 * second sees what the first took: the limit is exact. In the SET, `f.` is the row as it was and `EXCLUDED.` the
 * proposed one (whose `granted` carries the wanted count). Rows are taken in user id order, so two statements
 * never lock the same people in opposite orders.
 *
 * `max` and `window` are SQL expressions (parameters) for the school's floodMaxMessages and floodWindowSeconds.
 */
export function takeSendSlotsSql(max: string, window: string): string {
  return `INSERT INTO "chat"."flood_log" AS f (user_id, sent_at, granted)
    SELECT sender_id, array_fill(now(), ARRAY[LEAST(wanted, ${max})]), LEAST(wanted, ${max}) FROM wants ORDER BY sender_id
    ON CONFLICT (user_id) DO UPDATE SET (sent_at, granted) = (
      SELECT live.log || array_fill(now(), ARRAY[slots.granted]), slots.granted
      FROM (SELECT COALESCE(array_agg(t ORDER BY t), '{}'::timestamptz[]) AS log FROM unnest(f.sent_at) t WHERE t > now() - make_interval(secs => ${window})) live
      CROSS JOIN LATERAL (SELECT GREATEST(0, LEAST(EXCLUDED.granted, ${max} - cardinality(live.log))) AS granted) slots)
    RETURNING user_id, granted`;
}

/** Flood control for the transactional send path; the group commit (SendBatcher) embeds the same SQL. */
@Injectable()
export class FloodLogRepository {
  /**
   * Takes one send slot for `userId` inside the caller's transaction: true if the send may go ahead. The row stays
   * locked until that transaction ends, and a rollback gives the slot back.
   */
  async take(db: EntityManager, userId: string, floodMax: number, floodSeconds: number): Promise<boolean> {
    const rows = await db.query<{ granted: number }[]>(
      `WITH wants AS (SELECT $1::uuid AS sender_id, 1 AS wanted) ${takeSendSlotsSql('$2::int', '$3::int')}`,
      [userId, floodMax, floodSeconds],
    );
    return (rows[0]?.granted ?? 0) > 0;
  }
}
