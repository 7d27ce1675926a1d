import { Writable } from 'node:stream';
import { chatRpc, createLogger, RpcClient, withPrefix } from '@tec/shared';
import { createTestNats, type TestNats } from '@tec/shared/testing';
import { ChatPresenceReporter } from './chat-presence.reporter';

/**
 * The reporter against real NATS, with chat played by a plain subscriber on its RPC subject: one that answers, one
 * that never does (chat busy or stopping), or none at all (chat gone). What matters at shutdown is that the last
 * report neither holds the gateway's shutdown for a whole RPC timeout nor logs a warning for what is expected.
 */
describe('ChatPresenceReporter at shutdown', () => {
  let nats: TestNats;
  const lines: { level: number; msg: string }[] = [];
  const logger = createLogger({
    service: 'gateway-test',
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
        done();
      },
    }),
  });

  beforeEach(async () => {
    nats = await createTestNats();
    lines.length = 0;
  });

  afterEach(async () => {
    await nats.cleanup();
  });

  function reporter(): ChatPresenceReporter {
    // The gateway's RPC timeout is 15 s; the last report must not wait for it.
    return new ChatPresenceReporter(new RpcClient(nats.nats, nats.prefix, 15_000), logger);
  }

  it('reports every live connection offline when the gateway stops', async () => {
    const reports: { changes: { userId: string; status: string }[] }[] = [];
    nats.nats.subscribe(withPrefix(nats.prefix, chatRpc.presenceReport.pattern), {
      callback: (_error, message) => {
        reports.push((JSON.parse(new TextDecoder().decode(message.data)) as { payload: { changes: { userId: string; status: string }[] } }).payload);
        message.respond(new TextEncoder().encode(JSON.stringify({ ok: true, data: { ok: true } })));
      },
    });
    const presence = reporter();
    presence.set('socket-a', 'user-1', 'online');
    presence.set('socket-b', 'user-2', 'idle');
    await presence.onApplicationShutdown();
    const last = reports.at(-1)!;
    expect(last.changes.map((change) => [change.userId, change.status]).sort()).toEqual([
      ['user-1', 'offline'],
      ['user-2', 'offline'],
    ]);
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
  });

  it('gives up on a chat that does not answer within two seconds, with a note instead of a warning', async () => {
    // A subscriber that never answers: chat busy, or stopping with the request in flight.
    nats.nats.subscribe(withPrefix(nats.prefix, chatRpc.presenceReport.pattern), { callback: () => undefined });
    const presence = reporter();
    presence.set('socket-a', 'user-1', 'online');
    const began = Date.now();
    await presence.onApplicationShutdown();
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
    expect(lines.map((line) => line.msg)).toContain('chat did not take the last presence report; it expires these connections within 45 s');
  });

  it('stops at once when chat is already gone', async () => {
    const presence = reporter();
    presence.set('socket-a', 'user-1', 'online');
    const began = Date.now();
    await presence.onApplicationShutdown();
    expect(Date.now() - began).toBeLessThan(2_000);
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
    expect(lines.map((line) => line.msg)).toContain('chat did not take the last presence report; it expires these connections within 45 s');
  });
});
