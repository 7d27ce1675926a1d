import { randomUUID } from 'node:crypto';
import { deadLettersListRpc, deadLettersReplayRpc } from '../src/contracts/dead-letters';
import type { AuthContext } from '../src/contracts/auth-context';
import { inTransaction } from '../src/db/transaction';
import { enqueueEvent } from '../src/events/outbox';
import { bootTestService, type TestService } from '../src/testing/boot-test-service';
import {
  buildPlatformTestModule,
  doomedEvent,
  TEST_SCHEMA,
  TestEventHandlers,
  testConfigShape,
  testEntities,
  testMigrations,
  waitFor,
} from './support/platform-test.module';

type Config = Parameters<typeof buildPlatformTestModule>[0];

const admin: AuthContext = { kind: 'user', userId: randomUUID(), role: 'admin' };
const teacher: AuthContext = { kind: 'user', userId: randomUUID(), role: 'teacher' };
// The test module serves as "core".
const list = deadLettersListRpc('core');
const replay = deadLettersReplayRpc('core');

describe('dead letters for admins', () => {
  let service: TestService<Config>;

  beforeAll(async () => {
    service = await bootTestService({
      schema: TEST_SCHEMA,
      entities: testEntities,
      migrations: testMigrations,
      configShape: testConfigShape,
      buildModule: (config) => buildPlatformTestModule(config),
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('lists them for admins only, and a replay reaches the failed consumer again', async () => {
    const eventId = await inTransaction(service.db.dataSource, (manager) => enqueueEvent(manager, doomedEvent, { n: 1 }));
    const first = await waitFor(async () => {
      const page = await service.rpc.call(list, { limit: 10 }, admin);
      return page.items.find((letter) => letter.eventId === eventId);
    }, 15_000, 'the first dead letter');
    expect(first).toMatchObject({ consumer: 'core-doomed', subject: doomedEvent.subject, deliveries: 3 });

    await expect(service.rpc.call(list, { limit: 10 }, teacher)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.rpc.call(replay, { deadLetterId: first.id }, teacher)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const handlers = service.app.get(TestEventHandlers);
    const callsBefore = handlers.doomedCalls;
    const replayed = await service.rpc.call(replay, { deadLetterId: first.id }, admin);
    expect(replayed.eventId).toBe(eventId);

    // The handler still fails, so the replay ends as a new letter for the same event; the old one is gone.
    const second = await waitFor(async () => {
      const page = await service.rpc.call(list, { limit: 10 }, admin);
      return page.items.find((letter) => letter.eventId === eventId && letter.id !== first.id);
    }, 15_000, 'the replayed dead letter');
    expect(handlers.doomedCalls).toBe(callsBefore + 3);
    const page = await service.rpc.call(list, { limit: 10 }, admin);
    expect(page.items.some((letter) => letter.id === first.id)).toBe(false);
    expect(second.deliveries).toBe(3);

    await expect(service.rpc.call(replay, { deadLetterId: first.id }, admin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 40_000);
});
