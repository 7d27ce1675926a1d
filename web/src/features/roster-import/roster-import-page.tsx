import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { t, tn } from '../../i18n';
import { useDocumentTitle } from '../../layout/use-document-title';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ErrorState } from '../../ui/error-state';
import { PageHeader } from '../../ui/page-header';
import { SkeletonList } from '../../ui/skeleton';
import { useToast } from '../../ui/toast';
import { ImportErrorsTable } from './import-errors-table';
import { ImportForm } from './import-form';
import { ImportProgress } from './import-progress';
import { useRosterImport } from './use-roster-import';
import { useStartRosterImport } from './use-start-roster-import';

export function RosterImportPage() {
  useDocumentTitle(t('import.title'));
  const toast = useToast();
  // The running import's id sits in the URL, so a reload (or a link) comes back to its progress.
  const [params, setParams] = useSearchParams();
  const importId = params.get('import');
  const start = useStartRosterImport();
  const progress = useRosterImport(importId);
  useCompletionToast(progress.data?.status, progress.data?.failed ?? 0);

  function onSubmit(csv: string) {
    start.mutate(csv, {
      onSuccess: ({ importId: id }) => {
        setParams({ import: id });
        toast.show({ kind: 'info', message: t('import.toast.started') });
      },
      onError: (error) => toast.show({ kind: 'error', message: t('import.toast.startFailed'), detail: error.message }),
    });
  }

  return (
    <>
      <PageHeader title={t('import.title')} description={t('import.subtitle')} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('import.formTitle')} description={t('import.formHint')}>
          <ImportForm onSubmit={onSubmit} submitting={start.isPending} error={start.error} />
        </Card>
        <Card
          title={t('import.progressTitle')}
          action={
            importId && progress.data?.status !== 'running' ? (
              <Button variant="ghost" size="sm" onClick={() => setParams({})}>
                {t('import.clear')}
              </Button>
            ) : undefined
          }
        >
          {/* Announced politely: a screen reader hears the status change, not every percentage tick. */}
          <div aria-live="polite" className="sr-only">
            {progress.data ? t(`import.status.${progress.data.status}`) : ''}
          </div>
          {!importId ? (
            <p className="text-sm text-slate-600">{t('import.noneYet')}</p>
          ) : progress.isPending ? (
            <SkeletonList rows={2} />
          ) : progress.isError ? (
            <ErrorState error={progress.error} onRetry={() => void progress.refetch()} retrying={progress.isFetching} />
          ) : (
            <div className="space-y-5">
              <ImportProgress progress={progress.data} />
              {progress.data.errors.length > 0 && (
                <div>
                  <h3 className="mb-2 text-sm font-semibold text-slate-900">{tn('import.errorsTitle', progress.data.errors.length)}</h3>
                  <ImportErrorsTable errors={progress.data.errors} />
                </div>
              )}
            </div>
          )}
        </Card>
      </div>
    </>
  );
}

/** One toast when a watched import finishes; not for an import that was already finished when the page opened. */
function useCompletionToast(status: string | undefined, failed: number) {
  const toast = useToast();
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current === 'running' && status === 'completed') {
      toast.show({ kind: failed > 0 ? 'info' : 'success', message: failed > 0 ? tn('import.toast.doneWithErrors', failed) : t('import.toast.done') });
    }
    if (previous.current === 'running' && status === 'failed') toast.show({ kind: 'error', message: t('import.toast.failed') });
    previous.current = status;
  }, [status, failed, toast]);
}
