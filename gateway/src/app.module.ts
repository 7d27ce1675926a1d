import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { Logger } from '@tec/shared';
import { EndpointGuard } from './auth/endpoint.guard';
import { RequestAuthenticator } from './auth/request-authenticator';
import type { GatewayConfig } from './config';
import { ATTENDANCE_CONTROLLERS } from './attendance';
import { CHAT_CONTROLLERS } from './chat';
import { ChatTransfers } from './chat/chat-transfers';
import { EvidenceTransfers } from './attendance/evidence-transfers';
import { CORE_CONTROLLERS } from './core';
import { DATA_RIGHTS_CONTROLLERS } from './data-rights';
import { LIVE_CLASSES_CONTROLLERS } from './live-classes';
import { NOTIFICATIONS_CONTROLLERS } from './notifications';
import { PARENT_PORTAL_CONTROLLERS } from './parent-portal';
import { GatewayPlatformModule } from './gateway-platform.module';
import { DeadLettersController } from './health/dead-letters.controller';
import { HealthController } from './health/health.controller';
import { GlobalExceptionFilter } from './http/global-exception.filter';
import { rateLimitOptions } from './http/rate-limits';
import { ValidationGuard } from './http/validation.guard';
import { ChatPresenceReporter } from './realtime/chat-presence.reporter';
import { ChatSocketGateway } from './realtime/chat-socket.gateway';
import { PushRelay } from './realtime/push-relay';
import { RealtimeMetrics } from './realtime/realtime.metrics';
import { RoomAuthorizer } from './realtime/room-authorizer';
import { SocketGateway } from './realtime/socket.gateway';
import { WebhooksController } from './webhooks/webhooks.controller';
import { SlidingWindowThrottlerStorage } from './http/sliding-window.storage';
import { RevokedUsers } from './auth/revoked-users';

/** Every REST controller. A new service adds its `<SERVICE>_CONTROLLERS` here (the OpenAPI test reads this list). */
export const GATEWAY_CONTROLLERS = [HealthController, DeadLettersController, WebhooksController, ...CORE_CONTROLLERS, ...ATTENDANCE_CONTROLLERS, ...NOTIFICATIONS_CONTROLLERS, ...PARENT_PORTAL_CONTROLLERS, ...LIVE_CLASSES_CONTROLLERS, ...CHAT_CONTROLLERS, ...DATA_RIGHTS_CONTROLLERS];

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, logger?: Logger): DynamicModule {
    // One set of counters per app: the throttler's limits and the guard's count of failed credentials.
    const rateLimitStorage = new SlidingWindowThrottlerStorage();
    return {
      module: GatewayModule,
      imports: [GatewayPlatformModule.forRoot(config, logger), ThrottlerModule.forRoot(rateLimitOptions(config, rateLimitStorage))],
      controllers: GATEWAY_CONTROLLERS,
      providers: [
        { provide: SlidingWindowThrottlerStorage, useValue: rateLimitStorage },
        RequestAuthenticator,
        RevokedUsers,
        SocketGateway,
        RoomAuthorizer,
        PushRelay,
        RealtimeMetrics,
        ChatPresenceReporter,
        ChatSocketGateway,
        ChatTransfers,
        EvidenceTransfers,
        // Order matters: authenticate first, so the per-user limit knows the user; validate last.
        { provide: APP_GUARD, useClass: EndpointGuard },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: ValidationGuard },
        { provide: APP_FILTER, useClass: GlobalExceptionFilter },
      ],
    };
  }
}
