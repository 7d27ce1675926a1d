import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'nats';
import { coreEvents, EventEnvelope, LOGGER, NATS_CONNECTION, withPrefix, type Logger, type NatsConnection } from '@tec/shared';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../tokens';

const decoder = new TextDecoder();
/** Longer than any access token lives (core's ACCESS_TOKEN_TTL_SECONDS is 15 minutes by default). */
const REMEMBER_MS = 2 * 60 * 60 * 1000;

/**
 * Access tokens are verified by signature alone, so without this a deactivated, erased or re-passworded account
 * would keep working until its token expires. Every gateway instance listens (no queue group) to core's
 * `user_updated` (deactivated, or a new password) and `user_erasure_requested` events as they are published, and
 * refuses that user's tokens issued before the change. Kept in memory for longer than a token lives; an instance
 * started after the change relies on the account's refresh sessions, which core has already revoked.
 */
@Injectable()
export class RevokedUsers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly revokedAt = new Map<string, number>();
  private subscriptions: Subscription[] = [];

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.subscriptions = [
      this.listen(coreEvents.userUpdated, (payload) => {
        if (!payload.active || payload.changed.includes('password')) this.revoke(payload.user.id);
      }),
      this.listen(coreEvents.userErasureRequested, (payload) => this.revoke(payload.userId)),
    ];
  }

  /** Tokens of this user issued before now stop working on this instance. */
  revoke(userId: string, at = Date.now()): void {
    this.revokedAt.set(userId, at);
    for (const [id, when] of this.revokedAt) {
      if (when < at - REMEMBER_MS) this.revokedAt.delete(id);
      else break; // insertion order: the rest are newer
    }
  }

  /** JWT `iat` has whole seconds: a token from the same second as the change is still accepted. */
  isRevoked(userId: string, issuedAt: Date): boolean {
    const at = this.revokedAt.get(userId);
    return at !== undefined && issuedAt.getTime() + 1000 <= at;
  }

  onApplicationShutdown(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }

  private listen<C extends (typeof coreEvents)[keyof typeof coreEvents]>(contract: C, apply: (payload: C['schema']['_output']) => void): Subscription {
    return this.nats.subscribe(withPrefix(this.config.NATS_SUBJECT_PREFIX, contract.subject), {
      callback: (error, message) => {
        if (error) return;
        try {
          const envelope = EventEnvelope.parse(JSON.parse(decoder.decode(message.data)));
          apply(contract.schema.parse(envelope.payload));
        } catch {
          this.logger.warn({ subject: message.subject }, 'an account event that does not match its contract was ignored');
        }
      },
    });
  }
}
