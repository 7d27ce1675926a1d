import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, DomainError, INLINE_PREVIEW_MIME_TYPES, type AttachmentMimeType, type AuthContext, type chatRpc, type MessageAttachment, type RpcParsedRequest } from '@tec/shared';
import type { DataSource } from 'typeorm';
import { ConversationAccess, requireUser } from '../conversations/conversation-access';
import { toAttachment } from '../messages/message.mapper';
import { PolicyService } from '../policy/policy.service';
import { ATTACHMENT_STORAGE, thumbnailKey, type AttachmentStorage } from './attachment-storage';
import { cleanFileName, decodeBase64, imageSize, isImageBomb, sniffAttachmentType } from './file-type';
import { imageBombError, readImage, type ReadImage } from './thumbnail';

type Req<K extends keyof typeof chatRpc> = RpcParsedRequest<(typeof chatRpc)[K]>;

interface StoredAttachment {
  conversationId: string;
  uploaderId: string;
  fileName: string;
  mimeType: AttachmentMimeType;
  sizeBytes: number;
  storedName: string;
  thumbnailStoredName: string | null;
  messageDeleted: boolean | null;
  messageId: string | null;
}

/**
 * Upload (participants who may post) and download (participants; admins for a safeguarding review). The type is
 * sniffed from the bytes and must be in the school's list; the size limit is the school's. The stored name is
 * generated; the uploader's name is cleaned and only shown. Images are decoded once at upload (sharp) to refuse
 * bombs and unreadable files and to store a thumbnail beside the file, served with the file's own access rules.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
    private readonly access: ConversationAccess,
    private readonly policy: PolicyService,
  ) {}

  async upload(auth: AuthContext, request: Req<'attachmentsUpload'>): Promise<MessageAttachment> {
    const user = requireUser(auth);
    const { membership } = await this.access.member(auth, request.conversationId);
    if (!this.access.canPost(membership)) throw DomainError.forbidden('Only teachers post in announcements');
    const policy = await this.policy.current();
    const bytes = decodeBase64(request.contentBase64);
    if (!bytes || bytes.length === 0) throw DomainError.validation({ contentBase64: 'not base64' }, 'The file could not be read');
    if (bytes.length > policy.attachmentMaxBytes) {
      throw new DomainError('PAYLOAD_TOO_LARGE', `Files can be at most ${Math.floor(policy.attachmentMaxBytes / 1024)} KB`, { maxBytes: policy.attachmentMaxBytes });
    }
    const mimeType = sniffAttachmentType(bytes);
    if (!mimeType || !policy.allowedMimeTypes.includes(mimeType)) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'This kind of file is not allowed', { allowed: policy.allowedMimeTypes });
    }
    // The header's declared size first: a bomb is refused before any decoder sees it.
    if (isImageBomb(imageSize(bytes, mimeType))) throw imageBombError();
    const image: ReadImage | null = INLINE_PREVIEW_MIME_TYPES.includes(mimeType) ? await readImage(bytes) : null;
    const id = randomUUID();
    const storedName = `${request.conversationId}/${id}`;
    const thumbnailStoredName = image ? thumbnailKey(storedName) : null;
    const fileName = cleanFileName(request.fileName);
    await this.storage.put(storedName, bytes, mimeType);
    try {
      if (image && thumbnailStoredName) await this.storage.put(thumbnailStoredName, image.thumbnail.bytes, 'image/webp');
      await this.dataSource.query(
        `INSERT INTO "chat"."attachments" (id, conversation_id, uploader_id, file_name, stored_name, mime_type, size_bytes, sha256, width, height,
           thumbnail_stored_name, thumbnail_size_bytes, thumbnail_width, thumbnail_height)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          id, request.conversationId, user.userId, fileName, storedName, mimeType, bytes.length, createHash('sha256').update(bytes).digest('hex'),
          image?.width ?? null, image?.height ?? null,
          thumbnailStoredName, image?.thumbnail.bytes.length ?? null, image?.thumbnail.width ?? null, image?.thumbnail.height ?? null,
        ],
      );
    } catch (error) {
      // Nothing points at the stored bytes: take them back (best effort) before failing.
      await Promise.allSettled([this.storage.remove(storedName), ...(thumbnailStoredName ? [this.storage.remove(thumbnailStoredName)] : [])]);
      throw error;
    }
    return toAttachment({
      id, fileName, mimeType, sizeBytes: bytes.length, width: image?.width ?? null, height: image?.height ?? null,
      thumbnailWidth: image?.thumbnail.width ?? null, thumbnailHeight: image?.thumbnail.height ?? null,
    });
  }

  /**
   * Participants of the attachment's conversation; the uploader before sending; admins always. A file of a deleted
   * message is only for admins (safeguarding).
   */
  async download(auth: AuthContext, attachmentId: string) {
    const row = await this.authorized(auth, attachmentId);
    const bytes = await this.storage.get(row.storedName);
    return { fileName: row.fileName, mimeType: row.mimeType, sizeBytes: row.sizeBytes, preview: INLINE_PREVIEW_MIME_TYPES.includes(row.mimeType), contentBase64: bytes.toString('base64') };
  }

  /** The thumbnail of an image, to exactly those who may download the image; NOT_FOUND when it has none. */
  async thumbnail(auth: AuthContext, attachmentId: string) {
    const row = await this.authorized(auth, attachmentId);
    if (!row.thumbnailStoredName) throw DomainError.notFound('Thumbnail');
    const bytes = await this.storage.get(row.thumbnailStoredName);
    const base = row.fileName.replace(/\.[^.]*$/, '') || 'image';
    return { fileName: `${base}-thumbnail.webp`, mimeType: 'image/webp' as const, sizeBytes: bytes.length, preview: true, contentBase64: bytes.toString('base64') };
  }

  private async authorized(auth: AuthContext, attachmentId: string): Promise<StoredAttachment> {
    const user = requireUser(auth);
    const rows = await this.dataSource.query<StoredAttachment[]>(
      `SELECT a.conversation_id AS "conversationId", a.uploader_id AS "uploaderId", a.file_name AS "fileName", a.mime_type AS "mimeType",
         a.size_bytes AS "sizeBytes", a.stored_name AS "storedName", a.thumbnail_stored_name AS "thumbnailStoredName",
         a.message_id AS "messageId", (m.deleted_at IS NOT NULL) AS "messageDeleted"
       FROM "chat"."attachments" a LEFT JOIN "chat"."messages" m ON m.id = a.message_id WHERE a.id = $1`,
      [attachmentId],
    );
    const row = rows[0];
    if (!row) throw DomainError.notFound('Attachment');
    if (user.role !== 'admin') {
      await this.access.member(auth, row.conversationId).catch(() => {
        throw DomainError.notFound('Attachment');
      });
      if (row.messageDeleted) throw DomainError.notFound('Attachment');
      if (!row.messageId && row.uploaderId !== user.userId) throw DomainError.notFound('Attachment');
    }
    return row;
  }
}
