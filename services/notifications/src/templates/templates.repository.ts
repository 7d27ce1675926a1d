import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, DomainError, type EmailTemplateView, type NotificationCategory, iso, queryRows } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_TEMPLATES } from './default-templates.data';
import type { TemplateSource } from './template-renderer';

interface TemplateRow {
  name: string;
  category: NotificationCategory;
  description: string;
  subject: string;
  html: string;
  text: string;
  variables: EmailTemplateView['variables'];
  sample_data: Record<string, unknown>;
  active: boolean;
  version: number;
  updated_at: Date;
  updated_by: string | null;
}

export type StoredTemplate = EmailTemplateView;

const toView = (row: TemplateRow): StoredTemplate => ({
  name: row.name,
  category: row.category,
  description: row.description,
  subject: row.subject,
  html: row.html,
  text: row.text,
  variables: row.variables,
  sampleData: row.sample_data,
  active: row.active,
  version: row.version,
  updatedAt: iso(row.updated_at),
  updatedBy: row.updated_by,
});

/** Templates live here, versioned: every save adds a `template_versions` row; deliveries name the version they used. */
@Injectable()
export class TemplatesRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Inserts the defaults that are missing (version 1); never touches a template an admin edited. */
  async ensureDefaults(): Promise<void> {
    for (const template of DEFAULT_TEMPLATES) {
      await this.dataSource.transaction(async (manager) => {
        const inserted = await manager.query<{ name: string }[]>(
          `INSERT INTO "notifications"."templates" (name, category, description, subject, html, text, variables, sample_data)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (name) DO NOTHING RETURNING name`,
          [template.name, template.category, template.description, template.subject, template.html, template.text, JSON.stringify(template.variables), JSON.stringify(template.sampleData)],
        );
        if (inserted.length === 0) return;
        await manager.query(
          `INSERT INTO "notifications"."template_versions" (name, version, subject, html, text, variables) VALUES ($1, 1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING`,
          [template.name, template.subject, template.html, template.text, JSON.stringify(template.variables)],
        );
      });
    }
  }

  async list(): Promise<StoredTemplate[]> {
    const rows = await this.dataSource.query<TemplateRow[]>(`SELECT * FROM "notifications"."templates" ORDER BY name`);
    return rows.map(toView);
  }

  async get(name: string, manager: EntityManager = this.dataSource.manager): Promise<StoredTemplate | null> {
    const rows = await manager.query<TemplateRow[]>(`SELECT * FROM "notifications"."templates" WHERE name = $1`, [name]);
    return rows[0] ? toView(rows[0]) : null;
  }

  async versions(name: string) {
    const rows = await this.dataSource.query<{ version: number; subject: string; html: string; text: string; created_at: Date; created_by: string | null }[]>(
      `SELECT version, subject, html, text, created_at, created_by FROM "notifications"."template_versions" WHERE name = $1 ORDER BY version DESC LIMIT 50`,
      [name],
    );
    return rows.map((row) => ({ version: row.version, subject: row.subject, html: row.html, text: row.text, createdAt: iso(row.created_at), createdBy: row.created_by }));
  }

  /** The exact content a delivery was queued with. */
  async source(name: string, version: number): Promise<TemplateSource | null> {
    const rows = await this.dataSource.query<{ subject: string; html: string; text: string; variables: TemplateSource['variables'] }[]>(
      `SELECT subject, html, text, variables FROM "notifications"."template_versions" WHERE name = $1 AND version = $2`,
      [name, version],
    );
    return rows[0] ?? null;
  }

  /** Saves a new version. `expectedVersion` guards against overwriting a colleague's save. */
  async saveVersion(
    actorId: string,
    input: { name: string; subject: string; html: string; text: string; variables?: StoredTemplate['variables']; sampleData?: Record<string, unknown>; expectedVersion?: number },
  ): Promise<StoredTemplate> {
    return this.dataSource.transaction(async (manager) => {
      const current = await manager.query<TemplateRow[]>(`SELECT * FROM "notifications"."templates" WHERE name = $1 FOR UPDATE`, [input.name]);
      const row = current[0];
      if (!row) throw DomainError.notFound('Template');
      if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
        throw new DomainError('CONFLICT', 'Someone saved this template meanwhile; reload it', { currentVersion: row.version });
      }
      const version = row.version + 1;
      const variables = JSON.stringify(input.variables ?? row.variables);
      await manager.query(
        `UPDATE "notifications"."templates" SET subject = $2, html = $3, text = $4, variables = $5, sample_data = $6, version = $7,
           updated_at = now(), updated_by = $8 WHERE name = $1`,
        [input.name, input.subject, input.html, input.text, variables, JSON.stringify(input.sampleData ?? row.sample_data), version, actorId],
      );
      await manager.query(
        `INSERT INTO "notifications"."template_versions" (name, version, subject, html, text, variables, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [input.name, version, input.subject, input.html, input.text, variables, actorId],
      );
      return (await this.get(input.name, manager))!;
    });
  }

  async setActive(actorId: string, name: string, active: boolean): Promise<StoredTemplate> {
    const rows = await queryRows<TemplateRow>(
      this.dataSource,
      `UPDATE "notifications"."templates" SET active = $2, updated_at = now(), updated_by = $3 WHERE name = $1 RETURNING *`,
      [name, active, actorId],
    );
    const row = rows[0];
    if (!row) throw DomainError.notFound('Template');
    return toView(row);
  }
}

