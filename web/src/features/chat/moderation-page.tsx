import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { listReports, type ModerationReport } from '../../api/chat.api';
import { queryKeys } from '../../api/query-keys';
import { type MessageKey, t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { useDocumentTitle } from '../../layout/use-document-title';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { CheckIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/page-header';
import { SkeletonList } from '../../ui/skeleton';
import { useToast } from '../../ui/toast';
import { useCurrentUser } from '../auth/use-session';
import { useResolveReport } from './use-chat-mutations';

type Status = 'open' | 'dismissed' | 'removed';

/** Reported messages for the course teachers and admins. A person reported never sees who reported them. */
export function ModerationPage() {
  const user = useCurrentUser();
  const [status, setStatus] = useState<Status>('open');
  useDocumentTitle(t('chat.moderation.title'));
  const reports = useQuery({ queryKey: queryKeys.chat.reports(user.id, status), queryFn: ({ signal }) => listReports(status, signal) });
  return (
    <div className="space-y-4">
      <PageHeader title={t('chat.moderation.title')} description={t('chat.moderation.description')} testId="chat-moderation-heading" actions={<Link to="/messages" className="text-sm font-medium text-brand-700 hover:underline">{t('chat.moderation.back')}</Link>} />
      <div role="tablist" aria-label={t('chat.moderation.status')} className="flex gap-2">
        {(['open', 'removed', 'dismissed'] as const).map((value) => (
          <button key={value} role="tab" type="button" aria-selected={status === value} onClick={() => setStatus(value)} className={status === value ? 'rounded-lg bg-brand-700 px-3 py-1.5 text-sm font-medium text-white' : 'rounded-lg px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50'}>
            {t(`chat.moderation.status.${value}` as MessageKey)}
          </button>
        ))}
      </div>
      {reports.isPending ? (
        <SkeletonList rows={3} label={t('chat.moderation.loading')} />
      ) : reports.isError ? (
        <ErrorState error={reports.error} onRetry={() => void reports.refetch()} retrying={reports.isFetching} />
      ) : reports.data.items.length === 0 ? (
        <Card>
          <EmptyState icon={<CheckIcon className="size-6" />} title={t('chat.moderation.empty')} testId="chat-moderation-empty">
            {t('chat.moderation.emptyBody')}
          </EmptyState>
        </Card>
      ) : (
        <ul className="space-y-3" data-testid="chat-reports">
          {reports.data.items.map((report) => (
            <ReportCard key={report.id} report={report} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ReportCard({ report }: { report: ModerationReport }) {
  const format = useFormat();
  const toast = useToast();
  const resolve = useResolveReport();
  const [note, setNote] = useState('');
  const decide = (action: 'dismiss' | 'remove') =>
    resolve.mutate(
      { reportId: report.id, action, note },
      {
        onSuccess: () => toast.show({ kind: 'success', message: action === 'remove' ? t('chat.moderation.removed') : t('chat.moderation.dismissed') }),
        onError: (error) => toast.show({ kind: 'error', message: error.message }),
      },
    );
  return (
    <li className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="chat-report-card">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={report.status === 'open' ? 'warning' : report.status === 'removed' ? 'danger' : 'neutral'}>{t(`chat.moderation.status.${report.status}` as MessageKey)}</Badge>
        <span className="font-medium text-slate-900">{report.conversation.title}</span>
        {report.conversation.course && <span className="text-slate-600">· {report.conversation.course.code}</span>}
        <time className="ml-auto text-xs text-slate-500" dateTime={report.createdAt}>{format.dateTime(report.createdAt)}</time>
      </div>
      <blockquote className="mt-3 rounded-lg bg-slate-50 p-3 text-sm whitespace-pre-wrap text-slate-900">
        <p className="mb-1 text-xs font-medium text-slate-600">
          {t('chat.moderation.wrote', { name: `${report.reportedUser.firstName} ${report.reportedUser.lastName}`, time: format.dateTime(report.message.createdAt) })}
          {report.message.deleted && ` · ${t('chat.moderation.alreadyDeleted')}`}
        </p>
        {report.message.body || (report.message.hasAttachment ? t('chat.inbox.attachment') : '')}
      </blockquote>
      <dl className="mt-3 grid gap-1 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="text-slate-600">{t('chat.moderation.reason')}</dt>
        <dd className="text-slate-900">{report.reason}</dd>
        <dt className="text-slate-600">{t('chat.moderation.reporter')}</dt>
        <dd className="text-slate-900" data-testid="chat-report-reporter">
          {report.reporter ? `${report.reporter.firstName} ${report.reporter.lastName}` : t('chat.moderation.reporterHidden')}
        </dd>
        {report.resolvedBy && (
          <>
            <dt className="text-slate-600">{t('chat.moderation.decidedBy')}</dt>
            <dd className="text-slate-900">
              {report.resolvedBy.firstName} {report.resolvedBy.lastName}
              {report.resolutionNote ? ` — ${report.resolutionNote}` : ''}
            </dd>
          </>
        )}
      </dl>
      {report.status === 'open' && report.reporter && (
        <div className="mt-3 flex flex-wrap items-end gap-2">
          <label className="min-w-0 flex-1 text-sm">
            <span className="mb-1 block text-slate-700">{t('chat.moderation.note')}</span>
            <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={1000} className="h-10 w-full rounded-lg border border-slate-300 px-3" />
          </label>
          <Button variant="secondary" onClick={() => decide('dismiss')} loading={resolve.isPending && resolve.variables?.action === 'dismiss'} data-testid="chat-report-dismiss">
            {t('chat.moderation.dismiss')}
          </Button>
          <Button variant="danger" onClick={() => decide('remove')} loading={resolve.isPending && resolve.variables?.action === 'remove'} data-testid="chat-report-remove">
            {t('chat.moderation.remove')}
          </Button>
        </div>
      )}
    </li>
  );
}
