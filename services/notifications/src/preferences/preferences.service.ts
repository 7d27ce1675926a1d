import { Inject, Injectable } from '@nestjs/common';
import {
  DATA_SOURCE,
  DomainError,
  NOTIFICATION_CATEGORIES,
  NOTIFICATION_CHANNELS,
  enqueueEvent,
  notificationsEvents,
  type AuthContext,
  type QuietHours,
  type RpcParsedRequest,
  notificationsRpc,
} from '@tec/shared';
import type { DataSource } from 'typeorm';
import { requireUser } from '../common/access';
import { SuppressionsRepository } from '../email/suppressions.repository';
import { RecipientsRepository } from '../users/recipients.repository';
import { effectiveMode, isLocked } from './categories';
import { PreferencesRepository } from './preferences.repository';
import { UnsubscribeLinks } from './unsubscribe-links';

/** Preferences, quiet hours and the signed unsubscribe links; always the caller's own (or the token's holder). */
@Injectable()
export class PreferencesService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly preferences: PreferencesRepository,
    private readonly recipients: RecipientsRepository,
    private readonly suppressions: SuppressionsRepository,
    private readonly links: UnsubscribeLinks,
  ) {}

  async view(userId: string) {
    const [modes, quietHours, recipient] = await Promise.all([
      this.preferences.modesOf(userId),
      this.preferences.quietHoursOf(userId),
      this.recipients.findById(userId),
    ]);
    const preferences = NOTIFICATION_CATEGORIES.flatMap((category) =>
      NOTIFICATION_CHANNELS.map((channel) => ({ category, channel, mode: effectiveMode(modes, category, channel), locked: isLocked(category) })),
    );
    const emailSuppressed = recipient ? await this.suppressions.isSuppressed(recipient.email) : false;
    return { timezone: recipient?.timezone ?? 'UTC', preferences, quietHours, emailSuppressed };
  }

  get(auth: AuthContext) {
    return this.view(requireUser(auth).userId);
  }

  async update(auth: AuthContext, request: RpcParsedRequest<typeof notificationsRpc.preferencesUpdate>) {
    const user = requireUser(auth);
    const locked = request.preferences.filter((cell) => isLocked(cell.category) && cell.mode !== 'immediately');
    if (locked.length > 0) {
      throw new DomainError('FORBIDDEN', `${locked.map((cell) => cell.category).join(', ')} notifications are critical and can't be turned off or batched`, {
        locked: locked.map((cell) => ({ category: cell.category, channel: cell.channel })),
      });
    }
    await this.preferences.setModes(user.userId, request.preferences);
    return this.view(user.userId);
  }

  async setQuietHours(auth: AuthContext, quiet: QuietHours) {
    const user = requireUser(auth);
    await this.preferences.setQuietHours(user.userId, quiet);
    return this.view(user.userId);
  }

  private claims(token: string) {
    const claims = this.links.verify(token);
    if (!claims) throw new DomainError('TOKEN_INVALID', 'This unsubscribe link is not valid');
    return claims;
  }

  /** What the landing page shows before (or after) the click. */
  async landing(token: string) {
    const claims = this.claims(token);
    const suppressed = await this.suppressions.isSuppressed(claims.email);
    let off = false;
    if (claims.userId && claims.category && !isLocked(claims.category)) {
      off = effectiveMode(await this.preferences.modesOf(claims.userId), claims.category, 'email') === 'off';
    }
    return { email: claims.email, category: claims.category, unsubscribed: suppressed || off };
  }

  /**
   * One click (RFC 8058 POST, or the button on the page): a known user's category goes off for email; a critical
   * category or an unknown address puts the address on the suppression list, since the mail must stop either way.
   */
  async confirm(token: string) {
    const claims = this.claims(token);
    const recipient = claims.userId ? await this.recipients.findById(claims.userId) : null;
    if (recipient && claims.category && !isLocked(claims.category)) {
      await this.preferences.setModes(recipient.id, [{ category: claims.category, channel: 'email', mode: 'off' }]);
    } else {
      await this.dataSource.transaction(async (manager) => {
        const added = await this.suppressions.add(manager, claims.email, 'unsubscribe', claims.category ? `one-click from ${claims.category}` : 'one-click');
        if (added) {
          await enqueueEvent(manager, notificationsEvents.contactUndeliverable, {
            userId: recipient?.id ?? null, email: claims.email, role: recipient?.role ?? null, reason: 'unsubscribe', detail: null, at: new Date().toISOString(),
          });
        }
      });
    }
    return this.landing(token);
  }
}
