import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { RealtimeClient } from './realtime-client';

/**
 * The client against a real Socket.IO server that behaves like the gateway: the handshake takes only the current
 * token, and when that token expires the server sends `session_expired` and disconnects the socket.
 */
describe('RealtimeClient when the session expires while connected', () => {
  let http: HttpServer;
  let io: Server;
  let valid = 'token-1';
  const handshakes: string[] = [];
  const connections: ServerSocket[] = [];

  beforeAll(async () => {
    http = createServer();
    io = new Server(http, { path: '/socket.io' });
    io.use((socket, next) => {
      const token = String(socket.handshake.auth.token);
      handshakes.push(token);
      if (token === valid) next();
      else next(Object.assign(new Error('TOKEN_EXPIRED'), { data: { code: 'TOKEN_EXPIRED' } }));
    });
    io.on('connection', (socket) => connections.push(socket));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    // The browser globals the client uses: the page's location (same-origin socket), online state, window events.
    const { port } = http.address() as AddressInfo;
    Object.assign(globalThis, { location: new URL(`http://127.0.0.1:${port}/`), window: new EventTarget() });
    Object.defineProperty(globalThis, 'navigator', { value: { onLine: true }, configurable: true });
  });

  afterAll(async () => {
    io.disconnectSockets(true);
    await new Promise((resolve) => io.close(resolve));
  });

  const until = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 5000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('refreshes the token on session_expired and reconnects once with the new one, then receives again', async () => {
    let token = 'token-1';
    let refreshes = 0;
    let resyncs = 0;
    const client = new RealtimeClient({
      getAccessToken: () => token,
      refreshAccessToken: async () => {
        refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
        token = `token-${refreshes + 1}`;
        valid = token;
      },
      onResync: () => {
        resyncs += 1;
      },
    });
    const received: string[] = [];
    client.on('notification', (payload) => received.push(payload.id));
    client.connect();
    await until(() => client.getStatus() === 'online' && connections.length === 1, 'the first connection');

    // The gateway's expiry: the notice, then a server-side disconnect.
    valid = 'nobody';
    connections[0]!.emit('session_expired', { code: 'TOKEN_EXPIRED', message: 'Your session expired', expiredAt: new Date().toISOString() });
    connections[0]!.disconnect();
    await until(() => connections.length === 2 && client.getStatus() === 'online', 'the reconnection');

    expect(refreshes).toBe(1);
    // No retry with the stale token in between: the client waited for the refresh.
    expect(handshakes).toEqual(['token-1', 'token-2']);
    expect(resyncs).toBe(1);
    connections[1]!.emit('notification', { id: 'after-refresh', title: 't', body: 'b', createdAt: new Date().toISOString() });
    await until(() => received.length === 1, 'a push on the new connection');
    expect(received).toEqual(['after-refresh']);
    client.disconnect();
  });
});
