import { type FormEvent, useMemo, useState } from 'react';
import { isApiError } from '../../api/api-error';
import type { ProfileUpdate, UserProfile } from '../../api/types';
import { formatLocaleFor, t } from '../../i18n';
import { formatDateTime, safeContext, timeZoneOffsetLabel } from '../../i18n/format';
import { Button } from '../../ui/button';
import { ErrorState } from '../../ui/error-state';
import { SelectField, TextField } from '../../ui/field';
import { useToast } from '../../ui/toast';
import { LOCALE_OPTIONS, localeLabel, timeZoneOptions } from './locale-options';
import { useUpdateProfile } from './use-update-profile';

type FieldErrors = Partial<Record<keyof ProfileUpdate, string>>;

/** VALIDATION_FAILED details name the fields at fault when the gateway sends them as `[{ path, message }]`. */
function fieldErrorsOf(error: unknown): FieldErrors {
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details)) return {};
  const errors: FieldErrors = {};
  for (const issue of error.details as unknown[]) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    const field = Array.isArray(path) ? path[path.length - 1] : path;
    if (typeof field === 'string' && typeof message === 'string' && ['firstName', 'lastName', 'timezone', 'locale'].includes(field)) {
      errors[field as keyof ProfileUpdate] = message;
    }
  }
  return errors;
}

export function ProfileForm({ user }: { user: UserProfile }) {
  const toast = useToast();
  const update = useUpdateProfile();
  const [firstName, setFirstName] = useState(user.firstName);
  const [lastName, setLastName] = useState(user.lastName);
  const [timezone, setTimezone] = useState(user.timezone);
  const [locale, setLocale] = useState(user.locale);

  const zones = useMemo(() => timeZoneOptions(user.timezone), [user.timezone]);
  const locales = useMemo(() => [...new Set([...LOCALE_OPTIONS, user.locale])], [user.locale]);
  const preview = formatDateTime(new Date(), safeContext(formatLocaleFor(locale), timezone));

  const changes: ProfileUpdate = {};
  if (firstName.trim() !== user.firstName) changes.firstName = firstName.trim();
  if (lastName.trim() !== user.lastName) changes.lastName = lastName.trim();
  if (timezone !== user.timezone) changes.timezone = timezone;
  if (locale !== user.locale) changes.locale = locale;
  const dirty = Object.keys(changes).length > 0;
  const missingName = !firstName.trim() || !lastName.trim();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!dirty || missingName) return;
    update.mutate(changes, {
      onSuccess: () => toast.show({ kind: 'success', message: t('profile.saved') }),
      onError: (error) => toast.show({ kind: 'error', message: t('profile.saveFailed'), detail: error.message }),
    });
  }

  const fieldErrors = fieldErrorsOf(update.error);
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('profile.firstName')}
          value={firstName}
          onChange={(event) => setFirstName(event.target.value)}
          autoComplete="given-name"
          required
          maxLength={100}
          error={fieldErrors.firstName ?? (!firstName.trim() ? t('profile.required') : undefined)}
        />
        <TextField
          label={t('profile.lastName')}
          value={lastName}
          onChange={(event) => setLastName(event.target.value)}
          autoComplete="family-name"
          required
          maxLength={100}
          error={fieldErrors.lastName ?? (!lastName.trim() ? t('profile.required') : undefined)}
        />
      </div>
      <SelectField
        label={t('profile.timezone')}
        hint={t('profile.timezoneHint', { now: preview })}
        value={timezone}
        onChange={(event) => setTimezone(event.target.value)}
        error={fieldErrors.timezone}
      >
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll('_', ' ')} {timeZoneOffsetLabel(zone, 'en') && `(${timeZoneOffsetLabel(zone, 'en')})`}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('profile.locale')}
        hint={t('profile.localeHint')}
        value={locale}
        onChange={(event) => setLocale(event.target.value)}
        error={fieldErrors.locale}
      >
        {locales.map((option) => (
          <option key={option} value={option}>
            {localeLabel(option, option)} — {option}
          </option>
        ))}
      </SelectField>
      {update.isError && !hasFieldErrors && <ErrorState error={update.error} compact />}
      <div className="flex justify-end gap-3">
        <Button
          type="button"
          variant="secondary"
          disabled={!dirty || update.isPending}
          onClick={() => {
            setFirstName(user.firstName);
            setLastName(user.lastName);
            setTimezone(user.timezone);
            setLocale(user.locale);
            update.reset();
          }}
        >
          {t('common.reset')}
        </Button>
        <Button type="submit" loading={update.isPending} disabled={!dirty || missingName}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
