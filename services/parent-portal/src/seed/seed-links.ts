import { randomUUID } from 'node:crypto';
import { inTransaction } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { LinkActivation } from '../links/link-activation';
import { LinksRepository } from '../links/links.repository';
import { ReadModelRepository } from '../read-model/read-model.repository';

export const DEMO_LINKS = [{ parentEmail: 'parent@tec.example', studentEmail: 'student@tec.example', relationship: 'parent' as const }];

/**
 * The demo school's links, made the way an admin makes one (approved at once, audited, `link_activated` in the
 * outbox for chat and attendance). Idempotent: an existing open link is left alone.
 */
export async function seedLinks(dataSource: DataSource): Promise<{ created: number }> {
  const readModel = new ReadModelRepository(dataSource);
  const links = new LinksRepository(dataSource);
  const activation = new LinkActivation(links, readModel);
  let created = 0;
  for (const demo of DEMO_LINKS) {
    const parent = await readModel.findUserByEmail(demo.parentEmail);
    const student = await readModel.findUserByEmail(demo.studentEmail);
    if (!parent || !student) throw new Error(`${demo.parentEmail} or ${demo.studentEmail} is not in the parent portal read model yet`);
    await inTransaction(dataSource, async (db) => {
      const id = randomUUID();
      const inserted = await links.insert({ id, parentId: parent.id, studentId: student.id, relationship: demo.relationship, origin: 'admin', approved: true, decidedBy: null, note: 'demo school seed' }, db);
      if (!inserted) return;
      await links.audit({ linkId: id, studentId: student.id, action: 'created_by_admin', actorId: null, actorRole: 'system', note: 'demo school seed' }, db);
      if (await readModel.isAdult(student.id, db)) await links.setConsent(id, 'given', db);
      await activation.apply([(await links.lock(id, db))!], 'revoked_by_admin', { id: null, role: 'system' }, db);
      created += 1;
    });
  }
  return { created };
}
