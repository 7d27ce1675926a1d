import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { schemaOf } from '../events/outbox.repository';
import { DATA_SOURCE } from '../nest/tokens';

export interface ParentLinkFact {
  linkId: string;
  parentId: string;
  studentId: string;
  /** Kept from the activation; a deactivation leaves it as it was. */
  relationship: string | null;
  active: boolean;
  /** When the parent portal made the change: an older event redelivered after a newer one changes nothing. */
  changedAt: Date;
}

/**
 * The active parent–child links a service keeps from the parent portal's `link_activated` / `link_deactivated`
 * events, in its own schema (table `parent_links`: link_id, parent_id, student_id, relationship, active,
 * changed_at, created by the service's migrations), filled by `ParentLinksHandlers`. Every read names the parent.
 */
@Injectable()
export class ParentLinksReadModel {
  private readonly table: string;

  constructor(@Inject(DATA_SOURCE) protected readonly dataSource: DataSource) {
    this.table = `"${schemaOf(dataSource)}"."parent_links"`;
  }

  /** Applies a link event unless a newer one for the same link was applied already (redeliveries, reordering). */
  async apply(link: ParentLinkFact, db: EntityManager): Promise<void> {
    await db.query(
      `INSERT INTO ${this.table} AS l (link_id, parent_id, student_id, relationship, active, changed_at)
       VALUES ($1, $2, $3, COALESCE($4, 'unknown'), $5, $6)
       ON CONFLICT (link_id) DO UPDATE SET active = EXCLUDED.active, changed_at = EXCLUDED.changed_at,
         relationship = COALESCE($4, l.relationship)
        WHERE l.changed_at <= EXCLUDED.changed_at`,
      [link.linkId, link.parentId, link.studentId, link.relationship, link.active, link.changedAt],
    );
  }

  async isLinked(parentId: string, studentId: string, db: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await db.query(`SELECT 1 FROM ${this.table} WHERE parent_id = $1 AND student_id = $2 AND active LIMIT 1`, [parentId, studentId]);
    return rows.length > 0;
  }

  async childIds(parentId: string, db: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await db.query<{ student_id: string }[]>(`SELECT DISTINCT student_id FROM ${this.table} WHERE parent_id = $1 AND active`, [parentId]);
    return rows.map((row) => row.student_id);
  }
}
