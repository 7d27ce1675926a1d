import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, DATA_SOURCE, inTransaction, IntervalJob, LOGGER, queryRows, type Logger } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { ATTACHMENT_STORAGE, type AttachmentStorage } from '../attachments/attachment-storage';
import type { ChatConfig } from '../config';

const BATCH = 200;

/**
 * Ends the safeguarding copies past CHAT_SAFEGUARDING_RETENTION_DAYS: the text, mentions and attachment of a
 * message deleted before the cut-off are removed (the "deleted" placeholder stays), unless a report on it is still
 * open. Rows are claimed with FOR UPDATE SKIP LOCKED, so instances share the work and a restart resumes.
 */
@Injectable()
export class SafeguardingRetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: IntervalJob<{ purged: number; attachments: number }>;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: ChatConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
  ) {
    this.job = new IntervalJob('chat-safeguarding-retention', () => this.runOnce(), this.logger, (result) => {
      if (result.purged) this.logger.info(result, 'safeguarding copies purged past retention');
    });
  }

  onApplicationBootstrap(): void {
    this.job.start(this.config.CHAT_RETENTION_JOB_SECONDS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  async runOnce(now: Date = new Date()): Promise<{ purged: number; attachments: number }> {
    if (this.config.CHAT_SAFEGUARDING_RETENTION_DAYS <= 0) return { purged: 0, attachments: 0 };
    const cutoff = new Date(now.getTime() - this.config.CHAT_SAFEGUARDING_RETENTION_DAYS * 86_400_000);
    let purged = 0;
    let attachments = 0;
    for (;;) {
      const batch = await inTransaction(this.dataSource, async (db) => {
        const rows = await queryRows<{ id: string; attachmentId: string | null; key: string | null; thumbnailKey: string | null }>(
          db,
          `SELECT m.id, m.attachment_id AS "attachmentId", a.stored_name AS key, a.thumbnail_stored_name AS "thumbnailKey" FROM "chat"."messages" m
             LEFT JOIN "chat"."attachments" a ON a.id = m.attachment_id
            WHERE m.deleted_at < $1 AND (m.body <> '' OR m.attachment_id IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM "chat"."reports" r WHERE r.message_id = m.id AND r.status = 'open')
            ORDER BY m.deleted_at LIMIT ${BATCH} FOR UPDATE OF m SKIP LOCKED`,
          [cutoff],
        );
        if (!rows.length) return { purged: 0, attachments: 0 };
        await db.query(`UPDATE "chat"."messages" SET body = '', mentions = '{}', attachment_id = NULL WHERE id = ANY($1::uuid[])`, [rows.map((row) => row.id)]);
        const files = rows.filter((row): row is { id: string; attachmentId: string; key: string; thumbnailKey: string | null } => row.attachmentId !== null && row.key !== null);
        for (const file of files) {
          await this.storage.remove(file.key);
          if (file.thumbnailKey) await this.storage.remove(file.thumbnailKey);
        }
        if (files.length) await db.query(`DELETE FROM "chat"."attachments" WHERE id = ANY($1::uuid[])`, [files.map((file) => file.attachmentId)]);
        return { purged: rows.length, attachments: files.length };
      });
      purged += batch.purged;
      attachments += batch.attachments;
      if (batch.purged < BATCH) return { purged, attachments };
    }
  }
}
