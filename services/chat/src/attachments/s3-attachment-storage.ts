import { Readable } from 'node:stream';
import { assertStorageKey, type AttachmentStorage } from './attachment-storage';
import { sha256Hex, signV4 } from './sigv4';

export interface S3StorageOptions {
  /** e.g. https://s3.eu-west-1.amazonaws.com, http://minio:9000 (path-style requests: `<endpoint>/<bucket>/<key>`). */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts on 429, 5xx and timeouts. */
  attempts?: number;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

/**
 * Attachments in an S3-compatible bucket over the S3 REST API (PutObject, GetObject), signed with AWS Signature
 * Version 4 (and DeleteObject for erasure and retention). Path-style addressing works with AWS, MinIO, Ceph, R2 and Wasabi alike. Throttling, server errors and
 * timeouts are retried with a short exponential backoff; anything else fails at once.
 */
export class S3AttachmentStorage implements AttachmentStorage {
  constructor(private readonly options: S3StorageOptions) {}

  async put(key: string, bytes: Buffer, mimeType: string): Promise<void> {
    await this.request('PUT', key, bytes, { 'content-type': mimeType, 'content-length': String(bytes.length) });
  }

  async get(key: string): Promise<Buffer> {
    return Buffer.from(await (await this.request('GET', key)).arrayBuffer());
  }

  /** GetObject's body as it arrives (the status is checked, and retried, before the first byte is handed on). */
  async read(key: string): Promise<Readable> {
    const response = await this.request('GET', key);
    if (!response.body) return Readable.from([]);
    return Readable.from(chunksOf(response.body));
  }

  /** DeleteObject answers 204 whether or not the key exists. */
  async remove(key: string): Promise<void> {
    await this.request('DELETE', key);
  }

  private async request(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer, extra: Record<string, string> = {}): Promise<Response> {
    assertStorageKey(key);
    const url = `${this.options.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(this.options.bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
    const attempts = this.options.attempts ?? 3;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const headers = signV4({
        method,
        url,
        headers: extra,
        payloadSha256: sha256Hex(body ?? ''),
        region: this.options.region,
        service: 's3',
        accessKeyId: this.options.accessKeyId,
        secretAccessKey: this.options.secretAccessKey,
      });
      delete headers.host;
      try {
        const response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
        if (response.ok) return response;
        const text = await response.text().catch(() => '');
        lastError = new Error(`S3 ${method} ${key}: ${response.status} ${text.slice(0, 200)}`);
        if (!RETRYABLE.has(response.status)) throw lastError;
      } catch (error) {
        if (error === lastError) throw error;
        lastError = error;
      }
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
    }
    throw lastError;
  }
}

async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
