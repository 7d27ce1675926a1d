import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../api/api-error';
import { t } from '../../../i18n';
import { errorTitle } from '../../../i18n/error-messages';
import { useFormat } from '../../../i18n/use-format';
import { useDocumentTitle } from '../../../layout/use-document-title';
import { Button, ButtonLink } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { EmptyState } from '../../../ui/empty-state';
import { ErrorState } from '../../../ui/error-state';
import { SelectField, TextField } from '../../../ui/field';
import { PageHeader } from '../../../ui/page-header';
import { SkeletonList } from '../../../ui/skeleton';
import { useToast } from '../../../ui/toast';
import type { ReportQuery } from '../../../api/attendance.api';
import { useCurrentUser } from '../../auth/use-session';
import { useCourses } from '../../courses/use-courses';
import { addDays, dayKeyOf } from '../../../ui/calendar';
import { StatusBadge } from '../shared/status';
import { StudentBars, WeeklyTrendChart } from './charts';
import { PolicyForm } from './policy-form';
import { useDownloadReport } from './use-download-report';
import { usePolicy } from './use-policy';
import { useReport } from './use-report';
import { useStatistics } from './use-statistics';

/** `/attendance/reports`: per course (trend, students, policy) and, across courses, who was absent on a day. */
export function ReportsPage() {
  useDocumentTitle(t('reports.title'));
  const user = useCurrentUser();
  const format = useFormat();
  const zone = format.context.timeZone;
  const [params, setParams] = useSearchParams();
  const courses = useCourses();
  const teachable = (courses.data ?? []).filter((course) => user.role === 'admin' || course.relation === 'teaching');
  const courseId = params.get('course') ?? teachable[0]?.id ?? '';
  const course = teachable.find((item) => item.id === courseId);
  const today = dayKeyOf(new Date(), zone);
  const [from, setFrom] = useState(() => addDays(today, -42));
  const [to, setTo] = useState(today);
  const [absentDay, setAbsentDay] = useState(today);

  return (
    <>
      <PageHeader
        title={t('reports.title')}
        description={t('reports.subtitle')}
        testId="reports-heading"
        actions={
          <>
            <ButtonLink to="/attendance">{t('sessions.title')}</ButtonLink>
            <ButtonLink to="/attendance/exemptions">{t('exemptions.queueTitle')}</ButtonLink>
          </>
        }
      />
      <div className="space-y-6">
        <AbsenteesCard day={absentDay} onDay={setAbsentDay} />
        {courses.isPending ? (
          <SkeletonList rows={3} />
        ) : courses.isError ? (
          <ErrorState error={courses.error} onRetry={() => void courses.refetch()} />
        ) : teachable.length === 0 ? (
          <EmptyState title={t('reports.noCourses')}>{t('courses.emptyTeacher')}</EmptyState>
        ) : (
          <>
            <div className="grid gap-3 sm:grid-cols-3">
              <SelectField label={t('sessions.course')} value={courseId} onChange={(event) => setParams({ course: event.target.value }, { replace: true })}>
                {teachable.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.code} · {item.title}
                  </option>
                ))}
              </SelectField>
              <TextField label={t('reports.from')} type="date" value={from} max={to} onChange={(event) => setFrom(event.target.value)} />
              <TextField label={t('reports.to')} type="date" value={to} min={from} onChange={(event) => setTo(event.target.value)} />
            </div>
            {courseId && <CourseReports courseId={courseId} courseCode={course?.code} from={from} to={to} />}
          </>
        )}
      </div>
    </>
  );
}

function DownloadButton({ query, courseCode }: { query: ReportQuery; courseCode?: string }) {
  const download = useDownloadReport();
  const toast = useToast();
  return (
    <Button
      variant="secondary"
      size="sm"
      loading={download.isPending}
      onClick={() =>
        download.mutate(
          { query, courseCode },
          {
            onSuccess: (fileName) => toast.show({ kind: 'success', message: t('reports.downloaded', { fileName }) }),
            onError: (error) =>
              toast.show({ kind: 'error', message: t('reports.downloadFailed'), detail: isApiError(error) ? `${errorTitle(error.code)} · ${error.correlationId}` : undefined }),
          },
        )
      }
    >
      {t('reports.csv')}
    </Button>
  );
}

function CourseReports({ courseId, courseCode, from, to }: { courseId: string; courseCode?: string; from: string; to: string }) {
  const format = useFormat();
  const timezone = format.context.timeZone;
  const stats = useStatistics(courseId);
  const policy = usePolicy(courseId);
  const trendQuery: ReportQuery & { type: 'weekly_trend' } = { type: 'weekly_trend', courseId, from, to, timezone };
  const summaryQuery: ReportQuery & { type: 'course_summary' } = { type: 'course_summary', courseId, from, to, timezone };
  const trend = useReport(trendQuery);
  const summary = useReport(summaryQuery);
  const threshold = policy.data?.lowAttendanceThreshold ?? 75;

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title={t('reports.trendTitle')} description={t('reports.trendHint')} action={<DownloadButton query={trendQuery} courseCode={courseCode} />} className="lg:col-span-2">
        {trend.isPending ? (
          <SkeletonList rows={3} />
        ) : trend.isError ? (
          <ErrorState error={trend.error} onRetry={() => void trend.refetch()} />
        ) : trend.data.weeks.length === 0 ? (
          <EmptyState title={t('reports.noData')} />
        ) : (
          <WeeklyTrendChart weeks={trend.data.weeks} threshold={threshold} />
        )}
      </Card>
      <Card
        title={t('reports.studentsTitle')}
        description={
          stats.data
            ? t('reports.studentsHint', {
                held: stats.data.sessionsHeld,
                average: stats.data.averagePercentage === null ? '—' : format.percent(stats.data.averagePercentage / 100),
                below: stats.data.belowThreshold,
              })
            : undefined
        }
        action={<DownloadButton query={summaryQuery} courseCode={courseCode} />}
      >
        {summary.isPending ? (
          <SkeletonList rows={5} />
        ) : summary.isError ? (
          <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
        ) : summary.data.rows.length === 0 ? (
          <EmptyState title={t('roster.emptyTitle')} />
        ) : (
          <StudentBars
            threshold={threshold}
            rows={summary.data.rows.map((row) => ({
              id: row.student.id,
              name: `${row.student.lastName}, ${row.student.firstName}`,
              percentage: row.percentage,
              below: row.percentage !== null && row.percentage < threshold,
              present: row.present,
              late: row.late,
              absent: row.absent,
              excused: row.excused,
            }))}
          />
        )}
      </Card>
      <Card title={t('policy.title')} description={t('policy.hint')}>
        {policy.isPending ? <SkeletonList rows={3} /> : policy.isError ? <ErrorState error={policy.error} /> : <PolicyForm key={policy.data.updatedAt ?? courseId} policy={policy.data} />}
      </Card>
    </div>
  );
}

function AbsenteesCard({ day, onDay, courseId }: { day: string; onDay: (day: string) => void; courseId?: string }) {
  const format = useFormat();
  const query: ReportQuery & { type: 'absentees' } = { type: 'absentees', date: day, courseId, timezone: format.context.timeZone };
  const report = useReport(query);
  return (
    <Card title={t('reports.absenteesTitle')} description={t('reports.absenteesHint')} action={<DownloadButton query={query} />} testId="absentees">
      <TextField label={t('reports.day')} type="date" value={day} onChange={(event) => onDay(event.target.value)} fieldClassName="max-w-xs" />
      <div className="mt-4">
        {report.isPending ? (
          <SkeletonList rows={3} />
        ) : report.isError ? (
          <ErrorState error={report.error} onRetry={() => void report.refetch()} />
        ) : report.data.rows.length === 0 ? (
          <EmptyState title={t('reports.noAbsentees')} />
        ) : (
          <ul className="divide-y divide-slate-200 text-sm">
            {report.data.rows.map((row) => (
              <li key={`${row.sessionId}-${row.student.id}`} className="flex flex-wrap items-center gap-2 py-2">
                <span className="min-w-0 flex-1 font-medium text-slate-900">
                  {row.student.lastName}, {row.student.firstName}
                </span>
                <span className="text-slate-600">
                  {row.courseTitle} · {format.time(row.startsAt)}
                </span>
                <StatusBadge status="absent" />
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
