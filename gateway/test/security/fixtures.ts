import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, http, login, type Stack } from '../harness';
import { until, type Session } from './full-stack';

export const API_KEY_SCOPES = ['users:read', 'users:write', 'courses:read', 'courses:write', 'enrollments:write', 'grades:write', 'events:write'] as const;

/**
 * Two sides of the school. "A" is who the matrix signs in as (student@, teacher@, parent@ linked to student@);
 * "B" owns the foreign objects: CS-101 (María López's course, neither A teaches nor attends it), a bachelor
 * student in it with her own parent, and one of every kind of object in that course.
 */
export interface World {
  admin: Session;
  studentA: Session;
  teacherA: Session;
  parentA: Session;
  studentB: Session & { email: string };
  teacherB: Session;
  parentB: Session;
  apiKeys: Record<string, string>;
  courseA: string;
  /** Foreign object ids by the parameter names the OpenAPI document uses. */
  foreign: Record<string, string | undefined>;
  /** Own object ids of A (for fuzzing that reaches past "not found"). */
  own: Record<string, string | undefined>;
}

type Items<T> = { items: T[] };

async function ok<T>(stack: Stack, method: string, route: string, token: string, body?: unknown): Promise<T> {
  const reply = await http<T>(stack, method, route, { token, body });
  if (reply.status >= 300) throw new Error(`${method} ${route}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

export async function buildWorld(stack: Stack): Promise<World> {
  const [admin, studentA, teacherA, parentA, teacherB] = await Promise.all(
    ['admin@tec.example', 'student@tec.example', 'teacher@tec.example', 'parent@tec.example', 'maria.lopez@tec.example'].map((email) => login(stack, email)),
  );
  const courses = await ok<Items<{ id: string; code: string }>>(stack, 'GET', '/api/v1/courses', admin!.accessToken);
  const courseB = courses.items.find((course) => course.code === 'CS-101')!.id;
  const courseA = courses.items.find((course) => course.code === 'MATH-12A')!.id;
  const roster = await ok<Items<{ id: string; email: string }>>(stack, 'GET', `/api/v1/courses/${courseB}/students`, admin!.accessToken);
  const studentBProfile = roster.items[0]!;
  const studentB = { ...(await login(stack, studentBProfile.email)), email: studentBProfile.email };
  const parents = await ok<Items<{ id: string; email: string }>>(stack, 'GET', '/api/v1/users?role=parent&limit=50', admin!.accessToken);
  const parentBProfile = parents.items.find((user) => user.email !== 'parent@tec.example')!;
  const parentB = await login(stack, parentBProfile.email);
  void DEMO_PASSWORD;

  // Every service's read model has CS-101 and its people once María can create a session there.
  const startsAt = new Date(Date.now() - 60_000);
  const session = await until(async () => {
    const reply = await http<Items<{ id: string }>>(stack, 'POST', '/api/v1/classes/sessions', {
      token: teacherB!.accessToken,
      body: { courseId: courseB, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_000_000).toISOString(), topic: 'Loops' },
    });
    return reply.status === 201 ? reply.body.items[0]!.id : null;
  }, 'attendance knows CS-101');
  const ownSession = await until(async () => {
    const reply = await http<Items<{ id: string }>>(stack, 'POST', '/api/v1/classes/sessions', {
      token: teacherA!.accessToken,
      body: { courseId: courseA, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_000_000).toISOString(), topic: 'Limits' },
    });
    return reply.status === 201 ? reply.body.items[0]!.id : null;
  }, 'attendance knows MATH-12A');

  const liveClass = await until(async () => {
    const reply = await http<{ id: string } | Items<{ id: string }>>(stack, 'POST', '/api/v1/live-classes', {
      token: teacherB!.accessToken,
      body: { courseId: courseB, name: 'Recursion', startsAt: new Date(Date.now() + 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), provider: 'development' },
    });
    if (reply.status !== 201) return null;
    return 'id' in reply.body ? reply.body.id : reply.body.items[0]!.id;
  }, 'live-classes knows CS-101');
  const question = await until(async () => {
    const reply = await http<{ id: string }>(stack, 'POST', `/api/v1/live-classes/${liveClass}/questions`, { token: studentB.accessToken, body: { text: 'What is a base case?' } });
    return reply.status === 201 ? reply.body.id : null;
  }, 'live-classes knows student B in CS-101', 30_000).catch(() => 'none');

  const conversation = await until(async () => {
    const reply = await http<Items<{ id: string; kind: string }>>(stack, 'GET', `/api/v1/messages/conversations?courseId=${courseB}`, { token: teacherB!.accessToken });
    return reply.body.items?.find((item) => item.kind === 'course')?.id;
  }, 'chat course conversation of CS-101');
  const message = await ok<{ id: string }>(stack, 'POST', `/api/v1/messages/conversations/${conversation}/messages`, teacherB!.accessToken, { body: 'Homework is due Friday', clientId: randomUUID() });
  const attachment = await ok<{ id: string }>(stack, 'POST', `/api/v1/messages/conversations/${conversation}/attachments`, teacherB!.accessToken, {
    fileName: 'notes.txt',
    contentBase64: Buffer.from('secret notes').toString('base64'),
  });
  const report = await until(async () => {
    const reply = await http<{ id: string }>(stack, 'POST', `/api/v1/messages/${message.id}/report`, { token: studentB.accessToken, body: { reason: 'testing reports' } });
    return reply.status === 201 || reply.status === 409 ? reply : null;
  }, 'chat knows student B in CS-101');
  const reports = await ok<Items<{ id: string }>>(stack, 'GET', '/api/v1/messages/moderation/reports', admin!.accessToken);

  const exemption = await until(async () => {
    const reply = await http<{ id: string }>(stack, 'POST', '/api/v1/attendance/exemptions', { token: studentB.accessToken, body: { sessionId: session, reason: 'Doctor appointment' } });
    return reply.status === 201 ? reply.body : null;
  }, 'attendance knows student B in CS-101');
  const assignment = await ok<{ id: string }>(stack, 'POST', `/api/v1/courses/${courseB}/assignments`, teacherB!.accessToken, {
    title: 'Lab 1',
    dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    maxScore: 10,
  });
  const pairing = await until(async () => {
    const reply = await http<{ id: string }>(stack, 'POST', '/api/v1/parent-portal/pairing-codes', { token: studentB.accessToken, body: {} });
    return reply.status === 201 ? reply.body : null;
  }, 'parent-portal knows student B');

  // Parent links: parent@ ↔ student@ (A) and parentB ↔ studentB (B, an adult: she consents).
  const linkA = await until(async () => {
    const reply = await http<{ id: string }>(stack, 'POST', '/api/v1/parent-portal/links', { token: admin!.accessToken, body: { parentId: parentA!.user.id, studentId: studentA!.user.id, relationship: 'parent' } });
    return reply.status === 201 ? reply.body.id : reply.status === 409 ? 'exists' : null;
  }, 'parent-portal knows the A family');
  const linkB = await until(async () => {
    const reply = await http<{ id: string }>(stack, 'POST', '/api/v1/parent-portal/links', { token: admin!.accessToken, body: { parentId: parentB.user.id, studentId: studentB.user.id, relationship: 'guardian' } });
    return reply.status === 201 ? reply.body.id : null;
  }, 'parent-portal knows the B family');
  for (const link of [linkA, linkB]) {
    if (link === 'exists') continue;
    await http(stack, 'POST', `/api/v1/parent-portal/links/${link}/approve`, { token: admin!.accessToken, body: {} });
  }
  await http(stack, 'POST', `/api/v1/parent-portal/links/${linkB}/consent`, { token: studentB.accessToken, body: { consent: true } });

  // A notification for student B (a quiz result), and one delivery row.
  await ok(stack, 'POST', '/api/v1/quiz-results', admin!.accessToken, { courseId: courseB, studentId: studentB.user.id, quizId: 'q-sec', quizName: 'Security quiz', score: 9, totalPoints: 10 });
  const notification = await until(async () => {
    const reply = await http<Items<{ id: string }>>(stack, 'GET', '/api/v1/notifications', { token: studentB.accessToken });
    return reply.body.items?.[0]?.id;
  }, 'notification for student B', 20_000).catch(() => undefined);
  const deliveries = await ok<Items<{ id: string }>>(stack, 'GET', '/api/v1/email/deliveries', admin!.accessToken);

  const apiKeys: Record<string, string> = {};
  let apiKeyId = '';
  for (const scope of API_KEY_SCOPES) {
    const created = await ok<{ key: string; apiKey: { id: string } }>(stack, 'POST', '/api/v1/api-keys', admin!.accessToken, { name: `matrix ${scope}`, scopes: [scope] });
    apiKeys[scope] = created.key;
    apiKeyId = created.apiKey.id;
  }

  const foreign: Record<string, string | undefined> = {
    courseId: courseB,
    studentId: studentB.user.id,
    userId: studentB.user.id,
    parentId: parentB.user.id,
    sessionId: session,
    classId: liveClass,
    questionId: question === 'none' ? undefined : question,
    conversationId: conversation,
    messageId: message.id,
    attachmentId: attachment.id,
    reportId: report.status === 201 ? report.body.id : reports.items[0]?.id,
    exemptionId: exemption.id,
    assignmentId: assignment.id,
    codeId: pairing.id,
    linkId: linkB,
    notificationId: notification,
    deliveryId: deliveries.items[0]?.id,
    apiKeyId,
    importId: randomUUID(),
    deadLetterId: randomUUID(),
    service: 'core',
    provider: 'sendgrid',
    name: 'welcome',
    email: studentB.email,
    file: `${randomUUID()}.ics`,
  };
  const own: Record<string, string | undefined> = {
    courseId: courseA,
    studentId: studentA!.user.id,
    userId: studentA!.user.id,
    sessionId: ownSession,
    linkId: linkA === 'exists' ? undefined : linkA,
  };
  return { admin: admin!, studentA: studentA!, teacherA: teacherA!, parentA: parentA!, studentB, teacherB: teacherB!, parentB, apiKeys, courseA, foreign, own };
}
