import { type INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { isObservable, lastValueFrom } from 'rxjs';
import type { ServerOptions } from 'socket.io';
import type { GatewayConfig } from '../config';

/**
 * Socket.IO with the same origin allow-list as REST, and modest limits for phones on flaky networks.
 *
 * Message handlers are bound with a plain listener per event instead of Nest's default rxjs pipeline (fromEvent →
 * mergeMap → from(promise) → filter → map → takeUntil for every message): the same contract (the handler's
 * non-nil result acknowledges, `{event, data}` emits, an Observable's last value counts), at a fraction of the
 * cost per message, which matters at chat rates. Guards, pipes and exception filters are Nest's, unchanged: they
 * live inside `callback`.
 */
type AdapterSocket = Parameters<IoAdapter['bindMessageHandlers']>[0];
type MessageHandlers = Parameters<IoAdapter['bindMessageHandlers']>[1];

export class ConfiguredIoAdapter extends IoAdapter {
  private readonly logger = new Logger('ConfiguredIoAdapter');

  constructor(
    app: INestApplicationContext,
    private readonly config: GatewayConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): unknown {
    return super.createIOServer(port, {
      ...options,
      path: '/socket.io',
      cors: { origin: this.config.CORS_ORIGINS, credentials: true },
      maxHttpBufferSize: 1_000_000,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      connectionStateRecovery: undefined,
    });
  }

  override bindMessageHandlers(socket: AdapterSocket, handlers: MessageHandlers): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        // As rxjs fromEvent hands it to Nest: one argument as itself (an emit without an ack, like the web's
        // volatile `typing`), several as an array whose last element may be the ack.
        const payload = args.length === 1 ? args[0] : args.length === 0 ? undefined : args;
        const { data, ack } = this.mapPayload(payload) as { data: unknown; ack?: (response: unknown) => void };
        void settle(() => callback(data, ack)).then(
          (response) => {
            if (response === null || response === undefined) return;
            const event = (response as { event?: unknown }).event;
            if (typeof event === 'string') {
              socket.emit(event, (response as { data?: unknown }).data);
              return;
            }
            if (!isAckHandledManually && typeof ack === 'function') ack(response);
          },
          (error: unknown) => this.logger.error(`socket handler for "${String(message)}" failed: ${error instanceof Error ? error.message : String(error)}`),
        );
      });
    }
  }
}

/** A handler's result as a promise: a value, a promise, or an Observable (its last value, as Nest takes it). */
async function settle(run: () => unknown): Promise<unknown> {
  const result = await run();
  return isObservable(result) ? lastValueFrom(result, { defaultValue: undefined }) : result;
}
