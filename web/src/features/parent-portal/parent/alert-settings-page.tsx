import { type FormEvent, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { type AlertSettings, DEFAULT_ALERT_SETTINGS } from '../../../api/parent-portal.api';
import { t } from '../../../i18n';
import { useDocumentTitle } from '../../../layout/use-document-title';
import { Badge } from '../../../ui/badge';
import { Button, ButtonLink } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { ErrorState } from '../../../ui/error-state';
import { PageHeader } from '../../../ui/page-header';
import { SkeletonList } from '../../../ui/skeleton';
import { useToast } from '../../../ui/toast';
import { fullName } from '../shared/labels';
import { useAlertSettings, useUpdateAlertSettings } from './use-alert-settings';
import { useChildren } from './use-children';
import { useDigestSettings, useUpdateDigestSettings } from './use-digest-settings';

type ToggleKey = keyof AlertSettings;
type ThresholdField = { key: 'lowAttendance' | 'assignmentGrade' | 'courseGrade'; field: 'belowPercent'; min: number; max: number; unit: '%' } | { key: 'consecutiveAbsences'; field: 'count'; min: number; max: number; unit: '' };

const ROWS: { key: ToggleKey; threshold?: ThresholdField }[] = [
  { key: 'absenceToday' },
  { key: 'lowAttendance', threshold: { key: 'lowAttendance', field: 'belowPercent', min: 0, max: 100, unit: '%' } },
  { key: 'consecutiveAbsences', threshold: { key: 'consecutiveAbsences', field: 'count', min: 2, max: 20, unit: '' } },
  { key: 'assignmentGrade', threshold: { key: 'assignmentGrade', field: 'belowPercent', min: 0, max: 100, unit: '%' } },
  { key: 'courseGrade', threshold: { key: 'courseGrade', field: 'belowPercent', min: 0, max: 100, unit: '%' } },
  { key: 'missingAssignment' },
  { key: 'liveClassMissed' },
];

/** `/family/children/:studentId/alerts`: this parent's thresholds for this child, and the guardian digest. */
export function AlertSettingsPage() {
  const { studentId = '' } = useParams();
  const settings = useAlertSettings(studentId);
  const children = useChildren();
  const child = children.data?.find((item) => item.child.id === studentId)?.child;
  useDocumentTitle(t('parentPortal.settings.title'));
  return (
    <>
      <PageHeader
        eyebrow={child ? fullName(child) : undefined}
        title={t('parentPortal.settings.title')}
        description={t('parentPortal.settings.subtitle')}
        testId="alert-settings-heading"
        actions={<ButtonLink to={`/family/children/${studentId}`}>{t('parentPortal.settings.back')}</ButtonLink>}
      />
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="lg:col-span-3">
          {settings.isPending ? (
            <SkeletonList rows={6} />
          ) : settings.isError ? (
            <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
          ) : (
            <SettingsForm key={studentId} studentId={studentId} initial={settings.data} isDefault={settings.data.isDefault} />
          )}
        </div>
        <DigestCard />
      </div>
    </>
  );
}

function thresholdValue(settings: AlertSettings, threshold: ThresholdField): number {
  return threshold.key === 'consecutiveAbsences' ? settings.consecutiveAbsences.count : settings[threshold.key].belowPercent;
}

function strip(settings: AlertSettings): AlertSettings {
  const { lowAttendance, absenceToday, consecutiveAbsences, assignmentGrade, courseGrade, missingAssignment, liveClassMissed } = settings;
  return { lowAttendance, absenceToday, consecutiveAbsences, assignmentGrade, courseGrade, missingAssignment, liveClassMissed };
}

function SettingsForm({ studentId, initial, isDefault }: { studentId: string; initial: AlertSettings; isDefault: boolean }) {
  const [draft, setDraft] = useState<AlertSettings>(() => strip(initial));
  const update = useUpdateAlertSettings(studentId);
  const toast = useToast();
  useEffect(() => setDraft(strip(initial)), [initial]);

  const setEnabled = (key: ToggleKey, enabled: boolean) => setDraft((current) => ({ ...current, [key]: { ...current[key], enabled } }));
  const setValue = (threshold: ThresholdField, raw: string) => {
    const value = Number(raw);
    setDraft((current) => ({ ...current, [threshold.key]: { ...current[threshold.key], [threshold.field]: Number.isFinite(value) ? value : 0 } }));
  };
  const invalid = ROWS.some(({ threshold }) => {
    if (!threshold) return false;
    const value = thresholdValue(draft, threshold);
    return !(value >= threshold.min && value <= threshold.max) || (threshold.field === 'count' && !Number.isInteger(value));
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    update.mutate(draft, {
      onSuccess: () => toast.show({ kind: 'success', message: t('parentPortal.settings.saved') }),
      onError: (error) => toast.show({ kind: 'error', message: t('parentPortal.settings.saveFailed'), detail: error.message }),
    });
  };

  return (
    <Card title={t('parentPortal.settings.alertsTitle')} action={isDefault ? <Badge tone="info">{t('parentPortal.settings.defaults')}</Badge> : undefined}>
      <form onSubmit={submit} className="space-y-1" data-testid="alert-settings-form">
        <ul className="divide-y divide-slate-200">
          {ROWS.map(({ key, threshold }) => {
            const enabled = draft[key].enabled;
            const inputId = `threshold-${key}`;
            return (
              <li key={key} className="flex flex-wrap items-center gap-3 py-3">
                <label className="flex min-w-0 flex-1 cursor-pointer items-start gap-3">
                  <input type="checkbox" role="switch" checked={enabled} onChange={(event) => setEnabled(key, event.target.checked)} className="mt-0.5 size-5 shrink-0 accent-brand-700" />
                  <span>
                    <span className="block text-sm font-medium text-slate-900">{t(`parentPortal.settings.${key}`)}</span>
                    <span className="block text-xs text-slate-600">{t(`parentPortal.settings.${key}Hint`)}</span>
                  </span>
                </label>
                {threshold && (
                  <div className="flex items-center gap-2">
                    <label htmlFor={inputId} className="text-xs text-slate-600">
                      {threshold.field === 'count' ? t('parentPortal.settings.inARow') : t('parentPortal.settings.below')}
                    </label>
                    <input
                      id={inputId}
                      type="number"
                      inputMode="numeric"
                      min={threshold.min}
                      max={threshold.max}
                      disabled={!enabled}
                      value={thresholdValue(draft, threshold)}
                      onChange={(event) => setValue(threshold, event.target.value)}
                      className="h-11 w-20 rounded-lg border border-slate-300 px-2 text-right text-base tabular-nums disabled:bg-slate-100 sm:text-sm"
                    />
                    <span className="w-4 text-sm text-slate-700">{threshold.unit}</span>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
        {invalid && (
          <p role="alert" className="text-sm text-rose-700">
            {t('parentPortal.settings.invalid')}
          </p>
        )}
        <div className="flex flex-wrap gap-2 pt-3">
          <Button type="submit" loading={update.isPending} disabled={invalid} data-testid="alert-settings-save">
            {t('common.save')}
          </Button>
          <Button variant="ghost" onClick={() => setDraft(DEFAULT_ALERT_SETTINGS)}>
            {t('parentPortal.settings.reset')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function DigestCard() {
  const digest = useDigestSettings();
  const update = useUpdateDigestSettings();
  const toast = useToast();
  const toggle = (key: 'weekly' | 'daily', value: boolean) => {
    if (!digest.data) return;
    update.mutate(
      { ...digest.data, [key]: value },
      {
        onSuccess: () => toast.show({ kind: 'success', message: t('parentPortal.digest.saved') }),
        onError: (error) => toast.show({ kind: 'error', message: t('parentPortal.settings.saveFailed'), detail: error.message }),
      },
    );
  };
  return (
    <Card title={t('parentPortal.digest.title')} description={t('parentPortal.digest.subtitle')} className="lg:col-span-2">
      {digest.isPending ? (
        <SkeletonList rows={2} />
      ) : digest.isError ? (
        <ErrorState error={digest.error} compact onRetry={() => void digest.refetch()} />
      ) : (
        <div className="space-y-3">
          {(['weekly', 'daily'] as const).map((key) => (
            <label key={key} className="flex cursor-pointer items-start gap-3">
              <input type="checkbox" role="switch" checked={digest.data[key]} disabled={update.isPending} onChange={(event) => toggle(key, event.target.checked)} className="mt-0.5 size-5 shrink-0 accent-brand-700" />
              <span>
                <span className="block text-sm font-medium text-slate-900">{t(`parentPortal.digest.${key}`)}</span>
                <span className="block text-xs text-slate-600">{t(`parentPortal.digest.${key}Hint`)}</span>
              </span>
            </label>
          ))}
        </div>
      )}
    </Card>
  );
}
