import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/api-error';
import type { ChildOverview, ChildSummary } from '../../../api/parent-portal.api';
import { t } from '../../../i18n';
import { useFormat } from '../../../i18n/use-format';
import { useDocumentTitle } from '../../../layout/use-document-title';
import { Badge } from '../../../ui/badge';
import { Button, ButtonLink } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { EmptyState } from '../../../ui/empty-state';
import { ErrorState } from '../../../ui/error-state';
import { MailIcon } from '../../../ui/icons';
import { PageHeader } from '../../../ui/page-header';
import { SkeletonList } from '../../../ui/skeleton';
import { useToast } from '../../../ui/toast';
import { ExemptionRequestForm } from '../../attendance/exemptions/exemption-request-form';
import { StatusBadge } from '../../attendance/shared/status';
import { fullName, relationshipLabel } from '../shared/labels';
import { nextClass, shortName } from '../shared/portal-logic';
import { AlertRow } from './alerts-feed';
import { PercentBarChart } from './charts';
import { useAlertSettings } from './use-alert-settings';
import { useChildOverview } from './use-child-overview';
import { useChildren } from './use-children';
import { useMarkAlertsRead } from './use-mark-alerts-read';
import { useMessageTeacher } from './use-message-teacher';
import { usePortalLive } from './use-portal-live';

/** `/family/children/:studentId`: everything about one child, from the one overview request. */
export function ChildPage() {
  const { studentId } = useParams();
  const overview = useChildOverview(studentId);
  const children = useChildren();
  usePortalLive();
  const name = overview.data ? fullName(overview.data.child) : t('parentPortal.child.title');
  useDocumentTitle(name);

  return (
    <div data-testid="child-page">
      <ChildSwitcher current={studentId} items={children.data} />
      <PageHeader
        eyebrow={overview.data ? relationshipLabel(overview.data.relationship) : undefined}
        title={name}
        testId="child-heading"
        actions={
          studentId && (
            <ButtonLink to={`/family/children/${studentId}/alerts`} variant="secondary">
              {t('parentPortal.settings.open')}
            </ButtonLink>
          )
        }
      />
      {overview.isPending ? (
        <SkeletonList rows={6} />
      ) : overview.isError ? (
        isApiError(overview.error) && overview.error.code === 'NOT_FOUND' ? (
          <EmptyState title={t('parentPortal.child.notLinkedTitle')} action={<ButtonLink to="/">{t('parentPortal.backHome')}</ButtonLink>}>
            {t('parentPortal.child.notLinkedBody')}
          </EmptyState>
        ) : (
          <ErrorState error={overview.error} onRetry={() => void overview.refetch()} retrying={overview.isFetching} />
        )
      ) : (
        <Overview overview={overview.data} />
      )}
    </div>
  );
}

/** Several children: one tap to the next (a select on phones, where tabs would not fit). */
function ChildSwitcher({ current, items }: { current?: string; items?: ChildSummary[] }) {
  const navigate = useNavigate();
  if (!items || items.length < 2) return null;
  return (
    <nav aria-label={t('parentPortal.child.switcher')} className="mb-4" data-testid="child-switcher">
      <label className="sr-only" htmlFor="child-switcher-select">
        {t('parentPortal.child.switcher')}
      </label>
      <select
        id="child-switcher-select"
        className="h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-base sm:hidden"
        value={current}
        onChange={(event) => void navigate(`/family/children/${event.target.value}`)}
      >
        {items.map((item) => (
          <option key={item.child.id} value={item.child.id}>
            {fullName(item.child)}
          </option>
        ))}
      </select>
      <ul className="hidden gap-2 sm:flex">
        {items.map((item) => (
          <li key={item.child.id}>
            <Link
              to={`/family/children/${item.child.id}`}
              aria-current={item.child.id === current ? 'page' : undefined}
              className={`inline-flex h-9 items-center gap-2 rounded-full px-4 text-sm font-medium ${item.child.id === current ? 'bg-brand-700 text-white' : 'bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50'}`}
            >
              {shortName(item.child)}
              {item.unreadAlerts > 0 && <span className="rounded-full bg-rose-600 px-1.5 text-xs text-white">{item.unreadAlerts}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Overview({ overview }: { overview: ChildOverview }) {
  const format = useFormat();
  // The absence whose exemption request form is open.
  const [requesting, setRequesting] = useState<string | null>(null);
  const settings = useAlertSettings(overview.child.id);
  const attendanceThreshold = settings.data?.lowAttendance.belowPercent ?? 85;
  const gradeThreshold = settings.data?.courseGrade.belowPercent ?? 70;
  const upcoming = nextClass(overview);
  const attendanceRows = useMemo(
    () => overview.courses.map((item) => ({ id: item.course.id, label: item.course.title, percent: item.attendance.percentage })),
    [overview.courses],
  );
  const gradeRows = useMemo(() => overview.courses.map((item) => ({ id: item.course.id, label: item.course.title, percent: item.grades.average })), [overview.courses]);

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      {overview.child.adult && <p className="rounded-lg bg-sky-50 p-3 text-sm text-sky-900 lg:col-span-2">{t('parentPortal.child.adultNote')}</p>}
      {upcoming && (
        <p className="rounded-lg border border-brand-200 bg-brand-50 p-3 text-sm text-brand-900 lg:col-span-2" data-testid="child-next-class">
          <span className="font-semibold">{t('parentPortal.card.nextClass')}</span> {upcoming.title}
          {upcoming.title !== upcoming.courseTitle && ` · ${upcoming.courseTitle}`} · {format.date(upcoming.startsAt)} {format.time(upcoming.startsAt)}
          {upcoming.kind === 'live_class' && (
            <Badge tone="info" className="ml-2">
              {t('parentPortal.live')}
            </Badge>
          )}
        </p>
      )}

      <Card title={t('parentPortal.child.attendanceTitle')} testId="child-attendance-card">
        {overview.courses.length === 0 ? (
          <p className="text-sm text-slate-600">{t('parentPortal.child.noCourses')}</p>
        ) : (
          <>
            <PercentBarChart rows={attendanceRows} threshold={attendanceThreshold} title={t('parentPortal.child.attendanceTitle')} testId="attendance-chart" />
            <dl className="mt-4 grid grid-cols-4 gap-2 text-center text-xs">
              {(['present', 'late', 'absent', 'excused'] as const).map((status) => (
                <div key={status} className="rounded-lg bg-slate-50 p-2">
                  <dt className="text-slate-600">{t(`attendance.status.${status}`)}</dt>
                  <dd className="text-lg font-semibold text-slate-900 tabular-nums">{overview.courses.reduce((sum, item) => sum + item.attendance.counts[status], 0)}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
      </Card>

      <Card
        title={t('parentPortal.child.absencesTitle')}
        testId="child-absences"
        action={
          <ButtonLink to="/attendance/exemptions" size="sm" variant="ghost">
            {t('parentPortal.child.requests')}
          </ButtonLink>
        }
      >
        {overview.recentAbsences.length === 0 ? (
          <p className="text-sm text-slate-600">{t('parentPortal.child.noAbsences')}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {overview.recentAbsences.map((absence) => (
              <li key={absence.session.id} className="py-2 text-sm" data-testid="child-absence">
                <div className="flex flex-wrap items-center gap-3">
                  <div className="min-w-48 flex-1">
                    <p className="font-medium text-slate-900">{absence.course.title}</p>
                    <p className="text-xs text-slate-600">
                      {format.date(absence.session.startsAt)} · {format.time(absence.session.startsAt)}
                      {absence.session.topic && ` · ${absence.session.topic}`}
                    </p>
                  </div>
                  <StatusBadge status={absence.status} />
                  {absence.status !== 'excused' && (
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-expanded={requesting === absence.session.id}
                      onClick={() => setRequesting((current) => (current === absence.session.id ? null : absence.session.id))}
                    >
                      {t('exemptions.request')}
                    </Button>
                  )}
                </div>
                {requesting === absence.session.id && (
                  <ExemptionRequestForm sessionId={absence.session.id} studentId={overview.child.id} onDone={() => setRequesting(null)} />
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t('parentPortal.child.gradesTitle')} testId="child-grades">
        {overview.courses.some((item) => item.grades.average !== null) && (
          <PercentBarChart rows={gradeRows} threshold={gradeThreshold} title={t('parentPortal.child.averagesTitle')} testId="grades-chart" />
        )}
        {overview.recentGrades.length === 0 ? (
          <p className="text-sm text-slate-600">{t('parentPortal.child.noGrades')}</p>
        ) : (
          <ul className="mt-4 divide-y divide-slate-200">
            {overview.recentGrades.map((grade) => (
              <li key={grade.assignment.id} className="flex items-center gap-3 py-2 text-sm">
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-slate-900">{grade.assignment.title}</p>
                  <p className="text-xs text-slate-600">
                    {grade.course.title} · {format.date(grade.gradedAt)}
                  </p>
                </div>
                <span className={`tabular-nums ${grade.percentage < gradeThreshold ? 'font-semibold text-rose-800' : 'text-slate-900'}`}>
                  {format.number(grade.score)}/{format.number(grade.maxScore)} · {format.percent(grade.percentage / 100)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t('parentPortal.child.missingTitle')} testId="child-missing">
        {overview.missingAssignments.length === 0 ? (
          <p className="text-sm text-slate-600">{t('parentPortal.child.noMissing')}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {overview.missingAssignments.map((item) => (
              <li key={item.assignment.id} className="py-2 text-sm">
                <p className="font-medium text-slate-900">{item.assignment.title}</p>
                <p className="text-xs text-slate-600">
                  {item.course.title}
                  {item.assignment.dueAt && ` · ${t('parentPortal.child.due', { date: format.date(item.assignment.dueAt) })}`}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t('parentPortal.child.classesTitle')} testId="child-classes">
        <h3 className="text-sm font-semibold text-slate-800">{t('parentPortal.child.upcoming')}</h3>
        {overview.upcomingSessions.length + overview.upcomingLiveClasses.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">{t('parentPortal.child.noUpcoming')}</p>
        ) : (
          <ul className="mt-1 divide-y divide-slate-200">
            {[
              ...overview.upcomingLiveClasses.map((item) => ({ id: item.id, title: item.title, course: item.course.title, startsAt: item.startsAt, live: true })),
              ...overview.upcomingSessions.map((item) => ({ id: item.id, title: item.topic ?? item.course.title, course: item.course.title, startsAt: item.startsAt, live: false })),
            ]
              .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
              .slice(0, 8)
              .map((item) => (
                <li key={item.id} className="flex items-center gap-2 py-2 text-sm">
                  <div className="min-w-0 flex-1">
                    <p className="font-medium text-slate-900">{item.title}</p>
                    <p className="text-xs text-slate-600">
                      {item.course} · {format.date(item.startsAt)} {format.time(item.startsAt)}
                    </p>
                  </div>
                  {item.live && <Badge tone="info">{t('parentPortal.live')}</Badge>}
                </li>
              ))}
          </ul>
        )}
        <h3 className="mt-4 text-sm font-semibold text-slate-800">{t('parentPortal.child.pastLive')}</h3>
        {overview.pastLiveClasses.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">{t('parentPortal.child.noPastLive')}</p>
        ) : (
          <ul className="mt-1 divide-y divide-slate-200">
            {overview.pastLiveClasses.map((item) => (
              <li key={item.id} className="flex items-center gap-2 py-2 text-sm">
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-slate-900">{item.title}</p>
                  <p className="text-xs text-slate-600">
                    {item.course.title} · {format.date(item.startsAt)}
                  </p>
                </div>
                <Badge tone={item.attended ? 'success' : 'danger'}>
                  {item.attended ? t('parentPortal.child.attendedMinutes', { minutes: Math.round(item.minutesAttended) }) : t('parentPortal.child.missed')}
                </Badge>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <ChildAlerts overview={overview} />
      <Teachers overview={overview} />
    </div>
  );
}

function ChildAlerts({ overview }: { overview: ChildOverview }) {
  const markRead = useMarkAlertsRead();
  const toast = useToast();
  return (
    <Card
      title={t('parentPortal.child.alertsTitle')}
      testId="child-alerts"
      action={
        overview.unreadAlerts > 0 ? (
          <Button
            size="sm"
            variant="secondary"
            loading={markRead.isPending}
            onClick={() =>
              markRead.mutate(
                { all: true, studentId: overview.child.id },
                { onSuccess: () => toast.show({ kind: 'success', message: t('parentPortal.alerts.allRead') }) },
              )
            }
          >
            {t('parentPortal.alerts.markAll')}
          </Button>
        ) : undefined
      }
    >
      {overview.recentAlerts.length === 0 ? (
        <p className="text-sm text-slate-600">{t('parentPortal.alerts.none')}</p>
      ) : (
        <ul className="divide-y divide-slate-200" aria-live="polite">
          {overview.recentAlerts.map((alert) => (
            <AlertRow key={alert.id} alert={alert} showChild={false} onRead={() => markRead.mutate({ alertIds: [alert.id] })} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function Teachers({ overview }: { overview: ChildOverview }) {
  const message = useMessageTeacher();
  const toast = useToast();
  const rows = overview.courses.flatMap((item) => item.teachers.map((teacher) => ({ teacher, course: item.course })));
  return (
    <Card title={t('parentPortal.child.teachersTitle')} testId="child-teachers" className="lg:col-span-2">
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t('parentPortal.child.noTeachers')}</p>
      ) : (
        <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {rows.map(({ teacher, course }) => (
            <li key={`${course.id}:${teacher.id}`} className="flex items-center gap-3 rounded-lg border border-slate-200 p-3">
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium text-slate-900">{fullName(teacher)}</p>
                <p className="truncate text-xs text-slate-600">{course.title}</p>
              </div>
              <Button
                size="sm"
                variant="secondary"
                icon={<MailIcon className="size-4" />}
                data-testid="message-teacher"
                loading={message.isPending && message.variables === teacher.id}
                aria-label={t('parentPortal.child.messageTeacherAria', { name: fullName(teacher) })}
                onClick={() =>
                  message.mutate(teacher.id, {
                    onError: (error) => toast.show({ kind: 'error', message: t('parentPortal.child.messageFailed'), detail: error.message }),
                  })
                }
              >
                {t('parentPortal.child.messageTeacher')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
