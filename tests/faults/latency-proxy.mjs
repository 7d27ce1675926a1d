// A TCP proxy with injectable latency, put between one service and Postgres (its DATABASE_URL points here).
// `delayMs` applies to every chunk in both directions; chunks keep their order (equal delays fire in order).
import net from 'node:net';

export async function startLatencyProxy(targetPort, targetHost = '127.0.0.1') {
  const sockets = new Set();
  const state = { delayMs: 0, connections: 0 };
  const pipe = (from, to) => {
    from.on('data', (chunk) => {
      const delay = state.delayMs;
      if (delay <= 0) to.write(chunk);
      else setTimeout(() => to.destroyed || to.write(chunk), delay);
    });
    from.on('end', () => setTimeout(() => to.end(), state.delayMs));
    from.on('error', () => to.destroy());
    from.on('close', () => to.destroy());
  };
  const server = net.createServer((client) => {
    state.connections += 1;
    const upstream = net.connect({ host: targetHost, port: targetPort });
    sockets.add(client);
    sockets.add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    state,
    setDelay(ms) {
      state.delayMs = ms;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
