import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { t, tn } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorState } from '../../ui/error-state';
import { PageHeader } from '../../ui/page-header';
import { Skeleton } from '../../ui/skeleton';
import { useToast } from '../../ui/toast';
import { useCurrentUser } from '../auth/use-session';
import { AttendanceReport } from './attendance-report';
import { JoinButton } from './join-button';
import { LiveStatusBadge, providerLabel } from './live-class-status';
import { QaPanel } from './qa-panel';
import { RecordingsList } from './recordings-list';
import { useCancelLiveClass } from './use-cancel-live-class';
import { useLiveClass } from './use-live-class';

/** One class: status, start/join, live Q&A, and for teachers the attendance report and cancelling. */
export function LiveClassPage() {
  const { classId = '' } = useParams();
  const user = useCurrentUser();
  const format = useFormat();
  const toast = useToast();
  const navigate = useNavigate();
  const query = useLiveClass(classId);
  const cancel = useCancelLiveClass(classId);
  const [confirming, setConfirming] = useState<null | 'this' | 'following'>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  if (query.isPending) {
    return (
      <div className="flex flex-col gap-4" aria-busy="true">
        <span className="sr-only">{t('liveClasses.loading')}</span>
        <Skeleton className="h-10 w-2/3" />
        <Skeleton className="h-32" />
        <Skeleton className="h-64" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className="flex flex-col gap-4">
        <PageHeader title={t('liveClasses.title')} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        <Link to="/live-classes" className="text-sm font-medium text-brand-700 underline">
          {t('liveClasses.back')}
        </Link>
      </div>
    );
  }
  const item = query.data;
  // Only the course's teachers (and admins) can open a class as a teacher at all.
  const canTeach = user.role === 'teacher' || user.role === 'admin';
  const ended = item.status === 'completed' || Date.parse(item.endsAt) <= Date.now();

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        eyebrow={`${item.courseCode} · ${item.courseTitle}`}
        title={item.name}
        testId="live-class-heading"
        description={`${format.date(item.startsAt)} · ${format.time(item.startsAt)}–${format.time(item.endsAt)}`}
        actions={
          canTeach && item.status === 'scheduled' ? (
            <Button ref={cancelRef} variant="secondary" onClick={() => setConfirming('this')} data-testid="live-cancel">
              {t('liveClasses.cancel.button')}
            </Button>
          ) : null
        }
      />
      <Card testId="live-class-summary">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm">
            <dt className="text-slate-600">{t('liveClasses.detail.status')}</dt>
            <dd>
              <LiveStatusBadge status={item.status} />
            </dd>
            <dt className="text-slate-600">{t('liveClasses.detail.teacher')}</dt>
            <dd className="text-slate-900">
              {item.teacher.firstName} {item.teacher.lastName}
            </dd>
            <dt className="text-slate-600">{t('liveClasses.detail.provider')}</dt>
            <dd className="text-slate-900">{providerLabel(item.provider)}</dd>
            <dt className="text-slate-600">{t('liveClasses.detail.participants')}</dt>
            <dd className="text-slate-900" data-testid="live-participants">
              {item.maxParticipants ? t('liveClasses.detail.seatsOf', { count: item.participantCount, max: item.maxParticipants }) : item.participantCount}
            </dd>
            <dt className="text-slate-600">{t('liveClasses.detail.recording')}</dt>
            <dd className="text-slate-900">{item.recordingEnabled ? t('liveClasses.detail.recordingOn') : t('liveClasses.detail.recordingOff')}</dd>
          </dl>
          <JoinButton item={item} asHost={canTeach} />
        </div>
        {item.description && <p className="mt-4 whitespace-pre-line text-sm text-slate-700">{item.description}</p>}
        {item.status === 'cancelled' && (
          <p role="status" className="mt-4 rounded-lg bg-rose-50 p-3 text-sm text-rose-900">
            {item.cancelledReason ? t('liveClasses.detail.cancelledBecause', { reason: item.cancelledReason }) : t('liveClasses.join.cancelled')}
          </p>
        )}
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <QaPanel item={item} canTeach={canTeach} />
        <div className="flex flex-col gap-6">
          {canTeach && (ended || item.status === 'in_progress') && <AttendanceReport item={item} />}
          {(ended || item.recordingCount > 0) && (
            <RecordingsList classId={item.id} emptyHint={item.recordingEnabled ? t('liveClasses.recordings.emptyClass') : t('liveClasses.recordings.disabled')} />
          )}
        </div>
      </div>
      <Link to="/live-classes" className="text-sm font-medium text-brand-700 underline">
        {t('liveClasses.back')}
      </Link>
      <ConfirmDialog
        open={confirming !== null}
        title={t('liveClasses.cancel.title')}
        confirmLabel={t('liveClasses.cancel.confirm')}
        cancelLabel={t('liveClasses.cancel.keep')}
        confirmVariant="danger"
        pending={cancel.isPending}
        returnFocusRef={cancelRef}
        onCancel={() => setConfirming(null)}
        onConfirm={() =>
          cancel.mutate(
            { scope: confirming ?? 'this' },
            {
              onSuccess: (result) => {
                setConfirming(null);
                toast.show({ kind: 'success', message: tn('liveClasses.cancel.done', result.cancelled) });
                if (confirming === 'following') navigate('/live-classes');
              },
              onError: () => {
                setConfirming(null);
                toast.show({ kind: 'error', message: t('liveClasses.cancel.failed') });
              },
            },
          )
        }
      >
        <p>{t('liveClasses.cancel.body')}</p>
        {item.seriesId && (
          <label className="mt-3 flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-5" checked={confirming === 'following'} onChange={(event) => setConfirming(event.target.checked ? 'following' : 'this')} />
            {t('liveClasses.cancel.following')}
          </label>
        )}
      </ConfirmDialog>
    </div>
  );
}
