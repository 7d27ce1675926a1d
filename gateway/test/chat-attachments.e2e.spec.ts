import { mkdtempSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BlobTransfer, CHAT_TRANSFER_BUCKET, type MessageAttachment } from '@tec/shared';
import { bootTestService } from '@tec/shared/testing';
import type { DataSource } from 'typeorm';
import { buildServiceModule } from '../../services/chat/src/app.module';
import { chatConfigShape } from '../../services/chat/src/config';
import { chatEntities } from '../../services/chat/src/entities';
import { chatMigrations } from '../../services/chat/src/migrations';
import { imageInfo, testPhoto } from '../../services/chat/test/support/images';
import { http, login, startStack, type Stack } from './harness';

// End to end through the real gateway and the real chat service: files far larger than one NATS message (1 MB)
// go up and come down through the chat-transfers object store.
type Session = { accessToken: string; user: { id: string } };

const MB = 1024 * 1024;
const attachmentsDir = mkdtempSync(path.join(tmpdir(), 'chat-attachments-e2e-'));
let stack: Stack;
let chatDb: DataSource;
let transfers: BlobTransfer;
let teacher: Session;
let student: Session;
let parent: Session;
let admin: Session;
let conversationId: string;
let photo: Buffer;

beforeAll(async () => {
  stack = await startStack({
    services: {
      chat: ({ nats }) =>
        bootTestService({
          nats,
          schema: 'chat',
          entities: chatEntities,
          migrations: chatMigrations,
          configShape: chatConfigShape,
          buildModule: (config) => buildServiceModule(config),
          env: { CHAT_JOB_INTERVAL_SECONDS: '0', CHAT_POLICY_CACHE_MS: '0', CHAT_ATTACHMENTS_DIR: attachmentsDir },
        }),
    },
  });
  [teacher, student, parent, admin] = [
    await login(stack, 'teacher@tec.example'),
    await login(stack, 'student@tec.example'),
    await login(stack, 'parent@tec.example'),
    await login(stack, 'admin@tec.example'),
  ];
  chatDb = stack.services.chat!.db.dataSource;
  transfers = await BlobTransfer.open(stack.nats.nats, stack.nats.prefix, CHAT_TRANSFER_BUCKET);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [row] = await chatDb.query<{ id: string }[]>(
      `SELECT c.id FROM "chat"."conversations" c
       JOIN "chat"."participants" t ON t.conversation_id = c.id AND t.user_id = $1 AND t.left_at IS NULL
       JOIN "chat"."participants" s ON s.conversation_id = c.id AND s.user_id = $2 AND s.left_at IS NULL
       WHERE c.kind = 'course' LIMIT 1`,
      [teacher.user.id, student.user.id],
    );
    if (row) {
      conversationId = row.id;
      break;
    }
    if (Date.now() > deadline) throw new Error('chat read model did not fill');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // A phone photo: 12 megapixels, about 5 MB of JPEG.
  photo = await testPhoto(4000, 3000);
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const route = () => `/api/v1/messages/conversations/${conversationId}/attachments`;
const storedFiles = () => {
  try {
    return readdirSync(path.join(attachmentsDir, conversationId)).sort();
  } catch {
    return [];
  }
};
const attachmentRows = async () => (await chatDb.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM "chat"."attachments"`))[0]!.count;

async function setLimit(bytes: number): Promise<void> {
  const reply = await http(stack, 'PUT', '/api/v1/messages/policy', { token: admin.accessToken, body: { attachmentMaxBytes: bytes } });
  expect(reply.status).toBe(200);
}

/** What a browser sends: multipart/form-data with the file in a part named "file". */
async function uploadForm(token: string, fileName: string, bytes: Buffer, type: string) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), fileName);
  const response = await fetch(`${stack.url}${route()}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: (await response.json()) as MessageAttachment & { code?: string; message?: string; details?: { maxBytes?: number } } };
}

/** Polls until the transfer store is empty (a download's entry goes when its stream closes). */
async function transferStoreEmpties(): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const usage = await transfers.usage();
    if (usage.messages === 0 && usage.bytes === 0) return;
    if (Date.now() > deadline) throw new Error(`transfer store still holds ${JSON.stringify(usage)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A multipart upload written 64 KB at a time over plain HTTP (chunked, or with a Content-Length), stopping as soon
 * as the answer arrives: `sent` tells how much of the body the server had taken when it answered.
 */
function streamUpload(token: string, bytes: Buffer, declareLength: boolean): Promise<{ status: number; body: { code: string; message: string; details: { maxBytes: number } }; sent: number; total: number }> {
  const boundary = 'tec-e2e-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const url = new URL(`${stack.url}${route()}`);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` };
    if (declareLength) headers['content-length'] = body.length;
    const request = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        // Like a client that got its answer: stop sending and hang up.
        request.destroy();
        resolve({ status: response.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()), sent, total: body.length });
      });
    });
    // The gateway reads and drops the rest after answering (bounded), so the answer arrives before any reset.
    request.on('error', (error) => !answered && reject(error));
    const writeNext = () => {
      if (answered || request.destroyed) return;
      if (sent >= body.length) return void request.end();
      const chunk = body.subarray(sent, sent + 64 * 1024);
      sent += chunk.length;
      // Paced like a fast network (about 30 MB/s), so the answer can come while the body is still on its way.
      if (request.write(chunk)) setTimeout(writeNext, 2);
      else request.once('drain', () => setTimeout(writeNext, 2));
    };
    request.flushHeaders();
    setTimeout(writeNext, declareLength ? 200 : 0);
  });
}

describe('chat attachments of phone-photo size through the gateway', () => {
  it('uploads a 5 MB JPEG as multipart and serves it back byte for byte, with the file headers, to participants only', async () => {
    expect(photo.length).toBeGreaterThan(4 * MB);
    await setLimit(10 * MB);
    const upload = await uploadForm(student.accessToken, 'IMG_2041.jpg', photo, 'image/jpeg');
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ fileName: 'IMG_2041.jpg', mimeType: 'image/jpeg', sizeBytes: photo.length, preview: true, width: 4000, height: 3000, thumbnail: { width: 320, height: 240 } });
    expect(storedFiles()).toEqual([upload.body.id, `${upload.body.id}.thumb`].sort());
    await transferStoreEmpties();
    const sent = await http<{ attachment: { id: string } }>(stack, 'POST', `/api/v1/messages/conversations/${conversationId}/messages`, { token: student.accessToken, body: { attachmentId: upload.body.id } });
    expect(sent.status).toBe(201);

    const download = await fetch(`${stack.url}/api/v1/messages/attachments/${upload.body.id}`, { headers: { authorization: `Bearer ${teacher.accessToken}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(download.headers.get('content-length')).toBe(String(photo.length));
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="IMG_2041.jpg"');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toBe("default-src 'none'; img-src 'self'; sandbox");
    expect(Buffer.from(await download.arrayBuffer()).equals(photo)).toBe(true);
    const inline = await fetch(`${stack.url}/api/v1/messages/attachments/${upload.body.id}?inline=1`, { headers: { authorization: `Bearer ${student.accessToken}` } });
    expect(inline.headers.get('content-disposition')).toBe('inline; filename="IMG_2041.jpg"');
    expect(Buffer.from(await inline.arrayBuffer()).equals(photo)).toBe(true);
    const thumbnail = await fetch(`${stack.url}/api/v1/messages/attachments/${upload.body.id}/thumbnail`, { headers: { authorization: `Bearer ${teacher.accessToken}` } });
    expect(thumbnail.status).toBe(200);
    expect(await imageInfo(Buffer.from(await thumbnail.arrayBuffer()))).toEqual({ format: 'webp', width: 320, height: 240 });
    // Every transfer entry was taken and removed: nothing waits in the store for its TTL.
    await transferStoreEmpties();

    // Not a participant: refused, and nothing is parked for them.
    for (const [token, status, code] of [[parent.accessToken, 404, 'NOT_FOUND'], [undefined, 401, 'UNAUTHENTICATED']] as const) {
      for (const suffix of ['', '/thumbnail']) {
        const refused = await fetch(`${stack.url}/api/v1/messages/attachments/${upload.body.id}${suffix}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
        expect([suffix, refused.status, ((await refused.json()) as { code: string }).code]).toEqual([suffix, status, code]);
      }
    }
    expect(await transfers.usage()).toEqual({ messages: 0, bytes: 0 });
  }, 120_000);

  it('refuses a file over the school limit while streaming it (413), and keeps nothing in storage or the object store', async () => {
    await setLimit(1 * MB);
    const filesBefore = storedFiles();
    const rowsBefore = await attachmentRows();
    // Chunked (no length declared): the gateway counts the bytes as they arrive and answers at the first one past 1 MB.
    const streamed = await streamUpload(student.accessToken, photo, false);
    expect(streamed.status).toBe(413);
    expect(streamed.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'Files can be at most 1 MB', details: { maxBytes: MB } });
    expect(streamed.sent).toBeLessThan(streamed.total);
    // A declared length past the limit is refused before any of the body is read.
    const declared = await streamUpload(student.accessToken, photo, true);
    expect(declared.status).toBe(413);
    expect(declared.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: MB } });
    expect(declared.sent).toBeLessThan(declared.total / 2);
    // The same file as a browser sends it.
    const form = await uploadForm(student.accessToken, 'IMG_2042.jpg', photo, 'image/jpeg');
    expect([form.status, form.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(storedFiles()).toEqual(filesBefore);
    expect(await attachmentRows()).toBe(rowsBefore);
    await transferStoreEmpties();
    // The gateway still answers on fresh connections.
    expect((await http(stack, 'GET', '/api/v1/messages/policy', { token: student.accessToken })).status).toBe(200);
  }, 60_000);

  it('asks chat before reading any bytes: someone who may not post here is refused, and a malformed upload is refused plainly', async () => {
    await setLimit(10 * MB);
    const stranger = await uploadForm(parent.accessToken, 'photo.jpg', photo, 'image/jpeg');
    expect([stranger.status, stranger.body.code]).toEqual([404, 'NOT_FOUND']);
    const noFile = new FormData();
    noFile.append('note', 'no file here');
    const empty = await fetch(`${stack.url}${route()}`, { method: 'POST', headers: { authorization: `Bearer ${student.accessToken}` }, body: noFile });
    expect([empty.status, ((await empty.json()) as { code: string }).code]).toEqual([400, 'VALIDATION_FAILED']);
    const plain = await fetch(`${stack.url}${route()}`, { method: 'POST', headers: { authorization: `Bearer ${student.accessToken}`, 'content-type': 'image/jpeg' }, body: photo.subarray(0, 1000) });
    expect([plain.status, ((await plain.json()) as { code: string }).code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    // The JSON form still works for small files, through the same store.
    const text = await http<MessageAttachment>(stack, 'POST', route(), { token: student.accessToken, body: { fileName: 'notes.txt', contentBase64: Buffer.from('Chapter 3 notes').toString('base64') } });
    expect(text.status).toBe(201);
    expect(text.body).toMatchObject({ fileName: 'notes.txt', mimeType: 'text/plain', sizeBytes: 15 });
    await transferStoreEmpties();
  }, 60_000);
});
