import type { LiveClass } from '@tec/shared/contracts';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { t, tn } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { CalendarIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/page-header';
import { SkeletonList } from '../../ui/skeleton';
import { useCurrentUser } from '../auth/use-session';
import { useCourses } from '../courses/use-courses';
import { CalendarLinkCard } from './calendar-link-card';
import { JoinButton } from './join-button';
import { splitAgenda } from './live-class-logic';
import { LiveStatusBadge } from './live-class-status';
import { RecordingsList } from './recordings-list';
import { ScheduleForm } from './schedule-form';
import { useLiveClasses } from './use-live-classes';

const DAY = 86_400_000;

/** Teachers: schedule form and agenda. Students: upcoming classes with countdown and join. Both: recordings, calendar. */
export function LiveClassesPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const canTeach = user.role === 'teacher' || user.role === 'admin';
  const [scheduling, setScheduling] = useState(false);
  // Fixed per visit: 30 days back (recent classes and their reports) to 90 days ahead.
  const range = useMemo(() => ({ from: new Date(Date.now() - 30 * DAY).toISOString(), to: new Date(Date.now() + 90 * DAY).toISOString() }), []);
  const classes = useLiveClasses({ ...range, includeCancelled: canTeach });
  const courses = useCourses();
  const teaching = (courses.data ?? []).filter((course) => user.role === 'admin' || course.relation === 'teaching');
  const { upcoming, past } = useMemo(() => splitAgenda(classes.data?.items ?? [], Date.now()), [classes.data]);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t('liveClasses.title')}
        description={canTeach ? t('liveClasses.subtitleTeacher') : t('liveClasses.subtitleStudent')}
        testId="live-classes-heading"
        actions={
          canTeach && !scheduling ? (
            <Button onClick={() => setScheduling(true)} data-testid="live-schedule-open" disabled={teaching.length === 0}>
              {t('liveClasses.schedule')}
            </Button>
          ) : null
        }
      />
      {canTeach && scheduling && (
        <Card title={t('liveClasses.form.title')}>
          <ScheduleForm
            courses={teaching}
            onDone={(firstId) => {
              setScheduling(false);
              if (firstId) navigate(`/live-classes/${firstId}`);
            }}
          />
        </Card>
      )}
      <Card title={t('liveClasses.upcoming')} testId="live-upcoming">
        {classes.isPending ? (
          <SkeletonList rows={3} label={t('liveClasses.loading')} />
        ) : classes.isError ? (
          <ErrorState error={classes.error} onRetry={() => void classes.refetch()} retrying={classes.isFetching} />
        ) : upcoming.length === 0 ? (
          <EmptyState
            icon={<CalendarIcon className="size-6" />}
            title={t('liveClasses.emptyUpcoming')}
            action={
              canTeach ? (
                <Button onClick={() => setScheduling(true)} disabled={teaching.length === 0}>
                  {t('liveClasses.schedule')}
                </Button>
              ) : null
            }
          >
            {canTeach ? t('liveClasses.emptyUpcomingTeacher') : t('liveClasses.emptyUpcomingStudent')}
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {upcoming.map((item) => (
              <ClassRow key={item.id} item={item} asHost={canTeach} />
            ))}
          </ul>
        )}
      </Card>
      {past.length > 0 && (
        <Card title={t('liveClasses.past')} testId="live-past">
          <ul className="divide-y divide-slate-100">
            {past.slice(0, 12).map((item) => (
              <ClassRow key={item.id} item={item} asHost={canTeach} />
            ))}
          </ul>
        </Card>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <RecordingsList emptyHint={canTeach ? t('liveClasses.recordings.emptyTeacher') : t('liveClasses.recordings.emptyStudent')} />
        <CalendarLinkCard />
      </div>
    </div>
  );
}

function ClassRow({ item, asHost }: { item: LiveClass; asHost: boolean }) {
  const format = useFormat();
  return (
    <li className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid="live-class-row" data-class-id={item.id}>
      <div className="min-w-0">
        <Link to={`/live-classes/${item.id}`} className="font-medium text-slate-900 underline-offset-2 hover:underline" data-testid="live-class-link" data-class-id={item.id}>
          {item.name}
        </Link>
        <p className="text-sm text-slate-600">
          {item.courseCode} · {format.date(item.startsAt)} · {format.time(item.startsAt)}–{format.time(item.endsAt)}
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <LiveStatusBadge status={item.status} />
          {item.openQuestionCount > 0 && <span className="text-xs text-slate-600">{tn('liveClasses.openQuestions', item.openQuestionCount)}</span>}
          {item.recordingCount > 0 && <span className="text-xs text-slate-600">{t('liveClasses.hasRecording')}</span>}
        </div>
      </div>
      <JoinButton item={item} asHost={asHost} compact />
    </li>
  );
}
