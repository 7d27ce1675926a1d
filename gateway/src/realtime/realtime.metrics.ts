import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { METRICS, type PlatformMetrics } from '@tec/shared';
import { SocketGateway } from './socket.gateway';

/** `tec_socket_connections`: sockets connected to this gateway instance, read from Socket.IO at scrape time. */
@Injectable()
export class RealtimeMetrics implements OnApplicationBootstrap {
  constructor(
    @Inject(METRICS) private readonly metrics: PlatformMetrics,
    private readonly sockets: SocketGateway,
  ) {}

  onApplicationBootstrap(): void {
    this.metrics.registerGauge({
      name: 'tec_socket_connections',
      help: 'Socket.IO connections (authenticated sockets) on this gateway instance',
      collect: (gauge) => gauge.set(this.sockets.server?.of('/').sockets.size ?? 0),
    });
  }
}
