import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, signAccessToken, type AccessTokenKeys, type Role, type SignedAccessToken } from '@tec/shared';
import type { CoreConfig } from '../config';
import { ACCESS_TOKEN_KEYS } from '../tokens';

/** Signs ES256 access tokens with core's private key; only core holds it. */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    @Inject(CONFIG) private readonly config: CoreConfig,
    @Inject(ACCESS_TOKEN_KEYS) private readonly keys: AccessTokenKeys,
  ) {}

  issue(user: { id: string; role: Role }, sessionId: string): Promise<SignedAccessToken> {
    return signAccessToken({
      userId: user.id,
      role: user.role,
      sessionId,
      privateKey: this.keys.privateKey,
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
      ttlSeconds: this.config.ACCESS_TOKEN_TTL_SECONDS,
    });
  }
}
