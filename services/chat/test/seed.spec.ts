import { chatRpc } from '@tec/shared';
import { seedConversations } from '../src/seed/seed-conversations';
import { as, bootChat, waitFor, type ChatTestService } from './chat-test-kit';

let service: ChatTestService;

beforeAll(async () => {
  service = await bootChat();
}, 60_000);

afterAll(async () => {
  await service?.close();
});

describe('chat demo seed', () => {
  it('seeds demo conversations once, on top of the course conversations made from core events', async () => {
    const { core } = service;
    const teacher = await core.teacher({ email: 'teacher@tec.example' });
    const student = await core.student({ email: 'student@tec.example' });
    const parent = await core.parent({ email: 'parent@tec.example' });
    const math = await core.course({ teachers: [teacher], code: 'MATH-12A', title: 'Grade 12 Mathematics' });
    const bio = await core.course({ teachers: [teacher], code: 'BIO-12A', title: 'Grade 12 Biology' });
    await core.enrollment(student, math);
    await core.enrollment(student, bio);
    for (let index = 0; index < 2; index += 1) await core.enrollment(await core.student(), bio);
    await waitFor(async () => (await service.dataSource.query(`SELECT 1 FROM "chat"."participants" p JOIN "chat"."conversations" c ON c.id = p.conversation_id WHERE c.course_id = $1`, [bio.id])).length === 4, 20_000);
    await waitFor(async () => (await service.dataSource.query(`SELECT 1 FROM "chat"."users" WHERE id = $1`, [parent.id])).length === 1);

    const first = await seedConversations(service.dataSource);
    expect(first).toEqual({ conversations: 5, messages: 14 });
    expect(await seedConversations(service.dataSource)).toEqual({ conversations: 0, messages: 0 });

    const inbox = await service.rpc.call(chatRpc.conversationsList, {}, as(teacher));
    expect(inbox.items.map((item) => item.kind).sort()).toEqual(['announcement', 'course', 'course', 'direct', 'direct']);
    const direct = inbox.items.find((item) => item.counterpart?.id === student.id)!;
    expect(direct).toMatchObject({ unreadCount: 1, lastMessage: { preview: 'Great, thank you!' } });
    const studentInbox = await service.rpc.call(chatRpc.conversationsList, {}, as(student));
    expect(studentInbox.items.find((item) => item.kind === 'announcement')).toMatchObject({ canPost: false, unreadCount: 1 });
  });
});
