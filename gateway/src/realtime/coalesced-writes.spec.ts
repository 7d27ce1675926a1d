import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket as TcpSocket } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { waitFor } from '@tec/shared/testing';
import { emitCoalesced } from './coalesced-writes';

/**
 * A real Socket.IO server and clients over loopback TCP. Each server-side connection's TCP socket counts the writes
 * Node hands to the OS (`_write` for one buffer, `_writev` for several), which is what coalescing is about.
 */
describe('emitCoalesced', () => {
  let http: HttpServer;
  let server: Server;
  let url: string;
  const clients: ClientSocket[] = [];

  beforeEach(async () => {
    http = createServer();
    server = new Server(http, { path: '/socket.io', transports: ['websocket', 'polling'] });
    server.on('connection', (socket) => void socket.join(String(socket.handshake.auth.room)));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    await server.close();
  });

  /** Connects a client to `room` and collects every `msg` it receives, in order. */
  async function join(room: string, transports: ('websocket' | 'polling')[] = ['websocket']): Promise<{ client: ClientSocket; received: number[] }> {
    const received: number[] = [];
    const client = connect(url, { path: '/socket.io', transports, auth: { room }, forceNew: true, reconnection: false });
    client.on('msg', (value: number) => received.push(value));
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('connect_error', reject);
    });
    // The server joins the room in its connection handler; wait until it has.
    await waitFor(() => (server.of('/').adapter.rooms.get(room)?.has(serverSocketOf(client).id) ?? false));
    return { client, received };
  }

  function serverSocketOf(client: ClientSocket): Socket {
    const socket = [...server.of('/').sockets.values()].find((candidate) => candidate.id === client.id);
    if (!socket) throw new Error('no server socket for this client');
    return socket;
  }

  /** Counts the OS writes of the server side of `client`'s connection from now on. */
  function countWrites(client: ClientSocket): () => number {
    const tcp = (serverSocketOf(client).conn.transport as unknown as { socket: { _socket: TcpSocket & { _write: unknown; _writev: unknown } } }).socket._socket;
    let writes = 0;
    for (const method of ['_write', '_writev'] as const) {
      const original = tcp[method] as (...args: unknown[]) => unknown;
      tcp[method] = function (this: unknown, ...args: unknown[]) {
        writes += 1;
        return original.apply(this, args);
      };
    }
    return () => writes;
  }

  it('gives each socket of the rooms all its frames of one burst in one write, in order', async () => {
    const a1 = await join('a');
    const a2 = await join('a');
    const b1 = await join('b');
    const writes = [a1, a2, b1].map(({ client }) => countWrites(client));

    emitCoalesced(server, ['a', 'b'], () => {
      for (const value of [1, 2, 3]) server.to('a').emit('msg', value);
      server.to('b').emit('msg', 10);
      server.to('b').emit('msg', 11);
    });

    await waitFor(() => a1.received.length === 3 && a2.received.length === 3 && b1.received.length === 2);
    expect(a1.received).toEqual([1, 2, 3]);
    expect(a2.received).toEqual([1, 2, 3]);
    expect(b1.received).toEqual([10, 11]);
    expect(writes.map((count) => count())).toEqual([1, 1, 1]);
  });

  it('is what saves the writes: the same burst emitted plainly costs one write per frame', async () => {
    const a1 = await join('a');
    const writes = countWrites(a1.client);

    for (const value of [1, 2, 3]) server.to('a').emit('msg', value);

    await waitFor(() => a1.received.length === 3);
    expect(a1.received).toEqual([1, 2, 3]);
    expect(writes()).toBe(3);
  });

  it('keeps the order after a frame that is still being written, and leaves rooms it was not given alone', async () => {
    const a1 = await join('a');
    const c1 = await join('c');
    // Written at once; the transport stays busy until its callback (the next tick), so it is not held below.
    server.to('a').emit('msg', 0);
    emitCoalesced(server, ['a'], () => {
      server.to('a').emit('msg', 1);
      server.to('c').emit('msg', 100);
      server.to('a').emit('msg', 2);
      server.to('c').emit('msg', 101);
    });
    server.to('a').emit('msg', 3);

    await waitFor(() => a1.received.length === 4 && c1.received.length === 2);
    expect(a1.received).toEqual([0, 1, 2, 3]);
    expect(c1.received).toEqual([100, 101]);
  });

  it('leaves a long-polling client to Engine.IO, which still gets everything in order', async () => {
    const polling = await join('a', ['polling']);
    const ws = await join('a');

    emitCoalesced(server, ['a'], () => {
      for (const value of [1, 2, 3]) server.to('a').emit('msg', value);
    });

    await waitFor(() => polling.received.length === 3 && ws.received.length === 3);
    expect(polling.received).toEqual([1, 2, 3]);
    expect(ws.received).toEqual([1, 2, 3]);
  });

  it('releases every held socket when an emit throws, so later frames still go out', async () => {
    const a1 = await join('a');

    expect(() =>
      emitCoalesced(server, ['a'], () => {
        server.to('a').emit('msg', 1);
        throw new Error('a push failed half-way');
      }),
    ).toThrow('a push failed half-way');
    server.to('a').emit('msg', 2);

    await waitFor(() => a1.received.length === 2);
    expect(a1.received).toEqual([1, 2]);
    const transport = serverSocketOf(a1.client).conn.transport as unknown as { writable: boolean };
    await waitFor(() => transport.writable);
  });
});
