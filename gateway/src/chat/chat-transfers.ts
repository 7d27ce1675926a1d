import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import {
  attachmentTooLargeMessage,
  BlobTransfer,
  CHAT_TRANSFER_BUCKET,
  chatRpc,
  DomainError,
  MessageAttachment,
  NATS_CONNECTION,
  parseOrThrow,
  RpcClient,
  type AuthContext,
  type NatsConnection,
  type RpcResponse,
} from '@tec/shared';
import type { GatewayConfig } from '../config';
import { parkedFileBody } from '../http/parked-file-body';
import { GATEWAY_CONFIG } from '../tokens';
import { discardRest, parkMultipartUpload, refuseDeclaredOverLimit, type ParkedUpload } from '../http/multipart-upload';
import { lazyTransferBucket } from '../http/transfer-bucket';

/** Reading or writing up to CHAT_ATTACHMENT_MAX_BYTES through the store (and sharp's decode) takes longer than a plain call. */
export const ATTACHMENT_RPC_TIMEOUT_MS = 60_000;

/** The older JSON form of an upload (base64), kept for API clients; bounded by BODY_LIMIT. */
export const Base64UploadBody = z.object({
  fileName: z.string().trim().min(1).max(255),
  /** The file, base64 (no data: prefix). */
  contentBase64: z.base64().min(1),
});

const tooLarge = (maxBytes: number) => new DomainError('PAYLOAD_TOO_LARGE', attachmentTooLargeMessage(maxBytes), { maxBytes });
type FileContent = RpcResponse<typeof chatRpc.attachmentGet>;

/**
 * Chat files through the chat-transfers object store (CHAT_TRANSFER_BUCKET), so no file has to fit one NATS message.
 * Upload: chat says first whether the caller may post here and how large a file may be; the request body is then
 * streamed into the store (refused at the first byte past the limit), and chat takes it from there. Download: a
 * file chat parked is streamed from the store to the client, and the entry is removed once sent.
 */
@Injectable()
export class ChatTransfers {
  private readonly transfers: () => Promise<BlobTransfer>;

  constructor(
    private readonly rpc: RpcClient,
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.transfers = lazyTransferBucket(nats, config, CHAT_TRANSFER_BUCKET);
  }

  async upload(request: Request, conversationId: string, auth: AuthContext): Promise<MessageAttachment> {
    let parked: ParkedUpload;
    let transfers: BlobTransfer;
    try {
      const limits = await this.rpc.call(chatRpc.attachmentsUploadLimits, { conversationId }, auth);
      transfers = await this.transfers();
      parked = await this.receive(request, transfers, limits.maxBytes);
    } catch (error) {
      discardRest(request);
      throw error;
    }
    try {
      return await this.rpc.call(chatRpc.attachmentsUpload, { conversationId, fileName: parked.fileName, transfer: parked.transfer }, auth, { timeoutMs: ATTACHMENT_RPC_TIMEOUT_MS });
    } catch (error) {
      // Chat removes the entry whatever it decides; this covers a chat that never got the call.
      await transfers.remove(parked.transfer.name);
      throw error;
    }
  }

  /** The body of a file response: inline bytes, or the parked file streamed from the store. */
  async body(file: FileContent): Promise<StreamableFile> {
    if (file.contentBase64 !== undefined) return new StreamableFile(Buffer.from(file.contentBase64, 'base64'));
    return parkedFileBody(await this.transfers(), file.transfer!.name);
  }

  private async receive(request: Request, transfers: BlobTransfer, maxBytes: number): Promise<ParkedUpload> {
    const limit = { maxBytes, tooLarge };
    if (request.is('multipart/form-data')) {
      refuseDeclaredOverLimit(request, maxBytes, tooLarge);
      return parkMultipartUpload(request, transfers, limit);
    }
    if (request.is('application/json')) {
      const body = parseOrThrow(Base64UploadBody, request.body ?? {}, 'body');
      const bytes = Buffer.from(body.contentBase64, 'base64');
      return { fileName: body.fileName, transfer: await transfers.park(bytes, 'chat-upload', limit), fields: {} };
    }
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data (a part named "file")');
  }
}
