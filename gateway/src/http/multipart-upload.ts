import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import { DomainError, type BlobTransfer, type ParkedBlob, type SizeLimit } from '@tec/shared';

/** Room for the multipart framing around the file (boundaries, part headers, a few small fields). */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export interface ParkedUpload {
  fileName: string;
  transfer: ParkedBlob;
  /** The text fields, when `options.fields` asked for them (otherwise empty). */
  fields: Record<string, string>;
}

export interface MultipartOptions {
  /** The parked entry's name prefix (`<label>-<uuid>`). */
  label: string;
  /** Keep the text fields (a longer one is refused) instead of ignoring them. */
  fields?: { maxBytes: number };
}

/**
 * Reads a `multipart/form-data` upload whose one file part is named `file`, streaming that part into the transfer
 * store as it arrives (never held whole in memory). The first chunk past `limit.maxBytes` ends it with the limit's
 * error and no entry is left. Small text fields are ignored; a second file, no file, or a broken body is refused.
 * On failure the rest of the request is left unread (see discardRest).
 */
export function parkMultipartUpload(
  request: Request,
  transfers: BlobTransfer,
  limit: SizeLimit,
  options: MultipartOptions = { label: 'chat-upload' },
): Promise<ParkedUpload> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: request.headers,
      defParamCharset: 'utf8',
      limits: { files: 1, fields: 10, fieldSize: options.fields?.maxBytes ?? 1024, parts: 12, headerPairs: 20 },
    });
  } catch {
    return Promise.reject(DomainError.validation([{ path: 'file', message: 'expected multipart/form-data with a boundary' }], 'The upload could not be read'));
  }
  return new Promise<ParkedUpload>((resolve, reject) => {
    let upload: Promise<ParkedUpload> | null = null;
    let file: Readable | null = null;
    let settled = false;
    const fields: Record<string, string> = {};
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      request.unpipe(parser);
      request.pause();
      // A park still reading the file fails too, and the store drops what it had written.
      file?.destroy(error instanceof Error ? error : new Error(String(error)));
      reject(error);
    };
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || upload) {
        stream.resume();
        return;
      }
      const fileName = (info.filename ?? '').trim().slice(0, 255) || 'file';
      file = stream;
      upload = transfers.park(stream, options.label, limit).then((transfer) => ({ fileName, transfer, fields }));
      upload.catch(fail);
    });
    parser.on('field', (name, value, info) => {
      if (!options.fields) return;
      if (info.valueTruncated) return fail(DomainError.validation([{ path: name, message: 'too long' }], 'The upload could not be read'));
      fields[name] = value;
    });
    parser.on('filesLimit', () => fail(DomainError.validation([{ path: 'file', message: 'one file per upload' }], 'Send one file per upload')));
    parser.on('partsLimit', () => fail(DomainError.validation([{ path: '(root)', message: 'too many parts' }], 'The upload could not be read')));
    parser.on('error', () => fail(DomainError.validation([{ path: '(root)', message: 'malformed multipart body' }], 'The upload could not be read')));
    parser.on('close', () => {
      if (!upload) return fail(DomainError.validation([{ path: 'file', message: 'Required' }], 'The upload has no file part named "file"'));
      upload.then((parked) => {
        if (settled) return void transfers.remove(parked.transfer.name);
        settled = true;
        resolve(parked);
      }, fail);
    });
    request.on('close', () => {
      if (!request.complete) fail(DomainError.validation([{ path: '(root)', message: 'aborted' }], 'The upload was interrupted'));
    });
    request.pipe(parser);
  });
}

/**
 * After a refusal, the rest of a request body that was not read: read and dropped (not stored), so the client,
 * still sending, reads the answer instead of a reset connection (the "lingering close" of nginx). Bounded: past
 * `maxBytes` or `maxMs` the connection is cut.
 */
export function discardRest(request: Request, limits = { maxBytes: 32 * 1024 * 1024, maxMs: 10_000 }): void {
  if (request.complete || request.destroyed) return;
  let seen = 0;
  const cut = () => request.socket.destroy();
  const timer = setTimeout(cut, limits.maxMs);
  timer.unref();
  request.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > limits.maxBytes) cut();
  });
  request.once('close', () => clearTimeout(timer));
  request.resume();
}

/** Refuses, before a byte is read, a request whose declared length is already far past the limit. */
export function refuseDeclaredOverLimit(request: Request, maxBytes: number, tooLarge: (maxBytes: number) => Error): void {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge(maxBytes);
}
