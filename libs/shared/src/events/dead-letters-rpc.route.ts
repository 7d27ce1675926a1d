import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import type { DataSource } from 'typeorm';
import type { AuthContext } from '../contracts/auth-context';
import { deadLettersListRpc, deadLettersReplayRpc, type DeadLetterView } from '../contracts/dead-letters';
import { EventEnvelope } from '../contracts/event-contract';
import type { ServiceName } from '../contracts/rpc-contract';
import { DomainError } from '../errors/domain-error';
import { correlationHeaders, withPrefix } from '../nats/nats-connection';
import { DATA_SOURCE, NATS_CONNECTION, PLATFORM_OPTIONS, type PlatformOptions } from '../nest/tokens';
import { RpcServer } from '../rpc/rpc-server';
import { DeadLetterEntity } from './dead-letter.entity';
import { listDeadLetters } from './dead-letter.repository';

function assertAdmin(auth: AuthContext): void {
  if (auth.kind === 'service' || (auth.kind === 'user' && auth.role === 'admin')) return;
  throw DomainError.forbidden('Only admins can see and replay dead letters');
}

function toView(letter: DeadLetterEntity): DeadLetterView {
  return {
    id: letter.id,
    consumer: letter.consumer,
    eventId: letter.eventId,
    subject: letter.subject,
    reason: letter.reason,
    deliveries: letter.deliveries,
    createdAt: letter.createdAt.toISOString(),
    envelope: letter.envelope,
  };
}

/** Serves `rpc.<service>.deadLettersList` and `deadLettersReplay` for every service: dead letters are visible to admins. */
@Injectable()
export class DeadLettersRpcRoute implements OnModuleInit {
  constructor(
    private readonly rpcServer: RpcServer,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
  ) {}

  onModuleInit(): void {
    const service = this.options.serviceName as ServiceName;
    this.rpcServer.register(deadLettersListRpc(service), async (request, auth) => {
      assertAdmin(auth);
      const page = await listDeadLetters(this.dataSource, { limit: request.limit, before: request.before });
      return { items: page.items.map(toView), nextCursor: page.nextCursor };
    });
    this.rpcServer.register(deadLettersReplayRpc(service), async (request, auth) => {
      assertAdmin(auth);
      return this.replay(request.deadLetterId);
    });
  }

  private async replay(deadLetterId: string) {
    const letters = this.dataSource.getRepository(DeadLetterEntity);
    const letter = await letters.findOneBy({ id: deadLetterId });
    if (!letter) throw DomainError.notFound('Dead letter');
    const envelope = EventEnvelope.safeParse(letter.envelope);
    if (!envelope.success) throw new DomainError('CONFLICT', 'This message was not a valid event envelope and cannot be replayed');
    const { id: eventId, subject, correlationId } = envelope.data;
    // A distinct message id: the original one may still be inside the stream's duplicate window.
    await this.nats.jetstream().publish(withPrefix(this.options.subjectPrefix, subject), JSON.stringify(envelope.data), {
      msgID: `${eventId}:replay:${letter.id}`,
      headers: correlationHeaders(correlationId),
    });
    await letters.delete({ id: letter.id });
    return { deadLetterId: letter.id, eventId, replayedAt: new Date().toISOString() };
  }
}
