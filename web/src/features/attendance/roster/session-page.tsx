import type { Geofence } from '@tec/shared/contracts';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/api-error';
import { type MessageKey, t } from '../../../i18n';
import { errorTitle } from '../../../i18n/error-messages';
import { useFormat } from '../../../i18n/use-format';
import { useDocumentTitle } from '../../../layout/use-document-title';
import { Badge } from '../../../ui/badge';
import { Button, ButtonLink } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { ConfirmDialog } from '../../../ui/confirm-dialog';
import { ErrorState } from '../../../ui/error-state';
import { TextField } from '../../../ui/field';
import { PageHeader } from '../../../ui/page-header';
import { SkeletonList } from '../../../ui/skeleton';
import { useToast } from '../../../ui/toast';
import { useCurrentUser } from '../../auth/use-session';
import { dayKeyOf, timeOfDayOf, zonedTimeToInstant } from '../../../ui/calendar';
import { useSessionLive } from '../shared/use-session-live';
import { useCancelSession } from '../sessions/use-cancel-session';
import { useUpdateSession } from '../sessions/use-update-session';
import { draftFromSession, restrictionsToRequest, type RestrictionsError } from '../sessions/check-in-restrictions';
import { CheckInRestrictionsFields } from '../sessions/check-in-restrictions-fields';
import { RosterGrid } from './roster-grid';
import { useFlagged } from './use-flagged';
import { useRoster } from './use-roster';

const PHASE_TONE = { upcoming: 'neutral', open: 'success', closed: 'info', cancelled: 'danger' } as const;

/** `/attendance/sessions/:sessionId`: the session, its live grid, flagged check-ins, edit and cancel. */
export function SessionPage() {
  const { sessionId = '' } = useParams();
  const format = useFormat();
  const toast = useToast();
  const roster = useRoster(sessionId);
  const flagged = useFlagged(sessionId);
  useSessionLive(sessionId, (payload) =>
    toast.show({
      kind: 'info',
      message: t('roster.flaggedToast', { name: `${payload.flag.student.firstName} ${payload.flag.student.lastName}` }),
      detail: t(`roster.flag.${payload.flag.reason}` as MessageKey, { other: '' }),
    }),
  );
  const session = roster.data?.session;
  useDocumentTitle(session ? `${session.courseTitle} · ${format.date(session.startsAt)}` : t('session.title'));

  if (roster.isPending) return <SkeletonList rows={8} label={t('session.loading')} />;
  if (roster.isError || !session) return <ErrorState error={roster.error} onRetry={() => void roster.refetch()} />;

  const counts = session.counts;
  return (
    <>
      <PageHeader
        eyebrow={`${session.courseCode} · ${session.courseTitle}`}
        title={`${format.date(session.startsAt)} · ${format.time(session.startsAt)}–${format.time(session.endsAt)}`}
        description={session.topic ?? undefined}
        testId="session-heading"
        actions={
          <>
            {session.phase !== 'cancelled' && session.phase !== 'closed' && (
              <ButtonLink to={`/attendance/sessions/${session.id}/projector`} variant="primary" data-testid="open-projector">
                {t('session.openProjector')}
              </ButtonLink>
            )}
            <SessionActions sessionId={session.id} session={session} />
          </>
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <Badge tone={PHASE_TONE[session.phase]}>{t(`session.phase.${session.phase}`)}</Badge>
        <span>{t('session.window', { from: format.time(session.checkinOpensAt), late: format.time(session.lateAfter), to: format.time(session.checkinClosesAt) })}</span>
        <span className="font-medium text-slate-900" aria-live="polite" data-testid="session-counter" data-count={counts.present + counts.late}>
          {t('session.checkedIn', { count: counts.present + counts.late, enrolled: counts.enrolled })}
        </span>
        {session.geofence && <Badge tone="brand">{t('session.geofenced')}</Badge>}
      </div>
      {session.cancelledReason && <p className="mb-4 text-sm text-rose-800">{t('session.cancelledBecause', { reason: session.cancelledReason })}</p>}
      <div className="space-y-6">
        {(flagged.data?.length ?? 0) > 0 && (
          <Card title={t('session.flaggedTitle')} description={t('session.flaggedHint')} testId="flagged-list">
            <ul className="space-y-2 text-sm">
              {flagged.data?.map((flag) => (
                <li key={flag.id} className="rounded-lg bg-amber-50 p-3 text-amber-950">
                  <span className="font-medium">
                    {flag.student.firstName} {flag.student.lastName}
                  </span>{' '}
                  — {t(`roster.flag.${flag.reason}`, { other: flag.otherStudent ? `${flag.otherStudent.firstName} ${flag.otherStudent.lastName}` : '' })} ·{' '}
                  {format.time(flag.createdAt)}
                </li>
              ))}
            </ul>
          </Card>
        )}
        <Card title={t('roster.title')} description={t('roster.hint')}>
          <RosterGrid sessionId={session.id} entries={roster.data.items} flagged={flagged.data ?? []} readOnly={session.phase === 'cancelled'} />
        </Card>
      </div>
    </>
  );
}

function SessionActions({ sessionId, session }: { sessionId: string; session: { seriesId: string | null; startsAt: string; endsAt: string; topic: string | null; phase: string; geofence: Geofence | null; ipAllowList: string[] } }) {
  const user = useCurrentUser();
  const toast = useToast();
  const navigate = useNavigate();
  const update = useUpdateSession();
  const cancel = useCancelSession();
  const zone = useFormat().context.timeZone;
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [day, setDay] = useState(() => dayKeyOf(session.startsAt, zone));
  const [start, setStart] = useState(() => timeOfDayOf(session.startsAt, zone));
  const [end, setEnd] = useState(() => timeOfDayOf(session.endsAt, zone));
  const [topic, setTopic] = useState(session.topic ?? '');
  const [restrictions, setRestrictions] = useState(() => draftFromSession(session));
  const [restrictionsError, setRestrictionsError] = useState<RestrictionsError | null>(null);
  const [scope, setScope] = useState<'this' | 'following'>('this');
  const [reason, setReason] = useState('');
  if (session.phase === 'cancelled' || user.role === 'student') return null;
  const failed = (message: MessageKey) => (error: unknown) =>
    toast.show({ kind: 'error', message: t(message), detail: isApiError(error) ? `${errorTitle(error.code)} · ${error.message}` : undefined });

  return (
    <>
      {session.phase !== 'closed' && (
        <Button variant="secondary" onClick={() => setEditing(true)}>
          {t('common.edit')}
        </Button>
      )}
      <Button variant="ghost" onClick={() => setCancelling(true)}>
        {t('session.cancel')}
      </Button>
      <ConfirmDialog
        open={editing}
        title={t('session.editTitle')}
        confirmLabel={t('common.save')}
        cancelLabel={t('attendance.dismissForm')}
        pending={update.isPending}
        onCancel={() => setEditing(false)}
        onConfirm={() => {
          const checks = restrictionsToRequest(restrictions);
          setRestrictionsError(checks.ok ? null : checks.error);
          if (!checks.ok) return;
          update.mutate(
            {
              sessionId,
              body: {
                startsAt: zonedTimeToInstant(day, start, zone).toISOString(),
                endsAt: zonedTimeToInstant(day, end, zone).toISOString(),
                topic: topic.trim() || null,
                geofence: checks.geofence,
                ipAllowList: checks.ipAllowList,
              },
            },
            {
              onSuccess: () => {
                setEditing(false);
                toast.show({ kind: 'success', message: t('session.updated') });
              },
              onError: failed('session.updateFailed'),
            },
          );
        }}
      >
        <TextField label={t('sessions.form.date')} type="date" value={day} onChange={(event) => setDay(event.target.value)} />
        <div className="grid grid-cols-2 gap-3">
          <TextField label={t('sessions.form.start')} type="time" value={start} onChange={(event) => setStart(event.target.value)} />
          <TextField label={t('sessions.form.end')} type="time" value={end} onChange={(event) => setEnd(event.target.value)} />
        </div>
        <TextField label={t('sessions.form.topic')} value={topic} maxLength={255} onChange={(event) => setTopic(event.target.value)} />
        <p className="text-xs text-slate-600">{t('sessions.form.zoneHint', { zone })}</p>
        <CheckInRestrictionsFields value={restrictions} onChange={setRestrictions} error={restrictionsError} />
      </ConfirmDialog>
      <ConfirmDialog
        open={cancelling}
        title={t('session.cancelTitle')}
        confirmLabel={t('session.cancelConfirm')}
        cancelLabel={t('session.keep')}
        confirmVariant="danger"
        pending={cancel.isPending}
        onCancel={() => setCancelling(false)}
        onConfirm={() =>
          cancel.mutate(
            { sessionId, scope, reason: reason.trim() || undefined },
            {
              onSuccess: (result) => {
                setCancelling(false);
                toast.show({ kind: 'success', message: t('session.cancelled', { count: result.cancelled }) });
                navigate('/attendance');
              },
              onError: failed('session.cancelFailed'),
            },
          )
        }
      >
        <p>{t('session.cancelBody')}</p>
        {session.seriesId && (
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">{t('session.cancelScope')}</legend>
            {(['this', 'following'] as const).map((value) => (
              <label key={value} className="flex min-h-11 items-center gap-3 rounded-lg border border-slate-200 px-3">
                <input type="radio" name="cancel-scope" value={value} checked={scope === value} onChange={() => setScope(value)} className="size-4" />
                {t(`session.cancelScope.${value}`)}
              </label>
            ))}
          </fieldset>
        )}
        <TextField label={t('session.cancelReason')} value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
      </ConfirmDialog>
    </>
  );
}
