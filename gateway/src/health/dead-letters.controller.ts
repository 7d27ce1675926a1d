import { Controller, Get, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  DeadLetterPageView,
  DeadLetterReplayed,
  deadLettersListRpc,
  DeadLettersListRequest,
  deadLettersReplayRpc,
  RpcClient,
  SERVICE_NAMES,
  type AuthContext,
} from '@tec/shared';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { Endpoint } from '../http/endpoint.decorator';
import { Input } from '../http/input.decorator';

const ServiceParams = z.object({ service: z.enum(SERVICE_NAMES) });
const LetterParams = ServiceParams.extend({ deadLetterId: z.uuid() });

/** Events a service's consumers gave up on: visible to admins, and replayable once the cause is fixed. */
@Controller('admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':service')
  @Endpoint({
    tag: 'operations',
    summary: "A service's dead letters, newest first (cursor pagination)",
    access: { kind: 'authenticated', roles: ['admin'] },
    params: ServiceParams,
    query: DeadLettersListRequest,
    response: DeadLetterPageView,
  })
  list(@Input('params') params: z.infer<typeof ServiceParams>, @Input('query') query: z.infer<typeof DeadLettersListRequest>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(deadLettersListRpc(params.service), query, auth);
  }

  @Post(':service/:deadLetterId/replay')
  @Endpoint({
    tag: 'operations',
    summary: 'Publish a dead-lettered event again for the consumers that did not handle it, and remove the letter',
    access: { kind: 'authenticated', roles: ['admin'] },
    params: LetterParams,
    response: DeadLetterReplayed,
  })
  replay(@Input('params') params: z.infer<typeof LetterParams>, @CurrentAuth() auth: AuthContext) {
    return this.rpc.call(deadLettersReplayRpc(params.service), { deadLetterId: params.deadLetterId }, auth);
  }
}
