import { t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { SkeletonList } from '../../ui/skeleton';
import { useRecordings } from './use-recordings';

/** Recordings of the caller's courses (or one class), newest first; each opens the provider's player. */
export function RecordingsList({ classId, emptyHint }: { classId?: string; emptyHint: string }) {
  const format = useFormat();
  const recordings = useRecordings(classId ? { classId } : {});
  return (
    <Card title={t('liveClasses.recordings.title')} testId="live-recordings">
      {recordings.isPending ? (
        <SkeletonList rows={2} label={t('liveClasses.recordings.loading')} />
      ) : recordings.isError ? (
        <ErrorState error={recordings.error} onRetry={() => void recordings.refetch()} retrying={recordings.isFetching} compact />
      ) : recordings.data.items.length === 0 ? (
        <EmptyState title={t('liveClasses.recordings.empty')}>{emptyHint}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {recordings.data.items.map((recording) => (
            <li key={recording.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">{recording.className}</p>
                <p className="text-sm text-slate-600">
                  {recording.courseCode} · {format.dateTime(recording.recordingStart ?? recording.createdAt)}
                  {recording.durationMinutes !== null && ` · ${t('liveClasses.recordings.minutes', { count: recording.durationMinutes })}`}
                </p>
              </div>
              <a
                href={recording.playUrl}
                target="_blank"
                rel="noopener noreferrer"
                className="inline-flex h-11 items-center justify-center rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50"
              >
                {t('liveClasses.recordings.play')}
                <span className="sr-only"> {t('liveClasses.recordings.newTab')}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
