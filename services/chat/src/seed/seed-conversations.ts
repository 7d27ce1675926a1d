import { randomUUID } from 'node:crypto';
import { inTransaction } from '@tec/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { directKey } from '../conversations/conversations.service';
import { ConversationsRepository } from '../conversations/conversations.repository';
import { MessagesRepository } from '../messages/messages.repository';

interface Person {
  id: string;
  email: string;
  role: string;
}

type Script = [author: string, body: string, minutesAgo: number][];

/**
 * Demo conversations on top of the course conversations chat made from core's events: a course thread, a
 * student–teacher and a parent–teacher direct conversation, a student project group and a course announcement,
 * with messages spread over the last days and some left unread. Idempotent: messages carry a `seed:` client id.
 */
export async function seedConversations(dataSource: DataSource, now = new Date()): Promise<{ conversations: number; messages: number }> {
  return inTransaction(dataSource, async (db) => {
    const already = await db.query(`SELECT 1 FROM "chat"."messages" WHERE client_id LIKE 'seed:%' LIMIT 1`);
    if (already.length > 0) return { conversations: 0, messages: 0 };
    const people = new Map((await db.query<Person[]>(`SELECT id, email, role FROM "chat"."users" WHERE active`)).map((person) => [person.email, person]));
    const person = (email: string) => {
      const found = people.get(email);
      if (!found) throw new Error(`chat seed: ${email} is not in the chat read model yet`);
      return found;
    };
    const [teacher, student, parent] = [person('teacher@tec.example'), person('student@tec.example'), person('parent@tec.example')];
    const conversations = new ConversationsRepository(dataSource);
    const messages = new MessagesRepository(dataSource);
    const [math] = await db.query<{ id: string; conversation_id: string }[]>(
      `SELECT co.id, c.id AS conversation_id FROM "chat"."courses" co JOIN "chat"."conversations" c ON c.course_id = co.id AND c.kind = 'course' WHERE co.code = 'MATH-12A'`,
    );
    const [bio] = await db.query<{ id: string }[]>(`SELECT id FROM "chat"."courses" WHERE code = 'BIO-12A'`);
    if (!math || !bio) throw new Error('chat seed: the demo courses are not in the chat read model yet');
    const classmates = await db.query<Person[]>(
      `SELECT u.id, u.email, u.role FROM "chat"."enrollments" e JOIN "chat"."users" u ON u.id = e.student_id
       WHERE e.course_id = $1 AND e.active AND u.id <> $2 ORDER BY u.last_name, u.first_name LIMIT 2`,
      [bio.id, student.id],
    );
    let count = 0;
    const post = async (conversationId: string, script: Script) => {
      for (const [email, body, minutesAgo] of script) {
        const id = randomUUID();
        const author = email === 'classmate0' ? classmates[0]! : email === 'classmate1' ? classmates[1]! : person(email);
        await messages.append(db, { id, conversationId, senderId: author.id, body, mentions: [], attachmentId: null, clientId: `seed:${id}` });
        const at = new Date(now.getTime() - minutesAgo * 60_000).toISOString();
        await db.query(`UPDATE "chat"."messages" SET created_at = $2 WHERE id = $1`, [id, at]);
        await db.query(`UPDATE "chat"."conversations" SET activity_at = $2 WHERE id = $1`, [conversationId, at]);
        count += 1;
      }
    };
    const direct = async (a: Person, b: Person) => {
      const { id } = await conversations.create(db, { id: randomUUID(), kind: 'direct', title: 'Direct', courseId: null, directKey: directKey(a.id, b.id), autoMembership: false, createdBy: a.id });
      await conversations.addParticipants(db, id, [{ userId: a.id, role: 'owner' }, { userId: b.id, role: 'owner' }]);
      return id;
    };
    const created = async (db2: EntityManager, kind: 'group' | 'announcement', title: string, owner: Person, members: Person[], courseId: string | null) => {
      const { id } = await conversations.create(db2, { id: randomUUID(), kind, title, courseId, directKey: null, autoMembership: courseId !== null, createdBy: owner.id });
      await conversations.addParticipants(db2, id, [{ userId: owner.id, role: 'owner' }, ...members.map((member) => ({ userId: member.id, role: 'member' as const }))]);
      return id;
    };

    await post(math.conversation_id, [
      ['teacher@tec.example', 'Welcome to Grade 12 Mathematics! Questions about homework go here.', 4320],
      ['student@tec.example', 'Is the limits worksheet due Friday or Monday?', 1500],
      ['teacher@tec.example', 'Friday. Show your working for questions 4 to 7.', 1480],
      ['student@tec.example', 'Thanks!', 1470],
      ['teacher@tec.example', 'Reminder: quiz on derivatives next Tuesday.', 90],
    ]);
    const studentTeacher = await direct(student, teacher);
    await post(studentTeacher, [
      ['student@tec.example', 'Hello Mr. Herrera, could I get extra practice on chain rule problems?', 300],
      ['teacher@tec.example', 'Of course. I will share a set after class.', 240],
      ['student@tec.example', 'Great, thank you!', 30],
    ]);
    const parentTeacher = await direct(parent, teacher);
    await post(parentTeacher, [
      ['parent@tec.example', 'Good afternoon, how is Sofía doing with the new unit?', 2000],
      ['teacher@tec.example', 'She is doing well and asks good questions. The quiz next week will tell us more.', 1900],
    ]);
    if (classmates.length === 2) {
      const group = await created(db, 'group', 'Biology project: ecosystems', student, classmates, null);
      await post(group, [
        ['student@tec.example', 'I can write the introduction. Who takes the food web diagram?', 600],
        ['classmate0', 'I will do the diagram.', 580],
        ['classmate1', 'I will collect the sources.', 120],
      ]);
    }
    const students = await db.query<Person[]>(
      `SELECT u.id, u.email, u.role FROM "chat"."enrollments" e JOIN "chat"."users" u ON u.id = e.student_id WHERE e.course_id = $1 AND e.active`,
      [math.id],
    );
    const announcement = await created(db, 'announcement', 'Mathematics announcements', teacher, students, math.id);
    await post(announcement, [['teacher@tec.example', 'No class on Monday: the school is closed for teacher training.', 60]]);
    return { conversations: 5, messages: count };
  });
}
