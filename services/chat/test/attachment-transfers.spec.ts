import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ATTACHMENT_INLINE_MAX_BYTES, chatRpc, type UserProfile } from '@tec/shared';
import { as, bootChat, chatTransfers, codeOf, contentBytes, school, uploadAttachment, type ChatTestService, type School } from './chat-test-kit';
import { testPhoto } from './support/images';

const MB = 1024 * 1024;

describe('chat attachments through the chat-transfers object store', () => {
  let service: ChatTestService;
  let s: School;
  let conversationId: string;
  const rpc = () => service.rpc;
  const storedFiles = () => {
    try {
      return readdirSync(path.join(service.config.CHAT_ATTACHMENTS_DIR, conversationId));
    } catch {
      return [];
    }
  };
  const usage = async () => (await chatTransfers(service)).usage();

  beforeAll(async () => {
    // This deployment allows 3 MB at most (CHAT_ATTACHMENT_MAX_BYTES); the school's policy can only go up to that.
    service = await bootChat({ CHAT_ATTACHMENT_MAX_BYTES: String(3 * MB) });
    s = await school(service);
    conversationId = (await rpc().call(chatRpc.conversationsCreate, { kind: 'direct', participantIds: [s.teacher.id] }, as(s.students[0]!))).id;
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  });

  it('the school limit stays within CHAT_ATTACHMENT_MAX_BYTES, and the gateway learns the effective one before reading bytes', async () => {
    const refused = await rpc().call(chatRpc.policyUpdate, { attachmentMaxBytes: 4 * MB }, as(s.admin)).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'attachmentMaxBytes', message: 'Files can be at most 3 MB on this server (CHAT_ATTACHMENT_MAX_BYTES)' }] });
    expect((await rpc().call(chatRpc.policyUpdate, { attachmentMaxBytes: 2 * MB }, as(s.admin))).attachmentMaxBytes).toBe(2 * MB);
    expect(await rpc().call(chatRpc.attachmentsUploadLimits, { conversationId }, as(s.students[0]!))).toEqual({ maxBytes: 2 * MB, allowedMimeTypes: expect.arrayContaining(['image/jpeg', 'application/pdf']) });
    // A limit stored before the setting was lowered reads, and applies, as the setting.
    await service.dataSource.query(`UPDATE "chat"."policy" SET attachment_max_bytes = $1`, [50 * MB]);
    expect((await rpc().call(chatRpc.policyGet, {}, as(s.students[0]!))).attachmentMaxBytes).toBe(3 * MB);
    await rpc().call(chatRpc.policyUpdate, { attachmentMaxBytes: 2 * MB }, as(s.admin));
    // Who may not post here learns it before sending any bytes.
    expect(await codeOf(rpc().call(chatRpc.attachmentsUploadLimits, { conversationId }, as(s.outsider)))).toBe('NOT_FOUND');
  });

  it('stores a file larger than a NATS message, serves it back through the store, and leaves no transfer behind', async () => {
    const photo = await testPhoto(2000, 1500);
    expect(photo.length).toBeGreaterThan(Math.max(MB, ATTACHMENT_INLINE_MAX_BYTES));
    const attachment = await uploadAttachment(service, as(s.students[0]!), conversationId, 'board.jpg', photo);
    expect(attachment).toMatchObject({ sizeBytes: photo.length, width: 2000, height: 1500, thumbnail: { width: 320, height: 240 } });
    expect(await usage()).toEqual({ messages: 0, bytes: 0 });
    await rpc().call(chatRpc.messagesSend, { conversationId, body: '', attachmentId: attachment.id }, as(s.students[0]!));
    const file = await rpc().call(chatRpc.attachmentGet, { attachmentId: attachment.id }, as(s.teacher));
    expect(file).toMatchObject({ mimeType: 'image/jpeg', sizeBytes: photo.length, transfer: { name: expect.stringMatching(/^chat-download-/), bytes: photo.length } });
    expect((await contentBytes(service, file)).equals(photo)).toBe(true);
    // The thumbnail is small: inline, no transfer.
    const thumbnail = await rpc().call(chatRpc.attachmentThumbnailGet, { attachmentId: attachment.id }, as(s.teacher));
    expect(thumbnail.transfer).toBeUndefined();
    expect(thumbnail.contentBase64?.length).toBeGreaterThan(0);
    expect(await usage()).toEqual({ messages: 0, bytes: 0 });
    // Someone outside the conversation gets nothing, and nothing is parked for them.
    expect(await codeOf(rpc().call(chatRpc.attachmentGet, { attachmentId: attachment.id }, as(s.outsider)))).toBe('NOT_FOUND');
    expect(await usage()).toEqual({ messages: 0, bytes: 0 });
  });

  it('every refused upload takes its parked bytes out of the store, and stores nothing', async () => {
    const before = storedFiles();
    const refusals: [UserProfile, string, Buffer, string][] = [
      [s.students[0]!, 'big.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2 * MB)]), 'PAYLOAD_TOO_LARGE'],
      [s.students[0]!, 'tool.exe', Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), 'UNSUPPORTED_MEDIA_TYPE'],
      [s.students[0]!, 'empty.txt', Buffer.alloc(0), 'VALIDATION_FAILED'],
      [s.outsider, 'notes.txt', Buffer.from('not yours'), 'NOT_FOUND'],
    ];
    for (const [user, fileName, bytes, code] of refusals) {
      expect([fileName, await codeOf(uploadAttachment(service, as(user), conversationId, fileName, bytes))]).toEqual([fileName, code]);
      expect(await usage()).toEqual({ messages: 0, bytes: 0 });
    }
    expect(storedFiles()).toEqual(before);
  });

  it('an upload whose transfer expired or never existed is refused plainly', async () => {
    const transfer = { name: `chat-upload-${randomUUID()}`, bytes: 10 };
    const error = await rpc().call(chatRpc.attachmentsUpload, { conversationId, fileName: 'gone.txt', transfer }, as(s.students[0]!)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'The upload expired before it was stored; try again' });
    // Names are the gateway's own: anything else is not a transfer.
    expect(await codeOf(rpc().call(chatRpc.attachmentsUpload, { conversationId, fileName: 'x.txt', transfer: { name: 'data-exports/../x', bytes: 1 } }, as(s.students[0]!)))).toBe('VALIDATION_FAILED');
  });
});
