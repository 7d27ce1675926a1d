import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ATTACHMENT_THUMBNAIL_MAX_PX, chatRpc, type UserProfile } from '@tec/shared';
import { as, bootChat, codeOf, contentBytes, school, uploadAttachment, type ChatTestService, type School } from './chat-test-kit';
import { imageInfo, pngHeaderBomb, testImage, webpBomb } from './support/images';

describe('chat image thumbnails', () => {
  let service: ChatTestService;
  let s: School;
  let conversationId: string;

  beforeAll(async () => {
    service = await bootChat();
    s = await school(service);
    conversationId = (await service.rpc.call(chatRpc.conversationsCreate, { kind: 'direct', participantIds: [s.teacher.id] }, as(s.students[0]!))).id;
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  });

  const upload = (user: UserProfile, fileName: string, bytes: Buffer) =>
    uploadAttachment(service, as(user), conversationId, fileName, bytes);
  const send = (user: UserProfile, attachmentId: string) => service.rpc.call(chatRpc.messagesSend, { conversationId, body: '', attachmentId }, as(user));
  const thumbnail = async (user: UserProfile, attachmentId: string) =>
    contentBytes(service, await service.rpc.call(chatRpc.attachmentThumbnailGet, { attachmentId }, as(user)));
  const storedFiles = () => readdirSync(path.join(service.config.CHAT_ATTACHMENTS_DIR, conversationId)).sort();

  it('makes a smaller WebP thumbnail of at most 320 px at upload, for JPEG and PNG, and never enlarges one', async () => {
    const cases = [
      { name: 'landscape.jpg', bytes: await testImage(1200, 800, 'jpeg'), size: [1200, 800], thumb: [ATTACHMENT_THUMBNAIL_MAX_PX, Math.round((800 * 320) / 1200)] },
      { name: 'portrait.png', bytes: await testImage(600, 900, 'png'), size: [600, 900], thumb: [Math.round((600 * 320) / 900), ATTACHMENT_THUMBNAIL_MAX_PX] },
      { name: 'icon.png', bytes: await testImage(100, 50, 'png'), size: [100, 50], thumb: [100, 50] },
    ];
    for (const { name, bytes, size, thumb } of cases) {
      const attachment = await upload(s.students[0]!, name, bytes);
      expect(attachment).toMatchObject({ fileName: name, preview: true, width: size[0], height: size[1], thumbnail: { width: thumb[0], height: thumb[1] } });
      const message = await send(s.students[0]!, attachment.id);
      expect(message.attachment?.thumbnail).toEqual({ width: thumb[0], height: thumb[1] });
      // The other participant gets the thumbnail: a real WebP of those dimensions, smaller than the original.
      const small = await thumbnail(s.teacher, attachment.id);
      expect(await imageInfo(small)).toEqual({ format: 'webp', width: thumb[0], height: thumb[1] });
      if (size[0]! > ATTACHMENT_THUMBNAIL_MAX_PX) expect(small.length).toBeLessThan(bytes.length / 4);
      // Stored through the attachment storage beside the original, which is served unchanged.
      expect(storedFiles()).toEqual(expect.arrayContaining([attachment.id, `${attachment.id}.thumb`]));
      const original = await service.rpc.call(chatRpc.attachmentGet, { attachmentId: attachment.id }, as(s.teacher));
      expect((await contentBytes(service, original)).equals(bytes)).toBe(true);
    }
    // History carries the thumbnail's size too (the layout of the preview before it loads).
    const history = await service.rpc.call(chatRpc.messagesList, { conversationId, limit: 10 }, as(s.teacher));
    expect(history.items.filter((item) => item.attachment).map((item) => item.attachment!.thumbnail?.width)).toEqual([320, 213, 100]);
  });

  it('has no thumbnail for a file that is not an image', async () => {
    const notes = await upload(s.students[0]!, 'notes.txt', Buffer.from('Chapter 3 notes'));
    expect(notes).toMatchObject({ preview: false, thumbnail: null });
    await send(s.students[0]!, notes.id);
    expect(await codeOf(thumbnail(s.teacher, notes.id))).toBe('NOT_FOUND');
    expect(existsSync(path.join(service.config.CHAT_ATTACHMENTS_DIR, conversationId, `${notes.id}.thumb`))).toBe(false);
  });

  it('serves a thumbnail to exactly those who may download the image', async () => {
    const photo = await upload(s.students[0]!, 'photo.jpg', await testImage(640, 480, 'jpeg'));
    // Before it is sent: the uploader only.
    expect((await thumbnail(s.students[0]!, photo.id)).length).toBeGreaterThan(0);
    expect(await codeOf(thumbnail(s.teacher, photo.id))).toBe('NOT_FOUND');
    const message = await send(s.students[0]!, photo.id);
    expect(await codeOf(thumbnail(s.teacher, photo.id))).toBe('ok');
    // Not a participant: a classmate, a parent (even the sender's own), an outsider.
    for (const stranger of [s.students[1]!, s.parent, s.outsider, s.otherTeacher]) expect(await codeOf(thumbnail(stranger, photo.id))).toBe('NOT_FOUND');
    // Deleted: only the admin's safeguarding review.
    await service.rpc.call(chatRpc.messagesDelete, { messageId: message.id }, as(s.students[0]!));
    expect(await codeOf(thumbnail(s.teacher, photo.id))).toBe('NOT_FOUND');
    expect(await codeOf(thumbnail(s.students[0]!, photo.id))).toBe('NOT_FOUND');
    expect(await imageInfo(await thumbnail(s.admin, photo.id))).toEqual({ format: 'webp', width: 320, height: 240 });
  });

  it('refuses decompression bombs and images that cannot be read, and stores nothing for them', async () => {
    const before = storedFiles();
    const bomb = await webpBomb();
    expect(bomb.length).toBeLessThan(200);
    const refusal = async (bytes: Buffer) => {
      try {
        await upload(s.students[0]!, 'image', bytes);
        return null;
      } catch (error) {
        return error as { code: string; message: string; details?: unknown };
      }
    };
    // A 38-byte WebP that decodes to 48 megapixels: its header is read, nothing is decoded.
    expect(await refusal(bomb)).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Images can be at most 40 megapixels' });
    expect(await refusal(pngHeaderBomb())).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Images can be at most 40 megapixels' });
    // PNG magic bytes with junk behind them, and a JPEG cut after its first bytes.
    const junk = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    expect(await refusal(junk)).toMatchObject({ code: 'VALIDATION_FAILED', message: 'The image could not be read' });
    expect(await refusal((await testImage(400, 300, 'jpeg')).subarray(0, 40))).toMatchObject({ code: 'VALIDATION_FAILED', message: 'The image could not be read' });
    expect(storedFiles()).toEqual(before);
  });
});
