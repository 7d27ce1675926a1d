import type { ChatConfig } from '../config';
import { LocalDiskAttachmentStorage, type AttachmentStorage } from './attachment-storage';
import { S3AttachmentStorage } from './s3-attachment-storage';

/** The storage the configuration asks for. */
export function createAttachmentStorage(config: ChatConfig): AttachmentStorage {
  if (config.CHAT_STORAGE === 'local') return new LocalDiskAttachmentStorage(config.CHAT_ATTACHMENTS_DIR);
  return new S3AttachmentStorage({
    endpoint: config.CHAT_S3_ENDPOINT!,
    region: config.CHAT_S3_REGION,
    bucket: config.CHAT_S3_BUCKET!,
    accessKeyId: config.CHAT_S3_ACCESS_KEY_ID!,
    secretAccessKey: config.CHAT_S3_SECRET_ACCESS_KEY!,
  });
}
