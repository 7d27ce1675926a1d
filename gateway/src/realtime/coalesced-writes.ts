import type { Server } from 'socket.io';

/**
 * The parts of Engine.IO's connection and WebSocket transport this relies on (engine.io 6: `Socket.flush()` sends
 * the whole `writeBuffer` when `transport.writable`; the `websocket` transport wraps a `ws` WebSocket whose `_socket`
 * is the TCP socket). Checked at run time: a connection that does not look like this is left alone.
 */
interface EngineConnection {
  readyState: string;
  upgrading?: boolean;
  writeBuffer: unknown[];
  flush(): void;
  transport: { name: string; writable: boolean; socket?: { _socket?: { cork(): void; uncork(): void } } };
}

/**
 * Runs `emit` (synchronous Socket.IO emits to `rooms`) so that each WebSocket client in those rooms gets every frame
 * of it in ONE TCP write, instead of one write per frame.
 *
 * Engine.IO writes a packet at once when its transport is writable, and queues the ones that follow until that
 * write's callback (the next tick), then writes each queued packet on its own: a socket that gets three messages of
 * one push batch costs three `writev` system calls, and its phone three TCP segments to wake up for. Here every such
 * connection is held (marked not writable, so its packets queue in order in its own buffer) while `emit` runs, then
 * released: its TCP socket corked, its buffer flushed (one WebSocket frame per packet, as before), uncorked, so the
 * frames leave in one write. Order per socket is unchanged; clients see the same frames.
 *
 * Only connections that are open, on the websocket transport, not upgrading and writable right now are held (the
 * others queue as usual). `emit` must not be volatile (a held transport would drop it) and must not await.
 */
export function emitCoalesced(server: Server, rooms: readonly string[], emit: () => void): void {
  if (rooms.length === 0) {
    emit();
    return;
  }
  const namespace = server.of('/');
  const held: EngineConnection[] = [];
  for (const room of rooms) {
    for (const socketId of namespace.adapter.rooms.get(room) ?? []) {
      // A socket in two of the rooms is held once: once held, it is no longer writable.
      const connection = namespace.sockets.get(socketId)?.conn as unknown as EngineConnection | undefined;
      if (!connection || !holdable(connection)) continue;
      connection.transport.writable = false;
      held.push(connection);
    }
  }
  try {
    emit();
  } finally {
    for (const connection of held) release(connection);
  }
}

function holdable(connection: EngineConnection): boolean {
  const { transport } = connection;
  return (
    connection.readyState === 'open' &&
    !connection.upgrading &&
    transport?.name === 'websocket' &&
    transport.writable === true &&
    typeof connection.flush === 'function' &&
    typeof transport.socket?._socket?.cork === 'function'
  );
}

function release(connection: EngineConnection): void {
  const { transport } = connection;
  transport.writable = true;
  if (connection.writeBuffer.length === 0) return;
  const tcp = transport.socket!._socket!;
  tcp.cork();
  try {
    connection.flush();
  } finally {
    tcp.uncork();
  }
}
