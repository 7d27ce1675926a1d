import { Inject, Injectable } from '@nestjs/common';
import { chatRpc, CONFIG, LOGGER, RpcClient, type Logger } from '@tec/shared';
import type { ParentPortalConfig } from '../config';

/**
 * Unread chat messages of a parent, for the digest, over chat's `unreadSummary` RPC (service auth). When chat does not
 * answer in time the digest leaves the field out rather than waiting or guessing.
 */
@Injectable()
export class ChatUnread {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(CONFIG) private readonly config: ParentPortalConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async totalFor(parentId: string): Promise<number | undefined> {
    try {
      const summary = await this.rpc.call(chatRpc.unreadSummary, { userId: parentId }, { kind: 'service', service: 'parent-portal' }, { timeoutMs: this.config.PARENT_PORTAL_CHAT_TIMEOUT_MS });
      return summary.totalUnread;
    } catch (error) {
      this.logger.warn({ err: error }, 'chat.unreadSummary unavailable; digest without unread messages');
      return undefined;
    }
  }
}
