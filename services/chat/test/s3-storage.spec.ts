import { chatRpc } from '@tec/shared';
import { S3AttachmentStorage } from '../src/attachments/s3-attachment-storage';
import { loadChatConfig } from '../src/config';
import { as, bootChat, chatTransfers, contentBytes, uploadAttachment } from './chat-test-kit';
import { imageInfo, testImage } from './support/images';
import { startS3Fake, type S3Fake } from './support/s3-fake';

const credentials = { accessKeyId: 'AKIACHATTEST', secretAccessKey: 'chat-test-secret-key', region: 'eu-west-1', bucket: 'chat-attachments' };
const key = '3f0c7a52-8b7e-4a5c-9d1e-2b6f1c0e9a11/7d4e2f10-1c3b-4e5a-8f6d-9a0b1c2d3e4f';

let fake: S3Fake;

beforeEach(async () => {
  fake = await startS3Fake(credentials);
});

afterEach(async () => {
  await fake.close();
});

const storage = (overrides: Partial<ConstructorParameters<typeof S3AttachmentStorage>[0]> = {}) =>
  new S3AttachmentStorage({ endpoint: fake.url, ...credentials, timeoutMs: 300, ...overrides });

describe('S3-compatible attachment storage', () => {
  it('puts and gets objects with signed requests', async () => {
    await storage().put(key, Buffer.from('%PDF-1.7 hello'), 'application/pdf');
    expect(fake.objects.get(key)).toMatchObject({ contentType: 'application/pdf' });
    expect((await storage().get(key)).toString()).toBe('%PDF-1.7 hello');
    expect(fake.requests.map((request) => [request.method, request.status])).toEqual([['PUT', 200], ['GET', 200]]);
  });

  it('is refused with the wrong secret, and does not retry a refusal', async () => {
    await expect(storage({ secretAccessKey: 'wrong' }).put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow(/403/);
    expect(fake.requests).toHaveLength(1);
  });

  it('retries throttling, server errors and timeouts, then gives up', async () => {
    fake.failNext(429, 500, 'hang');
    await expect(storage({ attempts: 3 }).put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow();
    fake.failNext(503);
    await storage({ attempts: 3 }).put(key, Buffer.from('second'), 'text/plain');
    expect((await storage().get(key)).toString()).toBe('second');
    expect(fake.requests.map((request) => request.status)).toEqual([429, 500, 0, 503, 200, 200]);
  });

  it('never builds a request from a key it did not generate', async () => {
    await expect(storage().get('../../etc/passwd')).rejects.toThrow(/invalid attachment key/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('chat with CHAT_STORAGE=s3', () => {
  it('fails fast without the bucket settings', () => {
    expect(() => loadChatConfig({ CHAT_STORAGE: 's3' })).toThrow(/CHAT_S3_ENDPOINT.*required when CHAT_STORAGE=s3/s);
  });

  it('stores uploads in the bucket under generated keys and serves them back', async () => {
    const service = await bootChat({
      CHAT_STORAGE: 's3',
      CHAT_S3_ENDPOINT: fake.url,
      CHAT_S3_REGION: credentials.region,
      CHAT_S3_BUCKET: credentials.bucket,
      CHAT_S3_ACCESS_KEY_ID: credentials.accessKeyId,
      CHAT_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    });
    try {
      const teacher = await service.core.teacher();
      const student = await service.core.student();
      const course = await service.core.course({ teachers: [teacher] });
      await service.core.enrollment(student, course);
      const deadline = Date.now() + 15_000;
      let conversationId: string | undefined;
      while (!conversationId && Date.now() < deadline) {
        conversationId = (await service.rpc.call(chatRpc.conversationsList, { kind: 'course' }, as(student))).items[0]?.id;
        if (!conversationId) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const upload = await uploadAttachment(service, as(student), conversationId!, '../notes.txt', Buffer.from('Chapter 3 notes'));
      expect(upload).toMatchObject({ fileName: 'notes.txt', mimeType: 'text/plain', preview: false });
      expect([...fake.objects.keys()]).toEqual([`${conversationId}/${upload.id}`]);
      await service.rpc.call(chatRpc.messagesSend, { conversationId: conversationId!, body: '', attachmentId: upload.id }, as(student));
      const file = await service.rpc.call(chatRpc.attachmentGet, { attachmentId: upload.id }, as(teacher));
      expect((await contentBytes(service, file)).toString()).toBe('Chapter 3 notes');
      // An image's thumbnail goes to the same bucket, beside the file, and comes back from it.
      const photo = await uploadAttachment(service, as(student), conversationId!, 'board.jpg', await testImage(960, 720, 'jpeg'));
      expect(photo.thumbnail).toEqual({ width: 320, height: 240 });
      expect([...fake.objects.keys()].sort()).toEqual([`${conversationId}/${upload.id}`, `${conversationId}/${photo.id}`, `${conversationId}/${photo.id}.thumb`].sort());
      await service.rpc.call(chatRpc.messagesSend, { conversationId: conversationId!, body: '', attachmentId: photo.id }, as(student));
      const thumbnail = await service.rpc.call(chatRpc.attachmentThumbnailGet, { attachmentId: photo.id }, as(teacher));
      expect(await imageInfo(await contentBytes(service, thumbnail))).toEqual({ format: 'webp', width: 320, height: 240 });
      // A file larger than one NATS message leaves S3 as a stream, through the transfer store, unchanged.
      await service.rpc.call(chatRpc.policyUpdate, { attachmentMaxBytes: 2 * 1024 * 1024 }, as(await service.core.admin()));
      const worksheet = Buffer.from('Worksheet line\n'.repeat(100_000));
      const large = await uploadAttachment(service, as(student), conversationId!, 'worksheet.txt', worksheet);
      await service.rpc.call(chatRpc.messagesSend, { conversationId: conversationId!, body: '', attachmentId: large.id }, as(student));
      const parked = await service.rpc.call(chatRpc.attachmentGet, { attachmentId: large.id }, as(teacher));
      expect(parked).toMatchObject({ sizeBytes: worksheet.length, transfer: { bytes: worksheet.length } });
      expect(parked.contentBase64).toBeUndefined();
      expect((await contentBytes(service, parked)).equals(worksheet)).toBe(true);
      expect(await (await chatTransfers(service)).usage()).toEqual({ messages: 0, bytes: 0 });
    } finally {
      await service.close();
    }
  }, 60_000);
});
