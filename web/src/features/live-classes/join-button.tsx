import type { LiveClass } from '@tec/shared/contracts';
import { useState } from 'react';
import { t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Button } from '../../ui/button';
import { cx } from '../../ui/class-names';
import { formatCountdown, joinStateOf } from './live-class-logic';
import { joinErrorMessage } from './live-class-errors';
import { useJoinLiveClass } from './use-join-live-class';
import { useNow } from './use-now';

/**
 * Join (students) or Start (the teacher): disabled with a live countdown until the window opens, then asks for the
 * personal link and opens it in a new tab. The tab is opened inside the click (popup blockers allow that) and
 * pointed at the link once it arrives; on failure it is closed and the reason shown under the button.
 */
export function JoinButton({ item, asHost, compact = false }: { item: LiveClass; asHost: boolean; compact?: boolean }) {
  const format = useFormat();
  const join = useJoinLiveClass();
  const [error, setError] = useState<string | null>(null);
  const target = Date.parse(asHost ? item.startsAt : item.joinOpensAt);
  const now = useNow(target);
  const state = joinStateOf(item, now, asHost);
  const startsIn = Date.parse(item.startsAt) - now;

  const open = () => {
    setError(null);
    const tab = window.open('about:blank', '_blank');
    join.mutate(item.id, {
      onSuccess: (link) => {
        if (tab) {
          tab.opener = null;
          tab.location.href = link.url;
        } else {
          window.location.assign(link.url);
        }
      },
      onError: (failure) => {
        tab?.close();
        setError(joinErrorMessage(failure, item, format));
      },
    });
  };

  if (state.kind === 'cancelled') return <p className="text-sm font-medium text-rose-800">{t('liveClasses.join.cancelled')}</p>;
  if (state.kind === 'over') return compact ? null : <p className="text-sm text-slate-600">{t('liveClasses.join.over')}</p>;

  return (
    <div className={cx('flex flex-col gap-1.5', compact ? 'items-stretch sm:items-end' : 'items-start')}>
      {startsIn > 0 && (
        <p className="text-sm text-slate-700">
          {t('liveClasses.countdown.startsIn')}{' '}
          <span role="timer" aria-live="off" className="font-mono font-semibold tabular-nums text-slate-900" data-testid="live-countdown">
            {formatCountdown(startsIn)}
          </span>
        </p>
      )}
      <Button
        onClick={open}
        loading={join.isPending}
        disabled={state.kind === 'waiting'}
        data-testid="live-join"
        data-state={state.kind}
        aria-describedby={state.kind === 'waiting' ? `join-hint-${item.id}` : undefined}
      >
        {asHost ? t('liveClasses.join.start') : t('liveClasses.join.join')}
      </Button>
      {state.kind === 'waiting' && (
        <p id={`join-hint-${item.id}`} className="text-xs text-slate-600">
          {t('liveClasses.join.opensAt', { time: format.time(state.opensAt) })}
        </p>
      )}
      {error && (
        <p role="alert" className="max-w-xs text-sm text-rose-700" data-testid="live-join-error">
          {error}
        </p>
      )}
    </div>
  );
}
