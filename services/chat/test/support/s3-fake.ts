import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sha256Hex, signV4 } from '../../src/attachments/sigv4';

export interface S3Fake {
  url: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  requests: { method: string; path: string; status: number }[];
  /** The next requests answer with these statuses (`'hang'`: never answer) before behaving normally. */
  failNext(...outcomes: (number | 'hang')[]): void;
  close(): Promise<void>;
}

function read(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * A local S3 (PutObject/GetObject, path-style) that checks each request's Signature Version 4 against the
 * credentials it was given, answers with S3's XML errors, and can inject 429/500/timeouts.
 */
export async function startS3Fake(credentials: { accessKeyId: string; secretAccessKey: string; region: string; bucket: string }): Promise<S3Fake> {
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const requests: S3Fake['requests'] = [];
  const failures: (number | 'hang')[] = [];
  const hung: IncomingMessage[] = [];
  const error = (code: string, status: number) => ({ status, body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>` });
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await read(request);
      const path = decodeURIComponent((request.url ?? '/').split('?')[0]!);
      const reply = (status: number, payload: Buffer | string, type = 'application/xml') => {
        requests.push({ method: request.method ?? '', path, status });
        response.writeHead(status, { 'content-type': type });
        response.end(payload);
      };
      const failure = failures.shift();
      if (failure === 'hang') {
        hung.push(request);
        requests.push({ method: request.method ?? '', path, status: 0 });
        return;
      }
      if (failure !== undefined) return reply(failure, error(failure === 429 ? 'SlowDown' : 'InternalError', failure).body);
      const auth = request.headers.authorization ?? '';
      const signed = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(';') ?? [];
      const date = String(request.headers['x-amz-date'] ?? '');
      const headers: Record<string, string> = {};
      for (const name of signed) if (!['host', 'x-amz-date', 'x-amz-content-sha256'].includes(name)) headers[name] = String(request.headers[name] ?? '');
      const expected = signV4({
        method: request.method ?? 'GET',
        url: `http://${request.headers.host}${request.url}`,
        headers,
        payloadSha256: sha256Hex(body),
        region: credentials.region,
        service: 's3',
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        now: new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`),
      }).authorization;
      if (!auth || auth !== expected || request.headers['x-amz-content-sha256'] !== sha256Hex(body)) {
        const denied = error('SignatureDoesNotMatch', 403);
        return reply(denied.status, denied.body);
      }
      const [, bucket, ...rest] = path.split('/');
      if (bucket !== credentials.bucket) {
        const missing = error('NoSuchBucket', 404);
        return reply(missing.status, missing.body);
      }
      const key = rest.join('/');
      if (request.method === 'PUT') {
        objects.set(key, { body, contentType: String(request.headers['content-type'] ?? 'application/octet-stream') });
        return reply(200, '', 'text/plain');
      }
      const object = objects.get(key);
      if (!object) {
        const missing = error('NoSuchKey', 404);
        return reply(missing.status, missing.body);
      }
      return reply(200, object.body, object.contentType);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    objects,
    requests,
    failNext: (...outcomes) => failures.push(...outcomes),
    close: () =>
      new Promise((resolve) => {
        for (const request of hung) request.socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
