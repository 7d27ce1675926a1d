import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';

/** Active parent–child links (a read model of the parent portal's link events), always asked for one parent. */
@Injectable()
export class GuardianLinksRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Applies a link event unless a newer one for the same link was applied already (redeliveries, reordering). */
  async apply(link: { linkId: string; parentId: string; studentId: string; active: boolean; changedAt: Date }, db: EntityManager): Promise<void> {
    await db.query(
      `INSERT INTO "attendance"."guardian_links" (link_id, parent_id, student_id, active, changed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (link_id) DO UPDATE SET active = EXCLUDED.active, changed_at = EXCLUDED.changed_at
        WHERE "guardian_links".changed_at <= EXCLUDED.changed_at`,
      [link.linkId, link.parentId, link.studentId, link.active, link.changedAt],
    );
  }

  async isLinked(parentId: string, studentId: string, db: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await db.query(`SELECT 1 FROM "attendance"."guardian_links" WHERE parent_id = $1 AND student_id = $2 AND active LIMIT 1`, [parentId, studentId]);
    return rows.length > 0;
  }

  async childIds(parentId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ student_id: string }[]>(
      `SELECT DISTINCT student_id FROM "attendance"."guardian_links" WHERE parent_id = $1 AND active`,
      [parentId],
    );
    return rows.map((row) => row.student_id);
  }
}
