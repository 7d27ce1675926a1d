import type { CourseSummary } from '@tec/shared/contracts';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../../api/api-error';
import { t, tn } from '../../../i18n';
import { errorTitle } from '../../../i18n/error-messages';
import { useFormat } from '../../../i18n/use-format';
import { Button } from '../../../ui/button';
import { SelectField, TextField } from '../../../ui/field';
import { useToast } from '../../../ui/toast';
import { addDays, dayKeyOf, isoWeekday, zonedTimeToInstant } from '../../../ui/calendar';
import { draftFromSession, restrictionsToRequest, type RestrictionsError } from './check-in-restrictions';
import { CheckInRestrictionsFields } from './check-in-restrictions-fields';
import { useCreateSessions } from './use-create-sessions';
import { WeekdayPicker } from '../../../ui/weekday-picker';

/** One session, or a weekly series (weekdays until a date) keeping the same local time in the user's zone. */
export function CreateSessionForm({ courses, defaultCourseId, onDone }: { courses: CourseSummary[]; defaultCourseId: string; onDone: () => void }) {
  const format = useFormat();
  const zone = format.context.timeZone;
  const toast = useToast();
  const create = useCreateSessions();
  const today = dayKeyOf(new Date(), zone);
  const [courseId, setCourseId] = useState(defaultCourseId || courses[0]?.id || '');
  const [day, setDay] = useState(today);
  const [start, setStart] = useState('08:00');
  const [end, setEnd] = useState('09:30');
  const [topic, setTopic] = useState('');
  const [repeat, setRepeat] = useState(false);
  const [weekdays, setWeekdays] = useState<number[]>(() => [isoWeekday(today)]);
  const [until, setUntil] = useState(() => addDays(today, 42));
  const [restrictions, setRestrictions] = useState(() => draftFromSession(null));
  const [restrictionsError, setRestrictionsError] = useState<RestrictionsError | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!courseId) return setError(t('sessions.form.pickCourse'));
    if (end <= start) return setError(t('sessions.form.endAfterStart'));
    if (repeat && weekdays.length === 0) return setError(t('sessions.form.pickWeekday'));
    const checks = restrictionsToRequest(restrictions);
    setRestrictionsError(checks.ok ? null : checks.error);
    if (!checks.ok) return;
    create.mutate(
      {
        courseId,
        startsAt: zonedTimeToInstant(day, start, zone).toISOString(),
        endsAt: zonedTimeToInstant(day, end, zone).toISOString(),
        topic: topic.trim() || undefined,
        geofence: checks.geofence ?? undefined,
        ipAllowList: checks.ipAllowList.length > 0 ? checks.ipAllowList : undefined,
        recurrence: repeat ? { weekdays, until, timezone: zone } : undefined,
      },
      {
        onSuccess: (result) => {
          toast.show({ kind: 'success', message: tn('sessions.form.created', result.items.length) });
          onDone();
        },
        onError: (failure) =>
          setError(isApiError(failure) ? `${errorTitle(failure.code)} · ${failure.message}` : t('errors.unexpected')),
      },
    );
  };

  return (
    <form onSubmit={submit} className="grid gap-4 md:grid-cols-2" noValidate>
      <SelectField label={t('sessions.course')} value={courseId} onChange={(event) => setCourseId(event.target.value)} required>
        {courses.map((course) => (
          <option key={course.id} value={course.id}>
            {course.code} · {course.title}
          </option>
        ))}
      </SelectField>
      <TextField label={t('sessions.form.topic')} value={topic} maxLength={255} onChange={(event) => setTopic(event.target.value)} />
      <TextField label={t('sessions.form.date')} type="date" value={day} required onChange={(event) => setDay(event.target.value)} />
      <div className="grid grid-cols-2 gap-3">
        <TextField label={t('sessions.form.start')} type="time" value={start} required onChange={(event) => setStart(event.target.value)} />
        <TextField label={t('sessions.form.end')} type="time" value={end} required onChange={(event) => setEnd(event.target.value)} />
      </div>
      <label className="flex min-h-11 items-center gap-3 md:col-span-2">
        <input type="checkbox" checked={repeat} onChange={(event) => setRepeat(event.target.checked)} className="size-5" />
        <span className="text-sm font-medium text-slate-800">{t('sessions.form.repeat')}</span>
      </label>
      {repeat && (
        <>
          <WeekdayPicker legend={t('sessions.form.weekdays')} value={weekdays} onChange={setWeekdays} />
          <TextField label={t('sessions.form.until')} type="date" value={until} min={day} onChange={(event) => setUntil(event.target.value)} />
        </>
      )}
      <CheckInRestrictionsFields value={restrictions} onChange={setRestrictions} error={restrictionsError} />
      <p className="text-xs text-slate-600 md:col-span-2">{t('sessions.form.zoneHint', { zone })}</p>
      {error && (
        <p role="alert" className="text-sm text-rose-700 md:col-span-2">
          {error}
        </p>
      )}
      <div className="flex gap-2 md:col-span-2">
        <Button type="submit" loading={create.isPending} data-testid="create-session">
          {repeat ? t('sessions.form.createSeries') : t('sessions.form.create')}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t('attendance.dismissForm')}
        </Button>
      </div>
    </form>
  );
}
