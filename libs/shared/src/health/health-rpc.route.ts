import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { healthRpc } from '../contracts/health';
import type { ServiceName } from '../contracts/rpc-contract';
import { PLATFORM_OPTIONS, type PlatformOptions } from '../nest/tokens';
import { RpcServer } from '../rpc/rpc-server';
import { HealthService } from './health.service';

/**
 * Serves `rpc.<service>.health` for every service. Registered at runtime because the pattern depends on
 * the service name, which a static `@RpcRoute` can't know. Any caller may ask: the report holds nothing private.
 */
@Injectable()
export class HealthRpcRoute implements OnModuleInit {
  constructor(
    private readonly rpcServer: RpcServer,
    private readonly health: HealthService,
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
  ) {}

  /** Before bootstrap, so the RPC server's start-up flush covers this route too. */
  onModuleInit(): void {
    // PlatformOptions types the name as a string so tools can boot the platform; services pass a ServiceName.
    this.rpcServer.register(healthRpc(this.options.serviceName as ServiceName), () => this.health.check());
  }
}
