import { type FormEvent, useEffect, useState } from 'react';
import type { PreferencesView, QuietHours } from '../../api/notifications.api';
import { t } from '../../i18n';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ErrorState } from '../../ui/error-state';
import { TextField } from '../../ui/field';
import { useToast } from '../../ui/toast';
import { crossesMidnight, isValidTime } from './preference-grid';
import { useUpdateQuietHours } from './use-update-quiet-hours';

/** Quiet hours as local wall-clock times in the user's own timezone (the server's, shown to the user). */
export function QuietHoursForm({ view }: { view: PreferencesView }) {
  const [draft, setDraft] = useState<QuietHours>(view.quietHours);
  useEffect(() => setDraft(view.quietHours), [view.quietHours]);
  const update = useUpdateQuietHours();
  const toast = useToast();
  const startValid = isValidTime(draft.start);
  const endValid = isValidTime(draft.end);
  const sameTimes = draft.enabled && draft.start === draft.end;
  const dirty = draft.enabled !== view.quietHours.enabled || draft.start !== view.quietHours.start || draft.end !== view.quietHours.end;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!startValid || !endValid || sameTimes) return;
    update.mutate(draft, { onSuccess: () => toast.show({ kind: 'success', message: t('notifications.quiet.saved') }) });
  }

  return (
    <Card title={t('notifications.quiet.title')} description={t('notifications.quiet.hint', { timezone: view.timezone })} testId="quiet-hours">
      <form onSubmit={submit} noValidate>
        <label className="flex items-center gap-3 text-sm font-medium text-slate-800">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })}
            className="size-5 rounded border-slate-300 accent-brand-700"
            data-testid="quiet-enabled"
          />
          {t('notifications.quiet.enabled')}
        </label>
        <fieldset disabled={!draft.enabled} className="mt-4 grid gap-4 sm:max-w-md sm:grid-cols-2">
          <legend className="sr-only">{t('notifications.quiet.window')}</legend>
          <TextField
            type="time"
            label={t('notifications.quiet.start')}
            value={draft.start}
            onChange={(event) => setDraft({ ...draft, start: event.target.value })}
            error={draft.enabled && !startValid ? t('notifications.quiet.invalid') : undefined}
            required
          />
          <TextField
            type="time"
            label={t('notifications.quiet.end')}
            value={draft.end}
            onChange={(event) => setDraft({ ...draft, end: event.target.value })}
            error={draft.enabled && !endValid ? t('notifications.quiet.invalid') : sameTimes ? t('notifications.quiet.same') : undefined}
            required
          />
        </fieldset>
        <p className="mt-3 text-sm text-slate-600" aria-live="polite">
          {draft.enabled && startValid && endValid && !sameTimes
            ? crossesMidnight(draft.start, draft.end)
              ? t('notifications.quiet.summaryOvernight', { start: draft.start, end: draft.end })
              : t('notifications.quiet.summary', { start: draft.start, end: draft.end })
            : ''}
        </p>
        <p className="mt-1 text-xs text-slate-600">{t('notifications.quiet.critical')}</p>
        {update.isError && <ErrorState className="mt-4" error={update.error} compact />}
        <div className="mt-4 flex justify-end">
          <Button type="submit" disabled={!dirty || (draft.enabled && (!startValid || !endValid || sameTimes))} loading={update.isPending} data-testid="quiet-save">
            {t('notifications.quiet.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
