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
import { FilterTabs } from './filter-tabs';
import { QuotedMessage } from './quoted-message';
import { useResolveReport } from './use-chat-mutations';

type Status = 'open' | 'dismissed' | 'removed';
const STATUS_OPTIONS: readonly Status[] = ['open', 'removed', 'dismissed'];

/** Reported messages for the course teachers and admins. A person reported never sees who reported them. */
export function ModerationPage() {
  const user = useCurrentUser();
  const [status, setStatus] = useState<Status>('open');
  useDocumentTitle(t('chat.moderation.title'));
  const reports = useQuery({ queryKey: queryKeys.chat.reports(user.id, status), queryFn: ({ signal }) => listReports(status, signal) });
  return (
    <div className="space-y-4">
      <PageHeader title={t('chat.moderation.title')} description={t('chat.moderation.description')} testId="chat-moderation-heading" actions={<Link to="/messages" className="text-sm font-medium text-brand-700 hover:underline">{t('chat.moderation.back')}</Link>} />
      <FilterTabs label={t('chat.moderation.status')} options={STATUS_OPTIONS.map((value) => ({ value, label: t(`chat.moderation.status.${value}` as MessageKey) }))} value={status} onChange={setStatus} />
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
            <ReportCard key={report.id} report={report} admin={user.role === 'admin'} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ReportCard({ report, admin }: { report: ModerationReport; admin: boolean }) {
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
      {admin && (
        <Link
          to={`/admin/chat/safeguarding?conversation=${encodeURIComponent(report.conversation.id)}&all=1`}
          state={{ conversationTitle: report.conversation.title }}
          className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline"
          data-testid="chat-report-safeguarding"
        >
          {t('chat.safeguarding.reviewConversation')}
        </Link>
      )}
      <QuotedMessage
        className="mt-3"
        heading={
          <>
            {t('chat.moderation.wrote', { name: `${report.reportedUser.firstName} ${report.reportedUser.lastName}`, time: format.dateTime(report.message.createdAt) })}
            {report.message.deleted && ` · ${t('chat.moderation.alreadyDeleted')}`}
          </>
        }
        body={report.message.body || (report.message.hasAttachment ? t('chat.inbox.attachment') : '')}
      />
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
