import { SetMetadata } from '@nestjs/common';
import type { RpcContract } from '../contracts/rpc-contract';

export const RPC_ROUTE = Symbol('tec:rpc-route');

/**
 * Marks a provider method as the handler of one RPC contract. The method receives the validated payload and
 * the caller's AuthContext: `handle(payload, auth)`. Keep it thin: authorize and call one service method.
 */
export const RpcRoute = (contract: RpcContract): MethodDecorator => SetMetadata(RPC_ROUTE, contract);
