import type { StudentCourseStats } from '@tec/shared/contracts';
import { useState } from 'react';
import { type MessageKey, t } from '../../../i18n';
import { useFormat } from '../../../i18n/use-format';
import { useDocumentTitle } from '../../../layout/use-document-title';
import { Badge } from '../../../ui/badge';
import { Button, ButtonLink } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { EmptyState } from '../../../ui/empty-state';
import { ErrorState } from '../../../ui/error-state';
import { PageHeader } from '../../../ui/page-header';
import { ProgressBar } from '../../../ui/progress-bar';
import { SkeletonList } from '../../../ui/skeleton';
import { useCurrentUser } from '../../auth/use-session';
import { ExemptionRequestForm } from '../exemptions/exemption-request-form';
import { useReport } from '../reports/use-report';
import { StatusBadge, statusLabel } from '../shared/status';
import { useMyAttendance } from './use-my-attendance';

/** `/attendance/me`: the student's percentage, counts and history per course; request an excused absence. */
export function MyAttendancePage() {
  useDocumentTitle(t('myAttendance.title'));
  const mine = useMyAttendance();
  return (
    <>
      <PageHeader
        title={t('myAttendance.title')}
        description={t('myAttendance.subtitle')}
        testId="my-attendance-heading"
        actions={
          <>
            <ButtonLink to="/check-in/scan" variant="primary">
              {t('checkIn.scan')}
            </ButtonLink>
            <ButtonLink to="/attendance/exemptions">{t('exemptions.mineTitle')}</ButtonLink>
          </>
        }
      />
      {mine.isPending ? (
        <SkeletonList rows={4} />
      ) : mine.isError ? (
        <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />
      ) : mine.data.length === 0 ? (
        <EmptyState title={t('myAttendance.emptyTitle')}>{t('myAttendance.emptyBody')}</EmptyState>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          {mine.data.map((stats) => (
            <CourseAttendance key={stats.courseId} stats={stats} />
          ))}
        </div>
      )}
    </>
  );
}

function CourseAttendance({ stats }: { stats: StudentCourseStats }) {
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const percentage = stats.percentage;
  return (
    <Card title={stats.courseTitle} description={stats.courseCode} testId="my-course-attendance">
      <div className="flex items-baseline gap-3">
        <p className="text-4xl font-bold text-slate-900 tabular-nums">{percentage === null ? '—' : format.percent(percentage / 100)}</p>
        {stats.belowThreshold && <Badge tone="danger">{t('myAttendance.below')}</Badge>}
      </div>
      {percentage !== null && (
        <div className="mt-3">
          <ProgressBar value={percentage} max={100} label={t('myAttendance.percentLabel')} valueText={format.percent(percentage / 100)} tone={stats.belowThreshold ? 'danger' : 'brand'} />
        </div>
      )}
      <dl className="mt-4 grid grid-cols-4 gap-2 text-center">
        {(['present', 'late', 'absent', 'excused'] as const).map((status) => (
          <div key={status} className="rounded-lg bg-slate-50 p-2">
            <dt className="text-xs text-slate-600">{statusLabel(status)}</dt>
            <dd className="text-lg font-semibold text-slate-900 tabular-nums">{stats[status]}</dd>
          </div>
        ))}
      </dl>
      {stats.absenceStreak >= 2 && <p className="mt-3 text-sm text-rose-800">{t('myAttendance.streak', { count: stats.absenceStreak })}</p>}
      <p className="mt-3 text-xs text-slate-600">{t('myAttendance.formula')}</p>
      <Button variant="ghost" size="sm" className="mt-2" onClick={() => setOpen((value) => !value)} aria-expanded={open}>
        {open ? t('myAttendance.hideHistory') : t('myAttendance.showHistory')}
      </Button>
      {open && <History courseId={stats.courseId} />}
    </Card>
  );
}

function History({ courseId }: { courseId: string }) {
  const user = useCurrentUser();
  const format = useFormat();
  const [requesting, setRequesting] = useState<string | null>(null);
  const report = useReport({ type: 'student_detail', studentId: user.id, courseId, timezone: format.context.timeZone });
  if (report.isPending) return <SkeletonList rows={3} />;
  if (report.isError) return <ErrorState error={report.error} compact onRetry={() => void report.refetch()} />;
  const records = [...report.data.records].sort((a, b) => Date.parse(b.sessionStartsAt) - Date.parse(a.sessionStartsAt));
  if (records.length === 0) return <p className="mt-3 text-sm text-slate-600">{t('myAttendance.noRecords')}</p>;
  return (
    <ul className="mt-3 divide-y divide-slate-200">
      {records.map((record) => (
        <li key={record.id} className="py-2">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            {/* At least 12rem: on a phone the badge, method and request button wrap below rather than squeezing the date into one word a line. */}
            <span className="min-w-48 flex-1 text-slate-800">
              {format.date(record.sessionStartsAt)} · {format.time(record.sessionStartsAt)}
              {record.topic && <span className="block text-xs text-slate-600">{record.topic}</span>}
            </span>
            <StatusBadge status={record.status} />
            <span className="text-xs text-slate-600">{t(`attendance.method.${record.method}` as MessageKey)}</span>
            {(record.status === 'absent' || record.status === 'late') && (
              <Button variant="ghost" size="sm" onClick={() => setRequesting((current) => (current === record.sessionId ? null : record.sessionId))}>
                {t('exemptions.request')}
              </Button>
            )}
          </div>
          {requesting === record.sessionId && <ExemptionRequestForm sessionId={record.sessionId} onDone={() => setRequesting(null)} />}
        </li>
      ))}
    </ul>
  );
}
