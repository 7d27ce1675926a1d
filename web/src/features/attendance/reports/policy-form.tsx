import type { AttendancePolicy } from '@tec/shared/contracts';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../../api/api-error';
import { t } from '../../../i18n';
import { errorTitle } from '../../../i18n/error-messages';
import { Button } from '../../../ui/button';
import { TextField } from '../../../ui/field';
import { useToast } from '../../../ui/toast';
import { useUpdatePolicy } from './use-update-policy';

const NUMBER_FIELDS = [
  ['lateAfterMinutes', 0, 240],
  ['checkinOpensBeforeMinutes', 0, 120],
  ['checkinClosesAfterMinutes', 1, 720],
  ['lowAttendanceThreshold', 0, 100],
  ['minSessionsForAlert', 1, 100],
  ['consecutiveAbsenceAlert', 0, 50],
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number][0];

export function PolicyForm({ policy }: { policy: AttendancePolicy }) {
  const toast = useToast();
  const update = useUpdatePolicy(policy.courseId);
  const [values, setValues] = useState<Record<NumberField, string>>(
    () => Object.fromEntries(NUMBER_FIELDS.map(([field]) => [field, String(policy[field])])) as Record<NumberField, string>,
  );
  const [excused, setExcused] = useState(policy.excusedLeavesDenominator);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const body: Partial<Record<NumberField, number>> = {};
    for (const [field, min, max] of NUMBER_FIELDS) {
      const value = Number(values[field]);
      if (!Number.isFinite(value) || value < min || value > max) return setError(t('policy.outOfRange', { field: t(`policy.${field}`), min, max }));
      body[field] = value;
    }
    update.mutate(
      { ...body, excusedLeavesDenominator: excused },
      {
        onSuccess: () => toast.show({ kind: 'success', message: t('policy.saved') }),
        onError: (failure) => setError(isApiError(failure) ? `${errorTitle(failure.code)} · ${failure.message}` : t('errors.unexpected')),
      },
    );
  };

  return (
    <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" noValidate>
      {NUMBER_FIELDS.map(([field, min, max]) => (
        <TextField
          key={field}
          label={t(`policy.${field}`)}
          hint={t(`policy.${field}.hint`)}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          value={values[field]}
          onChange={(event) => setValues((current) => ({ ...current, [field]: event.target.value }))}
        />
      ))}
      <label className="flex min-h-11 items-start gap-3 sm:col-span-2 lg:col-span-3">
        <input type="checkbox" checked={excused} onChange={(event) => setExcused(event.target.checked)} className="mt-0.5 size-5" />
        <span className="text-sm">
          <span className="font-medium text-slate-800">{t('policy.excusedLeavesDenominator')}</span>
          <span className="block text-slate-600">{t('policy.excusedLeavesDenominator.hint')}</span>
        </span>
      </label>
      {error && (
        <p role="alert" className="text-sm text-rose-700 sm:col-span-2 lg:col-span-3">
          {error}
        </p>
      )}
      <div>
        <Button type="submit" loading={update.isPending}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
