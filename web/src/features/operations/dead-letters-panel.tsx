import { useRef, useState } from 'react';
import type { DeadLetterView, GatewayHealth } from '../../api/types';
import { t, tn } from '../../i18n';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { SelectField } from '../../ui/field';
import { CheckIcon, InboxIcon } from '../../ui/icons';
import { SkeletonList } from '../../ui/skeleton';
import { Spinner } from '../../ui/spinner';
import { useToast } from '../../ui/toast';
import { DeadLettersTable } from './dead-letters-table';
import { isServiceNotRunning, selectableServices } from './operations-view';
import { useDeadLetters } from './use-dead-letters';
import { useReplayDeadLetter } from './use-replay-dead-letter';

interface DeadLettersPanelProps {
  service: string;
  onServiceChange: (service: string) => void;
  /** The latest health report, for the list of services (and which of them are down). */
  report: GatewayHealth | undefined;
}

export function DeadLettersPanel({ service, onServiceChange, report }: DeadLettersPanelProps) {
  const letters = useDeadLetters(service);
  const items = letters.data?.pages.flatMap((page) => page.items) ?? [];
  const notRunning = !letters.data && isServiceNotRunning(letters.error);

  const toast = useToast();
  const replay = useReplayDeadLetter();
  const [target, setTarget] = useState<DeadLetterView | null>(null);
  // After a successful replay the row goes away, so focus lands on the results instead of on a removed button.
  const resultsRef = useRef<HTMLDivElement>(null);
  const returnFocusRef = useRef<HTMLElement | null>(null);

  function askReplay(letter: DeadLetterView) {
    replay.reset();
    returnFocusRef.current = null;
    setTarget(letter);
  }

  function confirmReplay() {
    if (!target) return;
    const letter = target;
    replay.mutate(
      { service, deadLetterId: letter.id },
      {
        onSuccess: () => {
          toast.show({ kind: 'success', message: t('operations.replay.done', { subject: letter.subject }) });
          returnFocusRef.current = resultsRef.current;
          setTarget(null);
        },
        // On failure the dialog stays open with the message and the correlation id (ErrorState, role="alert").
      },
    );
  }

  return (
    <Card title={t('operations.deadLetters.title')} description={t('operations.deadLetters.hint')} testId="dead-letters">
      <SelectField
        label={t('operations.deadLetters.service')}
        hint={t('operations.deadLetters.serviceHint')}
        value={service}
        onChange={(event) => onServiceChange(event.target.value)}
        fieldClassName="mb-4 max-w-xs"
        data-testid="dead-letters-service"
      >
        {selectableServices(report, service).map((name) => (
          <option key={name} value={name}>
            {report?.services[name]?.status === 'down' ? t('operations.deadLetters.serviceDown', { service: name }) : name}
          </option>
        ))}
      </SelectField>
      <div className="mb-3 flex min-h-6 items-center gap-2 text-sm text-slate-600" aria-live="polite">
        {letters.isFetching && !letters.isFetchingNextPage && <Spinner className="size-4 text-brand-700" />}
        {letters.data && items.length > 0 && tn('operations.deadLetters.shown', items.length)}
      </div>
      <div ref={resultsRef} tabIndex={-1} className="rounded-lg outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
        {letters.isPending ? (
          <SkeletonList rows={4} />
        ) : notRunning ? (
          <EmptyState icon={<InboxIcon />} title={t('operations.deadLetters.notRunningTitle', { service })} testId="dead-letters-not-running">
            {t('operations.deadLetters.notRunningBody')}
          </EmptyState>
        ) : letters.isError && !letters.data ? (
          <ErrorState error={letters.error} onRetry={() => void letters.refetch()} retrying={letters.isFetching} />
        ) : items.length === 0 ? (
          <EmptyState icon={<CheckIcon />} title={t('operations.deadLetters.emptyTitle')} testId="dead-letters-empty">
            {t('operations.deadLetters.emptyBody')}
          </EmptyState>
        ) : (
          <>
            <DeadLettersTable service={service} letters={items} onReplay={askReplay} />
            {letters.isFetchNextPageError && <ErrorState className="mt-4" error={letters.error} compact />}
            {letters.hasNextPage && (
              <div className="mt-4 flex justify-center">
                <Button variant="secondary" onClick={() => void letters.fetchNextPage()} loading={letters.isFetchingNextPage}>
                  {t('operations.deadLetters.loadMore')}
                </Button>
              </div>
            )}
          </>
        )}
      </div>
      <ConfirmDialog
        open={target !== null}
        title={t('operations.replay.title')}
        confirmLabel={replay.isPending ? t('operations.replay.pending') : t('operations.replay.confirm')}
        cancelLabel={t('operations.replay.cancel')}
        onConfirm={confirmReplay}
        onCancel={() => setTarget(null)}
        pending={replay.isPending}
        returnFocusRef={returnFocusRef}
        testId="replay-dialog"
      >
        <p>{t('operations.replay.body')}</p>
        {target && (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-lg bg-slate-50 p-3">
            <dt className="text-slate-600">{t('operations.replay.subject')}</dt>
            <dd className="font-mono text-xs break-all text-slate-900">{target.subject}</dd>
            <dt className="text-slate-600">{t('operations.replay.consumer')}</dt>
            <dd className="break-words text-slate-900">{target.consumer}</dd>
          </dl>
        )}
        {replay.isError && <ErrorState error={replay.error} compact />}
      </ConfirmDialog>
    </Card>
  );
}
