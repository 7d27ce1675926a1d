import { Injectable } from '@nestjs/common';
import type { AuthContext, DigestSettings } from '@tec/shared';
import { requireUser } from '../common/access';
import { DigestRepository } from './digest.repository';

/** A parent's digest choice: weekly (default on) and daily on weekdays (default off). */
@Injectable()
export class DigestSettingsService {
  constructor(private readonly digests: DigestRepository) {}

  get(auth: AuthContext): Promise<DigestSettings> {
    return this.digests.getSettings(requireUser(auth, 'parent').userId);
  }

  update(auth: AuthContext, settings: DigestSettings): Promise<DigestSettings> {
    return this.digests.saveSettings(requireUser(auth, 'parent').userId, settings);
  }
}
