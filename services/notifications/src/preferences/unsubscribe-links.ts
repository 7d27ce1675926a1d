import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, type NotificationCategory } from '@tec/shared';
import type { NotificationsConfig } from '../config';

export interface UnsubscribeClaims {
  email: string;
  userId: string | null;
  /** The category of the email it came in; null unsubscribes the address from all email. */
  category: NotificationCategory | null;
}

/**
 * Signed, non-expiring links (RFC 8058 one-click must work long after the email arrived): `<payload>.<hmac>`,
 * both base64url, HMAC-SHA256 with UNSUBSCRIBE_SECRET. Knowing a user id or address is not enough to forge one.
 */
@Injectable()
export class UnsubscribeLinks {
  constructor(@Inject(CONFIG) private readonly config: NotificationsConfig) {}

  sign(claims: UnsubscribeClaims): string {
    const payload = Buffer.from(JSON.stringify([claims.email, claims.userId, claims.category])).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  verify(token: string): UnsubscribeClaims | null {
    const [payload, mac] = token.split('.');
    if (!payload || !mac) return null;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const [email, userId, category] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [string, string | null, NotificationCategory | null];
      return typeof email === 'string' ? { email, userId: userId ?? null, category: category ?? null } : null;
    } catch {
      return null;
    }
  }

  /** The one-click endpoint (POST, RFC 8058) through the gateway. */
  oneClickUrl(claims: UnsubscribeClaims): string {
    return `${this.base()}/api/v1/notifications/unsubscribe?token=${this.sign(claims)}`;
  }

  /** The web page that shows the choice and the preferences. */
  preferencesUrl(claims: UnsubscribeClaims): string {
    return `${this.base()}/notifications/unsubscribe?token=${this.sign(claims)}`;
  }

  private base(): string {
    return this.config.PUBLIC_APP_URL.replace(/\/$/, '');
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.config.UNSUBSCRIBE_SECRET).update(payload).digest('base64url');
  }
}
