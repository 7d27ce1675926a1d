import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  ATTACHMENT_INLINE_MAX_BYTES,
  attachmentTooLargeMessage,
  BlobTransfer,
  CHAT_TRANSFER_BUCKET,
  CONFIG,
  DATA_SOURCE,
  DomainError,
  INLINE_PREVIEW_MIME_TYPES,
  NATS_CONNECTION,
  type AttachmentMimeType,
  type AuthContext,
  type chatRpc,
  type MessageAttachment,
  type NatsConnection,
  type RpcParsedRequest,
  type RpcResponse,
} from '@tec/shared';
import type { DataSource } from 'typeorm';
import type { ChatConfig } from '../config';
import { ConversationAccess, requireUser } from '../conversations/conversation-access';
import { toAttachment } from '../messages/message.mapper';
import { PolicyService } from '../policy/policy.service';
import { ATTACHMENT_STORAGE, thumbnailKey, type AttachmentStorage } from './attachment-storage';
import { cleanFileName, imageSize, isImageBomb, sniffAttachmentType } from './file-type';
import { imageBombError, readImage, type ReadImage } from './thumbnail';

type Req<K extends keyof typeof chatRpc> = RpcParsedRequest<(typeof chatRpc)[K]>;
type Content = RpcResponse<(typeof chatRpc)['attachmentGet']>;

interface StoredAttachment {
  conversationId: string;
  uploaderId: string;
  fileName: string;
  mimeType: AttachmentMimeType;
  sizeBytes: number;
  storedName: string;
  thumbnailStoredName: string | null;
  thumbnailSizeBytes: number | null;
  messageDeleted: boolean | null;
  messageId: string | null;
}

const tooLarge = (maxBytes: number) => new DomainError('PAYLOAD_TOO_LARGE', attachmentTooLargeMessage(maxBytes), { maxBytes });

/**
 * Upload (participants who may post) and download (participants; admins for a safeguarding review). The type is
 * sniffed from the bytes and must be in the school's list; the size limit is the school's (capped by
 * CHAT_ATTACHMENT_MAX_BYTES). The stored name is generated; the uploader's name is cleaned and only shown. Images
 * are decoded once at upload (sharp) to refuse bombs and unreadable files and to store a thumbnail beside the file,
 * served with the file's own access rules. Bytes larger than a NATS message travel through the chat-transfers
 * object store (CHAT_TRANSFER_BUCKET): an upload arrives there from the gateway, a large download leaves through it.
 */
@Injectable()
export class AttachmentsService {
  private transferBucket: Promise<BlobTransfer> | null = null;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(CONFIG) private readonly config: ChatConfig,
    private readonly access: ConversationAccess,
    private readonly policy: PolicyService,
  ) {}

  /** Whether the caller may post a file here and how large it may be: the gateway asks before it reads any bytes. */
  async uploadLimits(auth: AuthContext, conversationId: string): Promise<{ maxBytes: number; allowedMimeTypes: AttachmentMimeType[] }> {
    requireUser(auth);
    const { membership } = await this.access.member(auth, conversationId);
    if (!this.access.canPost(membership)) throw DomainError.forbidden('Only teachers post in announcements');
    const policy = await this.policy.current();
    return { maxBytes: policy.attachmentMaxBytes, allowedMimeTypes: policy.allowedMimeTypes };
  }

  async upload(auth: AuthContext, request: Req<'attachmentsUpload'>): Promise<MessageAttachment> {
    const user = requireUser(auth);
    const transfers = await this.transfers();
    // Accepted or refused, the parked upload goes now: nothing waits for the TTL.
    const policy = await this.uploadLimits(auth, request.conversationId).catch(async (error: unknown) => {
      await transfers.remove(request.transfer.name);
      throw error;
    });
    const bytes = await transfers.take(request.transfer.name, { maxBytes: policy.maxBytes, tooLarge });
    if (!bytes) throw DomainError.validation({ transfer: 'expired or unknown' }, 'The upload expired before it was stored; try again');
    if (bytes.length === 0) throw DomainError.validation({ file: 'empty' }, 'The file is empty');
    if (bytes.length > policy.maxBytes) throw tooLarge(policy.maxBytes);
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
  async download(auth: AuthContext, attachmentId: string): Promise<Content> {
    const row = await this.authorized(auth, attachmentId);
    const file = { fileName: row.fileName, mimeType: row.mimeType, sizeBytes: row.sizeBytes, preview: INLINE_PREVIEW_MIME_TYPES.includes(row.mimeType) };
    return this.content(row.storedName, file);
  }

  /** The thumbnail of an image, to exactly those who may download the image; NOT_FOUND when it has none. */
  async thumbnail(auth: AuthContext, attachmentId: string): Promise<Content> {
    const row = await this.authorized(auth, attachmentId);
    if (!row.thumbnailStoredName) throw DomainError.notFound('Thumbnail');
    const base = row.fileName.replace(/\.[^.]*$/, '') || 'image';
    const file = { fileName: `${base}-thumbnail.webp`, mimeType: 'image/webp' as const, sizeBytes: row.thumbnailSizeBytes ?? 0, preview: true };
    return this.content(row.thumbnailStoredName, file);
  }

  /** Small files inline in the reply; larger ones streamed from the storage into the transfer bucket (never whole in memory). */
  private async content(key: string, file: Omit<Content, 'contentBase64' | 'transfer'>): Promise<Content> {
    if (file.sizeBytes <= ATTACHMENT_INLINE_MAX_BYTES) {
      const bytes = await this.storage.get(key);
      return { ...file, sizeBytes: bytes.length, contentBase64: bytes.toString('base64') };
    }
    const transfer = await (await this.transfers()).park(await this.storage.read(key), 'chat-download');
    return { ...file, sizeBytes: transfer.bytes, transfer };
  }

  private transfers(): Promise<BlobTransfer> {
    this.transferBucket ??= BlobTransfer.open(this.nats, this.config.NATS_SUBJECT_PREFIX, CHAT_TRANSFER_BUCKET, this.config.EVENT_STREAM_REPLICAS).catch((error: unknown) => {
      this.transferBucket = null;
      throw error;
    });
    return this.transferBucket;
  }

  private async authorized(auth: AuthContext, attachmentId: string): Promise<StoredAttachment> {
    const user = requireUser(auth);
    const rows = await this.dataSource.query<StoredAttachment[]>(
      `SELECT a.conversation_id AS "conversationId", a.uploader_id AS "uploaderId", a.file_name AS "fileName", a.mime_type AS "mimeType",
         a.size_bytes AS "sizeBytes", a.stored_name AS "storedName", a.thumbnail_stored_name AS "thumbnailStoredName",
         a.thumbnail_size_bytes AS "thumbnailSizeBytes",
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
