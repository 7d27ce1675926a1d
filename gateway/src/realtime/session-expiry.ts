import type { Socket } from 'socket.io';

/** The longest delay setTimeout honours (about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One timer per connected socket, set for the moment its access token expires and cleared when it disconnects.
 * The handshake is the only place a socket presents a token, so without this a socket would stay connected (and
 * keep receiving its rooms' pushes) long after the token that let it in has expired. Nothing is checked per event.
 */
export class SessionExpiryTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly onExpired: (socket: Socket, expiredAt: Date) => void) {}

  watch(socket: Socket, expiresAt: Date): void {
    this.forget(socket.id);
    const delay = expiresAt.getTime() - Date.now();
    if (delay <= 0) {
      this.onExpired(socket, expiresAt);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(socket.id);
      // A timer may fire a millisecond early, or be a long token's first leg: check the clock, not the timer.
      if (Date.now() < expiresAt.getTime()) this.watch(socket, expiresAt);
      else this.onExpired(socket, expiresAt);
    }, Math.min(delay, MAX_TIMER_MS));
    timer.unref();
    this.timers.set(socket.id, timer);
  }

  forget(socketId: string): void {
    clearTimeout(this.timers.get(socketId));
    this.timers.delete(socketId);
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Sockets being watched (for tests and metrics). */
  get size(): number {
    return this.timers.size;
  }
}
