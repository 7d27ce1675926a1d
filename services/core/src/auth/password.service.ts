import { Injectable } from '@nestjs/common';
import { argon2id, hash as argon2Hash, verify as argon2Verify } from 'argon2';

/**
 * argon2id with OWASP's minimum profile (19 MiB, 2 passes). Verification of an unknown email runs against
 * a dummy hash, so a wrong email costs the same time as a wrong password.
 */
@Injectable()
export class PasswordService {
  private static readonly options = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2Hash(password, PasswordService.options);
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) {
      await this.verifyDummy(password);
      return false;
    }
    try {
      return await argon2Verify(hash, password);
    } catch {
      return false;
    }
  }

  async verifyDummy(password: string): Promise<void> {
    this.dummyHash ??= this.hash('dummy-password-for-timing');
    await argon2Verify(await this.dummyHash, password).catch(() => false);
  }
}
