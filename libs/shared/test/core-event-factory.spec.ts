import { AckPolicy, type JsMsg } from 'nats';
import { coreEvents, EventEnvelope } from '../src/contracts';
import { eventStreamName } from '../src/events/event-stream';
import { CORRELATION_HEADER } from '../src/nats/nats-connection';
import { coreEventFactory, createTestNats, type TestNats } from '../src/testing';

let testNats: TestNats;

beforeAll(async () => {
  testNats = await createTestNats();
});

afterAll(async () => {
  await testNats.cleanup();
});

describe('core event factories for other services’ tests', () => {
  it('publish valid core.v1 envelopes for users, courses, teachers and enrollments, as core would', async () => {
    const factory = coreEventFactory(testNats.nats, testNats.prefix);
    const teacher = await factory.teacher();
    const student = await factory.student();
    const course = await factory.course({ teachers: [teacher] });
    await factory.enrollment(student, course);

    const jsm = await testNats.nats.jetstreamManager();
    const stream = eventStreamName(testNats.prefix);
    await jsm.consumers.add(stream, { durable_name: 'factory-check', ack_policy: AckPolicy.Explicit });
    const consumer = await testNats.nats.jetstream().consumers.get(stream, 'factory-check');
    const batch = await consumer.fetch({ max_messages: 10, expires: 1000 });
    const received: JsMsg[] = [];
    for await (const message of batch) received.push(message);

    const subjects = received.map((message) => message.subject.slice(testNats.prefix.length + 1));
    expect(subjects).toEqual([
      coreEvents.userCreated.subject,
      coreEvents.userCreated.subject,
      coreEvents.courseCreated.subject,
      coreEvents.courseTeacherAssigned.subject,
      coreEvents.enrollmentCreated.subject,
    ]);
    for (const message of received) {
      const envelope = EventEnvelope.parse(message.json());
      expect(message.headers?.get('Nats-Msg-Id')).toBe(envelope.id);
      expect(message.headers?.get(CORRELATION_HEADER)).toBe(envelope.correlationId);
    }
    const enrollment = coreEvents.enrollmentCreated.schema.parse(EventEnvelope.parse(received[4]!.json()).payload);
    expect(enrollment.student.id).toBe(student.id);
    expect(enrollment.course.id).toBe(course.id);
    expect(student.role).toBe('student');
    expect(student.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
