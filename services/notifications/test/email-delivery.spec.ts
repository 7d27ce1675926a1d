import { deliveriesOf, inAppOf, bootNotifications, waitFor, type NotificationsTestService } from './notifications-test-kit';
import { forumReply, quizGraded } from './support/events';

let service: NotificationsTestService;

beforeAll(async () => {
  service = await bootNotifications({ EMAIL_BATCH_SIZE: '50' });
}, 60_000);

afterAll(async () => {
  await service?.close();
});

beforeEach(() => service.fake.reset());

async function queued(email: string, count = 1) {
  return waitFor(async () => {
    const rows = await deliveriesOf(service, email);
    return rows.length >= count ? rows : null;
  }, 10_000, `deliveries of ${email}`);
}

describe('email delivery through SendGrid (local fake)', () => {
  it('turns a quiz_graded event into one in-app notification and one email with both parts and one-click unsubscribe', async () => {
    const student = await service.core.student({ firstName: 'Ana' });
    await quizGraded(service, student);
    await queued(student.email);
    await service.worker.drain();
    const [email] = service.fake.emailsTo(student.email);
    expect(email?.subject).toBe('Your quiz Derivatives has been graded');
    expect(email?.html).toContain('Score: 18/20');
    expect(email?.html).toContain('name="viewport"');
    expect(email?.text).toContain('Hi Ana');
    expect(email?.headers['List-Unsubscribe']).toMatch(/^<http:\/\/localhost:3000\/api\/v1\/notifications\/unsubscribe\?token=[\w.-]+>$/);
    expect(email?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(email?.customArgs.delivery_id).toBeDefined();
    expect((await deliveriesOf(service, student.email))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await inAppOf(service, student.id)).toHaveLength(1);
  });

  it('retries a 429 after the reset time and then succeeds', async () => {
    const student = await service.core.student();
    await quizGraded(service, student);
    await queued(student.email);
    const reset = Math.ceil(Date.now() / 1000) + 1;
    service.fake.queueReplies({ status: 429, headers: { 'x-ratelimit-reset': String(reset), 'x-ratelimit-remaining': '0' } });
    await service.worker.processDue();
    const [waiting] = await deliveriesOf(service, student.email);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, error_code: 'HTTP_429' });
    // Not before the reset the provider named.
    expect(waiting!.next_attempt_at!.getTime()).toBeGreaterThanOrEqual(reset * 1000);
    await service.worker.processDue();
    expect(service.fake.emailsTo(student.email)).toHaveLength(0);
    await waitFor(async () => (await service.worker.processDue()).sent > 0, 5000, 'the retry');
    expect((await deliveriesOf(service, student.email))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(service.fake.emailsTo(student.email)).toHaveLength(1);
  });

  it('retries 500 and a timeout, and gives up after EMAIL_MAX_RETRIES', async () => {
    const student = await service.core.student();
    await quizGraded(service, student);
    await queued(student.email);
    service.fake.queueReplies({ status: 500 }, { status: 202, delayMs: 1500 }, { status: 503 }, { status: 500 });
    const result = await service.worker.drain();
    expect(result.sent).toBe(0);
    const [row] = await deliveriesOf(service, student.email);
    expect(row).toMatchObject({ status: 'failed', attempts: 4, error_code: 'HTTP_500' });
    expect(row!.error_message).toContain('Gave up after 4 attempts');
    // The slow (timed-out) reply was accepted by the fake: its idempotency key kept later attempts from duplicating it.
    expect(service.fake.emailsTo(student.email).length).toBeLessThanOrEqual(1);
  });

  it('fails permanently on a 400 and records the code and message', async () => {
    const student = await service.core.student();
    await quizGraded(service, student);
    await queued(student.email);
    service.fake.queueReplies({ status: 400, body: { errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to' }] } });
    await service.worker.drain();
    const [row] = await deliveriesOf(service, student.email);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, error_code: 'HTTP_400', error_message: 'Does not contain a valid address.' });
    const outbox = await service.dataSource.query(`SELECT subject FROM "notifications"."outbox" WHERE subject = 'notifications.v1.email_failed'`);
    expect(outbox.length).toBeGreaterThanOrEqual(1);
  });

  it('a 400 for one invalid address fails only that recipient: the rest of the batch is sent again without it', async () => {
    const students = [];
    for (let index = 0; index < 12; index += 1) students.push(await service.core.student());
    service.fake.invalidAddresses.add(students[4]!.email.toLowerCase());
    service.fake.invalidAddresses.add(students[9]!.email.toLowerCase());
    for (const student of students) await quizGraded(service, student);
    for (const student of students) await queued(student.email);
    await service.worker.drain();
    for (const [index, student] of students.entries()) {
      const [row] = await deliveriesOf(service, student.email);
      if (index === 4 || index === 9) {
        expect(row).toMatchObject({ status: 'failed', error_code: 'HTTP_400', error_message: 'Does not contain a valid address.' });
        expect(service.fake.emailsTo(student.email)).toHaveLength(0);
      } else {
        expect(row).toMatchObject({ status: 'sent' });
        expect(service.fake.emailsTo(student.email)).toHaveLength(1);
      }
    }
    // One refused request, then one request with the ten good recipients (a delivery left over by an earlier
    // test may travel on its own first).
    const requests = service.fake.requests.map((request) => [request.status, request.personalizations]);
    expect(requests.filter(([status]) => status === 400)).toEqual([[400, 12]]);
    expect(requests.indexOf(requests.find(([status, count]) => status === 202 && count === 10)!)).toBeGreaterThan(requests.findIndex(([status]) => status === 400));
  }, 60_000);

  it('without the fields at fault, a refused batch is halved until the bad recipient stands alone', async () => {
    const students = [];
    for (let index = 0; index < 4; index += 1) students.push(await service.core.student());
    for (const student of students) await quizGraded(service, student);
    for (const student of students) await queued(student.email);
    // A refusal that names no personalization (the first request), then normal replies.
    service.fake.queueReplies({ status: 400, body: { errors: [{ message: 'Bad Request', field: null }] } });
    await service.worker.drain();
    const statuses = await Promise.all(students.map(async (student) => (await deliveriesOf(service, student.email))[0]!.status));
    expect(statuses).toEqual(['sent', 'sent', 'sent', 'sent']);
    for (const student of students) expect(service.fake.emailsTo(student.email)).toHaveLength(1);
    const [refused, ...rest] = service.fake.requests;
    expect(refused).toMatchObject({ status: 400, personalizations: 4 });
    // Halves after the refusal (the worker may have claimed a late arrival on its own beforehand: never more than 2).
    expect(rest.every((request) => request.status === 202 && request.personalizations <= 2)).toBe(true);
  }, 60_000);

  it('escapes <script> in variables in the HTML part and keeps the text part plain', async () => {
    const author = await service.core.student({ firstName: 'Ana' });
    await forumReply(service, author, '<script>alert("x")</script> & "quotes"');
    await queued(author.email);
    await service.worker.drain();
    const [email] = service.fake.emailsTo(author.email);
    expect(email?.html).not.toContain('<script>');
    expect(email?.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(email?.text).toContain('<script>alert("x")</script> & "quotes"');
  });

  it('sends a batch of 120 in requests of at most 50 recipients, each person exactly once with their own name', async () => {
    const students = [];
    for (let index = 0; index < 120; index += 1) students.push(await service.core.student({ firstName: `Kid${index}` }));
    for (const student of students) await quizGraded(service, student);
    await waitFor(async () => {
      const rows = await service.dataSource.query(`SELECT count(*)::int AS n FROM "notifications"."email_deliveries" WHERE status = 'pending'`);
      return rows[0].n >= 120;
    }, 20_000, '120 queued');
    await service.worker.drain();
    expect(service.fake.requests.every((request) => request.personalizations <= 50)).toBe(true);
    expect(service.fake.requests.length).toBeLessThanOrEqual(4);
    for (const [index, student] of students.entries()) {
      const got = service.fake.emailsTo(student.email);
      expect(got).toHaveLength(1);
      expect(got[0]!.text).toContain(`Hi Kid${index},`);
    }
  }, 60_000);

  it('delivers exactly once when the same event is redelivered', async () => {
    const student = await service.core.student();
    const eventId = await quizGraded(service, student);
    await queued(student.email);
    // The same event again (a replay after the dedupe window, or a second relay): no second delivery.
    await service.nats.jetstream().publish(`${service.prefix}.core.v1.quiz_graded`, JSON.stringify({
      id: eventId, subject: 'core.v1.quiz_graded', occurredAt: new Date().toISOString(), producer: 'core', correlationId: 'c',
      payload: { quizResultId: '5b0d2c38-4a8e-4c59-9d0e-6c1b6f1e6a11', quizId: 'q1', quizName: 'Derivatives', course: { id: '5b0d2c38-4a8e-4c59-9d0e-6c1b6f1e6a12', code: 'X', title: 'X' }, student, score: 1, totalPoints: 2, percentage: 50, gradedAt: new Date().toISOString() },
    }), { msgID: `${eventId}-again` });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await service.worker.drain();
    await service.worker.drain();
    expect(await deliveriesOf(service, student.email)).toHaveLength(1);
    expect(service.fake.emailsTo(student.email)).toHaveLength(1);
    expect(await inAppOf(service, student.id)).toHaveLength(1);
  });

  it('never sends to a suppressed address, and falls back to in-app', async () => {
    const student = await service.core.student();
    await service.dataSource.query(`INSERT INTO "notifications"."suppressions" (email, reason) VALUES (lower($1), 'hard_bounce')`, [student.email]);
    await service.dataSource.query(`INSERT INTO "notifications"."preferences" (user_id, category, channel, mode) VALUES ($1, 'grades', 'in_app', 'off')`, [student.id]);
    await quizGraded(service, student);
    const [row] = await queued(student.email);
    expect(row).toMatchObject({ status: 'suppressed', error_code: 'SUPPRESSED' });
    await service.worker.drain();
    expect(service.fake.emailsTo(student.email)).toHaveLength(0);
    expect(await inAppOf(service, student.id)).toHaveLength(1);
  });

  it('records a template with missing variables as failed instead of sending a broken email', async () => {
    const student = await service.core.student({ firstName: ' ' });
    await quizGraded(service, student);
    const [row] = await queued(student.email);
    expect(row).toMatchObject({ status: 'failed', error_code: 'MISSING_VARIABLES' });
    expect(row!.error_message).toContain('student_name');
    await service.worker.drain();
    expect(service.fake.emailsTo(student.email)).toHaveLength(0);
  });
});
