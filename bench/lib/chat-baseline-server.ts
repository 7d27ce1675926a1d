/**
 * The chat benchmark's baseline: a bare Socket.IO server in its own process that joins sockets to rooms and
 * broadcasts each `send_message` to its room. No authentication, authorization, storage, ordering, unread counts
 * or cross-instance relay: the floor any chat built on Socket.IO pays.
 */
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from 'socket.io';

const { port } = JSON.parse(process.argv[2] ?? '{}') as { port: number };
const http = createServer();
const io = new Server(http, { path: '/socket.io', transports: ['websocket'] });
const sequences = new Map<string, number>();

io.on('connection', (socket) => {
  socket.emit('session_ready', { userId: socket.id, serverTime: new Date().toISOString() });
  socket.on('join_conversation', (body: { conversationId: string }, ack: (reply: unknown) => void) => {
    void socket.join(`conversation:${body.conversationId}`);
    ack({ ok: true, room: `conversation:${body.conversationId}` });
  });
  socket.on('send_message', (body: { conversationId: string; body: string; clientId?: string }, ack: (reply: unknown) => void) => {
    const seq = (sequences.get(body.conversationId) ?? 0) + 1;
    sequences.set(body.conversationId, seq);
    const message = { id: randomUUID(), conversationId: body.conversationId, seq, body: body.body, clientId: body.clientId ?? null, createdAt: new Date().toISOString() };
    io.to(`conversation:${body.conversationId}`).emit('new_message', message);
    ack({ ok: true, message });
  });
});

http.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  void io.close();
  process.exit(0);
});
