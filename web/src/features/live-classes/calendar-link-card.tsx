import { useRef, useState } from 'react';
import { t } from '../../i18n';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorState } from '../../ui/error-state';
import { Skeleton } from '../../ui/skeleton';
import { useToast } from '../../ui/toast';
import { useCalendarFeed, useRotateCalendarFeed } from './use-calendar-feed';

/** The personal iCalendar feed: the webcal:// link (calendar apps subscribe) and the https:// one, copy and rotate. */
export function CalendarLinkCard() {
  const feed = useCalendarFeed();
  const rotate = useRotateCalendarFeed();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const rotateRef = useRef<HTMLButtonElement>(null);
  const https = feed.data ? `${window.location.origin}${feed.data.path}` : '';
  const webcal = https.replace(/^https?:/, 'webcal:');

  const copy = async (value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      toast.show({ kind: 'success', message: t('liveClasses.calendar.copied') });
    } catch {
      toast.show({ kind: 'error', message: t('liveClasses.calendar.copyFailed') });
    }
  };

  return (
    <Card title={t('liveClasses.calendar.title')} description={t('liveClasses.calendar.description')} testId="live-calendar">
      {feed.isPending ? (
        <Skeleton className="h-24" />
      ) : feed.isError ? (
        <ErrorState error={feed.error} onRetry={() => void feed.refetch()} retrying={feed.isFetching} compact />
      ) : (
        <div className="flex flex-col gap-3">
          {[
            { label: t('liveClasses.calendar.webcal'), value: webcal, testId: 'live-calendar-webcal' },
            { label: t('liveClasses.calendar.https'), value: https, testId: 'live-calendar-https' },
          ].map((entry) => (
            <div key={entry.testId}>
              <label className="mb-1 block text-sm font-medium text-slate-800" htmlFor={entry.testId}>
                {entry.label}
              </label>
              <div className="flex gap-2">
                <input
                  id={entry.testId}
                  data-testid={entry.testId}
                  readOnly
                  value={entry.value}
                  onFocus={(event) => event.currentTarget.select()}
                  className="h-11 min-w-0 flex-1 rounded-lg border border-slate-300 bg-slate-50 px-3 font-mono text-xs text-slate-800"
                />
                <Button variant="secondary" onClick={() => void copy(entry.value)} aria-label={`${t('liveClasses.calendar.copy')}: ${entry.label}`}>
                  {t('liveClasses.calendar.copy')}
                </Button>
              </div>
            </div>
          ))}
          <div className="flex flex-wrap items-center gap-2">
            <a href={webcal} className="text-sm font-medium text-brand-700 underline">
              {t('liveClasses.calendar.subscribe')}
            </a>
            <Button ref={rotateRef} variant="ghost" size="sm" onClick={() => setConfirming(true)} data-testid="live-calendar-rotate">
              {t('liveClasses.calendar.rotate')}
            </Button>
          </div>
          <p className="text-xs text-slate-600">{t('liveClasses.calendar.secretHint')}</p>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('liveClasses.calendar.rotateTitle')}
        confirmLabel={t('liveClasses.calendar.rotate')}
        cancelLabel={t('liveClasses.form.cancel')}
        pending={rotate.isPending}
        returnFocusRef={rotateRef}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          rotate.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              toast.show({ kind: 'success', message: t('liveClasses.calendar.rotated') });
            },
            onError: () => {
              setConfirming(false);
              toast.show({ kind: 'error', message: t('liveClasses.calendar.rotateFailed') });
            },
          })
        }
      >
        {t('liveClasses.calendar.rotateBody')}
      </ConfirmDialog>
    </Card>
  );
}
