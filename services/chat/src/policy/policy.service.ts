import { Inject, Injectable } from '@nestjs/common';
import { attachmentTooLargeMessage, CONFIG, DomainError, type AuthContext, type ChatPolicy, type RpcParsedRequest, type chatRpc } from '@tec/shared';
import type { ChatConfig } from '../config';
import { PolicyRepository } from './policy.repository';

/**
 * The school's chat policy, cached briefly per instance (every send reads it). Admins read and change it. The
 * attachment limit is capped by the deployment's CHAT_ATTACHMENT_MAX_BYTES: an admin cannot set more, and a stored
 * limit above a lowered setting reads (and applies) as the setting.
 */
@Injectable()
export class PolicyService {
  private cached: { policy: ChatPolicy; until: number } | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: ChatConfig,
    private readonly repository: PolicyRepository,
  ) {}

  async current(): Promise<ChatPolicy> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.policy;
    const policy = this.effective(await this.repository.get());
    this.cached = { policy, until: Date.now() + this.config.CHAT_POLICY_CACHE_MS };
    return policy;
  }

  async get(auth: AuthContext): Promise<ChatPolicy> {
    if (auth.kind !== 'user') throw DomainError.forbidden();
    return this.current();
  }

  async update(auth: AuthContext, changes: RpcParsedRequest<typeof chatRpc.policyUpdate>): Promise<ChatPolicy> {
    if (auth.kind !== 'user' || auth.role !== 'admin') throw DomainError.forbidden('Only admins change the chat policy');
    const ceiling = this.config.CHAT_ATTACHMENT_MAX_BYTES;
    if (changes.attachmentMaxBytes !== undefined && changes.attachmentMaxBytes > ceiling) {
      throw DomainError.validation(
        [{ path: 'attachmentMaxBytes', message: `${attachmentTooLargeMessage(ceiling)} on this server (CHAT_ATTACHMENT_MAX_BYTES)` }],
        'The policy is not valid',
      );
    }
    const policy = this.effective(await this.repository.update(auth.userId, changes));
    this.cached = null;
    return policy;
  }

  private effective(stored: ChatPolicy): ChatPolicy {
    return { ...stored, attachmentMaxBytes: Math.min(stored.attachmentMaxBytes, this.config.CHAT_ATTACHMENT_MAX_BYTES) };
  }
}
