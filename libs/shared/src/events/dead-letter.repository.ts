import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../errors/domain-error';
import { DeadLetterEntity } from './dead-letter.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NewDeadLetter {
  consumer: string;
  eventId: string | null;
  subject: string;
  envelope: unknown;
  reason: string;
  deliveries: number;
}

export interface DeadLetterPage {
  items: DeadLetterEntity[];
  /** Pass as `before` to get the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export async function recordDeadLetter(manager: EntityManager, letter: NewDeadLetter): Promise<void> {
  await manager.insert(DeadLetterEntity, {
    ...letter,
    envelope: (letter.envelope ?? undefined) as object | undefined,
    reason: letter.reason.slice(0, 4000),
  });
}

/**
 * Dead letters of this service, newest first, for admins. Keyset pagination on (created_at, id), so a page
 * is stable while new letters arrive. The cursor is the last letter's id; the comparison reads its timestamp
 * in SQL, so Postgres' microseconds are never rounded through a JS Date.
 */
export async function listDeadLetters(
  dataSource: DataSource,
  options: { limit: number; before?: string },
): Promise<DeadLetterPage> {
  const limit = Math.max(1, Math.min(200, Math.floor(options.limit)));
  const query = dataSource
    .getRepository(DeadLetterEntity)
    .createQueryBuilder('letter')
    .orderBy('letter.createdAt', 'DESC')
    .addOrderBy('letter.id', 'DESC')
    .limit(limit + 1);
  if (options.before) {
    if (!UUID.test(options.before)) throw new DomainError('BAD_REQUEST', 'The cursor is not valid');
    const table = dataSource.getMetadata(DeadLetterEntity).tablePath;
    query.where(
      `(letter.created_at, letter.id) < (SELECT anchor.created_at, anchor.id FROM ${table} anchor WHERE anchor.id = :before)`,
      { before: options.before },
    );
  }
  const rows = await query.getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? last.id : null };
}
