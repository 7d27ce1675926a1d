import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { ServerOptions } from 'socket.io';
import type { GatewayConfig } from '../config';

/** Socket.IO with the same origin allow-list as REST, and modest limits for phones on flaky networks. */
export class ConfiguredIoAdapter extends IoAdapter {
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
}
