import type { CourseSummary, LiveClassProvider } from '@tec/shared/contracts';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/api-error';
import { t, tn } from '../../i18n';
import { errorTitle } from '../../i18n/error-messages';
import { useFormat } from '../../i18n/use-format';
import { Button } from '../../ui/button';
import { SelectField, TextAreaField, TextField } from '../../ui/field';
import { useToast } from '../../ui/toast';
import { addDays, dayKeyOf, isoWeekday, zonedTimeToInstant } from '../../ui/calendar';
import { type ConflictDetail, conflictsOf, fieldErrorsOf } from './live-class-logic';
import { useScheduleLiveClasses } from './use-schedule-live-classes';
import { WeekdayPicker } from '../../ui/weekday-picker';

type Field = 'courseId' | 'name' | 'description' | 'day' | 'start' | 'end' | 'maxParticipants' | 'provider' | 'weekdays' | 'until';
/** Where the API's field names land on this form. */
const API_FIELD: Record<string, Field> = {
  courseId: 'courseId',
  name: 'name',
  description: 'description',
  startsAt: 'start',
  endsAt: 'end',
  maxParticipants: 'maxParticipants',
  provider: 'provider',
  recurrence: 'until',
};

/** One class or a weekly series (weekdays until a date), in the teacher's zone, with provider, recording and capacity. */
export function ScheduleForm({ courses, onDone }: { courses: CourseSummary[]; onDone: (firstClassId?: string) => void }) {
  const format = useFormat();
  const zone = format.context.timeZone;
  const toast = useToast();
  const schedule = useScheduleLiveClasses();
  const today = dayKeyOf(new Date(), zone);
  const [courseId, setCourseId] = useState(courses[0]?.id ?? '');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [day, setDay] = useState(today);
  const [start, setStart] = useState('10:00');
  const [end, setEnd] = useState('11:00');
  const [provider, setProvider] = useState<'' | LiveClassProvider>('');
  const [recording, setRecording] = useState(true);
  const [capacity, setCapacity] = useState('');
  const [repeat, setRepeat] = useState(false);
  const [weekdays, setWeekdays] = useState<number[]>(() => [isoWeekday(today)]);
  const [until, setUntil] = useState(() => addDays(today, 42));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [conflicts, setConflicts] = useState<ConflictDetail[]>([]);
  const [formError, setFormError] = useState<string | null>(null);

  const validate = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    if (!courseId) found.courseId = t('liveClasses.form.error.course');
    if (!name.trim()) found.name = t('liveClasses.form.error.name');
    if (!day) found.day = t('liveClasses.form.error.day');
    if (end <= start) found.end = t('liveClasses.form.error.endAfterStart');
    if (capacity && !(Number.isInteger(Number(capacity)) && Number(capacity) >= 1 && Number(capacity) <= 1000)) found.maxParticipants = t('liveClasses.form.error.capacity');
    if (repeat && weekdays.length === 0) found.weekdays = t('liveClasses.form.error.weekdays');
    if (repeat && until < day) found.until = t('liveClasses.form.error.until');
    return found;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    setConflicts([]);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // Focus the first invalid control so keyboard and screen-reader users land on the problem.
      window.requestAnimationFrame(() => (document.querySelector('[data-testid="live-schedule-form"] [aria-invalid="true"]') as HTMLElement | null)?.focus());
      return;
    }
    schedule.mutate(
      {
        courseId,
        name: name.trim(),
        description: description.trim() || undefined,
        startsAt: zonedTimeToInstant(day, start, zone).toISOString(),
        endsAt: zonedTimeToInstant(day, end, zone).toISOString(),
        timezone: zone,
        maxParticipants: capacity ? Number(capacity) : null,
        recordingEnabled: recording,
        provider: provider || undefined,
        recurrence: repeat ? { weekdays, until } : undefined,
      },
      {
        onSuccess: (result) => {
          toast.show({ kind: 'success', message: tn('liveClasses.form.created', result.items.length) });
          onDone(result.items[0]?.id);
        },
        onError: (failure) => {
          if (isApiError(failure) && failure.code === 'CONFLICT' && conflictsOf(failure.details).length > 0) {
            const list = conflictsOf(failure.details);
            setConflicts(list);
            setErrors({ start: tn('liveClasses.form.error.overlap', list.length) });
            return;
          }
          if (isApiError(failure) && failure.code === 'VALIDATION_FAILED') {
            const mapped: Partial<Record<Field, string>> = {};
            for (const [key, message] of Object.entries(fieldErrorsOf(failure.details))) mapped[API_FIELD[key] ?? 'name'] = message;
            if (Object.keys(mapped).length > 0) setErrors(mapped);
            setFormError(`${errorTitle(failure.code)} · ${failure.message}`);
            return;
          }
          setFormError(isApiError(failure) ? `${errorTitle(failure.code)} · ${failure.message}` : t('errors.unexpected'));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} className="grid gap-4 md:grid-cols-2" noValidate data-testid="live-schedule-form">
      <SelectField label={t('liveClasses.form.course')} value={courseId} error={errors.courseId} onChange={(event) => setCourseId(event.target.value)} required>
        {courses.map((course) => (
          <option key={course.id} value={course.id}>
            {course.code} · {course.title}
          </option>
        ))}
      </SelectField>
      <TextField label={t('liveClasses.form.name')} name="name" value={name} maxLength={255} required error={errors.name} onChange={(event) => setName(event.target.value)} />
      <TextAreaField
        label={t('liveClasses.form.description')}
        value={description}
        maxLength={5000}
        rows={2}
        className="font-sans"
        fieldClassName="md:col-span-2"
        onChange={(event) => setDescription(event.target.value)}
      />
      <TextField label={t('liveClasses.form.date')} name="day" type="date" value={day} required error={errors.day} onChange={(event) => setDay(event.target.value)} />
      <div className="grid grid-cols-2 gap-3">
        <TextField label={t('liveClasses.form.start')} name="start" type="time" value={start} required error={errors.start} onChange={(event) => setStart(event.target.value)} />
        <TextField label={t('liveClasses.form.end')} name="end" type="time" value={end} required error={errors.end} onChange={(event) => setEnd(event.target.value)} />
      </div>
      {conflicts.length > 0 && (
        <div role="alert" className="rounded-lg border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900 md:col-span-2" data-testid="live-schedule-conflicts">
          <p className="font-semibold">{t('liveClasses.form.conflictsTitle')}</p>
          <ul className="mt-1 list-disc pl-5">
            {conflicts.map((conflict) => (
              <li key={conflict.classId}>
                <Link className="underline" to={`/live-classes/${conflict.classId}`}>
                  {conflict.name}
                </Link>{' '}
                · {format.dateTime(conflict.startsAt)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <SelectField
        label={t('liveClasses.form.provider')}
        value={provider}
        error={errors.provider}
        hint={t('liveClasses.form.providerHint')}
        onChange={(event) => setProvider(event.target.value as '' | LiveClassProvider)}
      >
        <option value="">{t('liveClasses.form.providerDefault')}</option>
        <option value="zoom">{t('liveClasses.provider.zoom')}</option>
        <option value="jitsi">{t('liveClasses.provider.jitsi')}</option>
      </SelectField>
      <TextField
        label={t('liveClasses.form.capacity')}
        name="maxParticipants"
        type="number"
        inputMode="numeric"
        min={1}
        max={1000}
        value={capacity}
        placeholder={t('liveClasses.form.capacityNone')}
        hint={t('liveClasses.form.capacityHint')}
        error={errors.maxParticipants}
        onChange={(event) => setCapacity(event.target.value)}
      />
      <label className="flex min-h-11 items-center gap-3">
        <input type="checkbox" checked={recording} onChange={(event) => setRecording(event.target.checked)} className="size-5" />
        <span className="text-sm font-medium text-slate-800">{t('liveClasses.form.recording')}</span>
      </label>
      <label className="flex min-h-11 items-center gap-3">
        <input type="checkbox" checked={repeat} onChange={(event) => setRepeat(event.target.checked)} className="size-5" data-testid="live-repeat" />
        <span className="text-sm font-medium text-slate-800">{t('liveClasses.form.repeat')}</span>
      </label>
      {repeat && (
        <>
          <WeekdayPicker legend={t('liveClasses.form.weekdays')} value={weekdays} onChange={setWeekdays} error={errors.weekdays} errorId="live-weekdays-error" />
          <TextField label={t('liveClasses.form.until')} type="date" value={until} min={day} error={errors.until} onChange={(event) => setUntil(event.target.value)} />
        </>
      )}
      <p className="text-xs text-slate-600 md:col-span-2">{t('liveClasses.form.zoneHint', { zone })}</p>
      {formError && (
        <p role="alert" className="text-sm text-rose-700 md:col-span-2" data-testid="live-schedule-error">
          {formError}
        </p>
      )}
      <div className="flex gap-2 md:col-span-2">
        <Button type="submit" loading={schedule.isPending} data-testid="live-schedule-submit">
          {repeat ? t('liveClasses.form.submitSeries') : t('liveClasses.form.submit')}
        </Button>
        <Button variant="ghost" onClick={() => onDone()}>
          {t('liveClasses.form.cancel')}
        </Button>
      </div>
    </form>
  );
}
