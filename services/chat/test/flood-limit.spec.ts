import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { chatRpc, type UserProfile } from '@tec/shared';
import { buildServiceModule } from '../src/app.module';
import { MessagesService } from '../src/messages/messages.service';
import { as, bootChat, codeOf, school, type ChatTestService, type School } from './chat-test-kit';

const LIMIT = 20;

/**
 * The flood limit across everything that can write a message at the same moment: two chat instances on one
 * database (each with its own group-commit lanes), the group commit and the transactional path (mentions), and
 * RPC, which NATS spreads over both instances.
 */
describe('chat flood limit under concurrency', () => {
  let service: ChatTestService;
  let second: INestApplicationContext;
  let s: School;

  beforeAll(async () => {
    service = await bootChat({ CHAT_SEND_LANES: '4' });
    // A second instance of the service: same database, same NATS subjects, nothing else shared.
    second = await NestFactory.createApplicationContext(buildServiceModule(service.config), { logger: false, abortOnError: false });
    s = await school(service);
  }, 60_000);

  afterAll(async () => {
    await second?.close();
    await service?.close();
  });

  const direct = (from: UserProfile, to: UserProfile) => service.rpc.call(chatRpc.conversationsCreate, { kind: 'direct', participantIds: [to.id] }, as(from));
  const sentBy = async (user: UserProfile) =>
    (await service.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM "chat"."messages" WHERE sender_id = $1`, [user.id]))[0]!.count;

  it(`accepts exactly ${LIMIT} of ${LIMIT + 10} sends fired at once from two instances, and refuses the rest with RATE_LIMITED`, async () => {
    await service.rpc.call(chatRpc.policyUpdate, { floodMaxMessages: LIMIT, floodWindowSeconds: 600 }, as(s.admin));
    const course = (await service.rpc.call(chatRpc.conversationsList, { kind: 'course', courseId: s.course.id }, as(s.teacher))).items[0]!;
    const conversations = [course.id, (await direct(s.teacher, s.students[0]!)).id, (await direct(s.teacher, s.students[1]!)).id, (await direct(s.teacher, s.admin)).id];
    const instances = [service.app.get(MessagesService), second.get(MessagesService)];
    const before = await sentBy(s.teacher);

    const sends = Array.from({ length: LIMIT + 10 }, (_, index) => {
      const conversationId = conversations[index % conversations.length]!;
      // Every fifth send mentions someone, which takes the transactional path instead of the group commit.
      const mentions = index % 5 === 0 && conversationId === course.id ? [s.students[2]!.id] : [];
      const request = { conversationId, body: `burst ${index}`, mentions };
      if (index % 3 === 2) return codeOf(service.rpc.call(chatRpc.messagesSend, request, as(s.teacher)));
      return codeOf(instances[index % 3]!.send(as(s.teacher), request));
    });
    const codes = await Promise.all(sends);

    expect(codes.filter((code) => code === 'ok')).toHaveLength(LIMIT);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(10);
    expect((await sentBy(s.teacher)) - before).toBe(LIMIT);
    // Another person's sends are not held back by the teacher's flood.
    expect(await codeOf(service.rpc.call(chatRpc.messagesSend, { conversationId: course.id, body: 'me too' }, as(s.students[1]!)))).toBe('ok');
  });

  it('gives the slots back as the window slides, and a failed send does not use one', async () => {
    await service.rpc.call(chatRpc.policyUpdate, { floodMaxMessages: 3, floodWindowSeconds: 60 }, as(s.admin));
    const conversation = await direct(s.otherTeacher, s.outsider);
    const send = (body: string, extra: Record<string, unknown> = {}) => codeOf(service.rpc.call(chatRpc.messagesSend, { conversationId: conversation.id, body, ...extra }, as(s.otherTeacher)));
    // A send refused for another reason (an attachment that does not exist) rolls its slot back.
    expect(await send('broken', { attachmentId: '00000000-0000-4000-8000-000000000000' })).toBe('CONFLICT');
    expect((await Promise.all([send('a'), send('b'), send('c'), send('d')])).sort()).toEqual(['RATE_LIMITED', 'ok', 'ok', 'ok']);
    // The window moves on (the log's times are pushed back as if a minute had passed).
    await service.dataSource.query(`UPDATE "chat"."flood_log" SET sent_at = array(SELECT t - interval '61 seconds' FROM unnest(sent_at) t) WHERE user_id = $1`, [s.otherTeacher.id]);
    expect(await send('e')).toBe('ok');
  });
});
