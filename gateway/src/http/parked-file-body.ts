import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type BlobTransfer } from '@tec/shared';
import { toErrorBody } from './error-body';

/**
 * A file a service parked in a transfer bucket, as a response body streamed from the store (never held whole); the
 * entry is removed once sent. A failure before the first byte answers with the one error shape; after it, the
 * connection is cut (Content-Length tells the client the file is incomplete).
 */
export async function parkedFileBody(transfers: BlobTransfer, name: string): Promise<StreamableFile> {
  const taken = await transfers.takeStream(name);
  if (!taken) throw new DomainError('SERVICE_UNAVAILABLE', 'The file could not be fetched; try again');
  return new StreamableFile(taken.stream, { length: taken.bytes }).setErrorHandler((_error, target) => {
    const response = target as unknown as Response;
    if (response.destroyed) return;
    if (response.headersSent) return void response.destroy();
    const { body } = toErrorBody(new DomainError('SERVICE_UNAVAILABLE', 'The file could not be fetched; try again'));
    response.removeHeader('Content-Disposition');
    response.removeHeader('Content-Length');
    response.status(body.statusCode).json(body);
  });
}
