import type { LiveClass } from '@tec/shared/contracts';
import { isApiError } from '../../api/api-error';
import { t } from '../../i18n';
import { errorTitle } from '../../i18n/error-messages';
import type { Formatters } from '../../i18n/use-format';
import { opensAtOf } from './live-class-logic';

/** One clear sentence for a failed join: not enrolled, not open yet (until when), full, cancelled, over. */
export function joinErrorMessage(error: unknown, item: Pick<LiveClass, 'status' | 'maxParticipants'>, format: Formatters): string {
  if (!isApiError(error)) return t('errors.unexpected');
  switch (error.code) {
    case 'NOT_ENROLLED':
      return t('liveClasses.join.error.notEnrolled');
    case 'CLASS_FULL':
      return item.maxParticipants ? t('liveClasses.join.error.fullOf', { count: item.maxParticipants }) : t('liveClasses.join.error.full');
    case 'JOIN_WINDOW_CLOSED': {
      const opensAt = opensAtOf(error.details);
      if (opensAt) return t('liveClasses.join.error.notOpen', { time: format.time(opensAt) });
      if (item.status === 'cancelled' || /cancel/i.test(error.message)) return t('liveClasses.join.error.cancelled');
      return t('liveClasses.join.error.over');
    }
    default:
      return `${errorTitle(error.code)} · ${error.message}`;
  }
}

/** Q&A failures in words (a question on a finished class, a vote on one's own question…). */
export function questionErrorMessage(error: unknown): string {
  if (!isApiError(error)) return t('errors.unexpected');
  if (error.code === 'NOT_ENROLLED') return t('liveClasses.join.error.notEnrolled');
  return `${errorTitle(error.code)} · ${error.message}`;
}
