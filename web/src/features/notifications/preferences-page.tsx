import { useEffect, useMemo, useState } from 'react';
import type { DeliveryMode, NotificationChannel, PreferencesView } from '../../api/notifications.api';
import { type MessageKey, t } from '../../i18n';
import { useDocumentTitle } from '../../layout/use-document-title';
import { Button, ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { ErrorState } from '../../ui/error-state';
import { AlertIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/page-header';
import { SkeletonList } from '../../ui/skeleton';
import { useToast } from '../../ui/toast';
import { categoryLabelKey } from './notification-view';
import { CHANNELS, changedCells, MODES, type PreferenceRow, setMode, toPreferenceRows } from './preference-grid';
import { QuietHoursForm } from './quiet-hours-form';
import { usePreferences } from './use-preferences';
import { useUpdatePreferences } from './use-update-preferences';

const CHANNEL_KEYS: Record<NotificationChannel, MessageKey> = { email: 'notifications.channel.email', in_app: 'notifications.channel.in_app' };
const MODE_KEYS: Record<DeliveryMode, MessageKey> = {
  off: 'notifications.mode.off',
  immediately: 'notifications.mode.immediately',
  daily_digest: 'notifications.mode.daily_digest',
  weekly_digest: 'notifications.mode.weekly_digest',
};

export function PreferencesPage() {
  useDocumentTitle(t('notifications.preferences.title'));
  const preferences = usePreferences();
  return (
    <>
      <PageHeader
        title={t('notifications.preferences.title')}
        description={t('notifications.preferences.subtitle')}
        testId="preferences-heading"
        actions={<ButtonLink to="/notifications">{t('notifications.backToList')}</ButtonLink>}
      />
      {preferences.isPending ? (
        <SkeletonList rows={6} />
      ) : preferences.isError ? (
        <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} retrying={preferences.isFetching} />
      ) : (
        <div className="space-y-6">
          {preferences.data.emailSuppressed && (
            <div role="note" className="flex gap-3 rounded-xl border border-amber-200 bg-amber-50 p-4 text-amber-900" data-testid="email-suppressed">
              <AlertIcon className="mt-0.5 size-5 shrink-0 text-amber-700" />
              <div className="text-sm">
                <p className="font-semibold">{t('notifications.suppressed.title')}</p>
                <p className="mt-1">{t('notifications.suppressed.body')}</p>
              </div>
            </div>
          )}
          <PreferenceGrid view={preferences.data} />
          <QuietHoursForm view={preferences.data} />
        </div>
      )}
    </>
  );
}

function PreferenceGrid({ view }: { view: PreferencesView }) {
  const saved = useMemo(() => toPreferenceRows(view.preferences), [view.preferences]);
  const [draft, setDraft] = useState<PreferenceRow[]>(saved);
  useEffect(() => setDraft(saved), [saved]);
  const changes = changedCells(saved, draft);
  const update = useUpdatePreferences();
  const toast = useToast();

  function save() {
    update.mutate(changes, {
      onSuccess: () => toast.show({ kind: 'success', message: t('notifications.preferences.saved') }),
    });
  }

  return (
    <Card title={t('notifications.preferences.gridTitle')} description={t('notifications.preferences.gridHint')} testId="preference-grid">
      {/* A table on laptops; on phones each category stacks its two selects. */}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('notifications.preferences.gridTitle')}</caption>
          <thead className="hidden border-b border-slate-200 text-slate-600 sm:table-header-group">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">{t('notifications.preferences.category')}</th>
              {CHANNELS.map((channel) => (
                <th key={channel} scope="col" className="py-2 pr-4 font-medium">{t(CHANNEL_KEYS[channel])}</th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {draft.map((row) => {
              const labelKey = categoryLabelKey(row.category);
              const categoryLabel = labelKey ? t(labelKey) : row.category;
              const lockedHintId = `locked-${row.category}`;
              return (
                <tr key={row.category} className="block py-3 sm:table-row sm:py-0" data-testid={`preference-row-${row.category}`}>
                  <th scope="row" className="block pb-2 font-medium text-slate-900 sm:table-cell sm:py-3 sm:pr-4">
                    {categoryLabel}
                    {row.locked && (
                      <p id={lockedHintId} className="mt-0.5 text-xs font-normal text-slate-600">
                        {t('notifications.preferences.locked')}
                      </p>
                    )}
                  </th>
                  {CHANNELS.map((channel) => (
                    <td key={channel} className="block py-1 sm:table-cell sm:py-3 sm:pr-4">
                      <label className="flex items-center gap-2 sm:block">
                        <span className="w-20 shrink-0 text-xs text-slate-600 sm:sr-only">{t(CHANNEL_KEYS[channel])}</span>
                        <span className="sr-only">{t('notifications.preferences.cellLabel', { category: categoryLabel, channel: t(CHANNEL_KEYS[channel]) })}</span>
                        <select
                          value={row.modes[channel]}
                          disabled={row.locked || update.isPending}
                          aria-describedby={row.locked ? lockedHintId : undefined}
                          onChange={(event) => setDraft((rows) => setMode(rows, row.category, channel, event.target.value as DeliveryMode))}
                          className="block h-10 w-full min-w-0 rounded-lg border border-slate-300 bg-white px-2 text-base text-slate-900 shadow-sm disabled:bg-slate-100 disabled:text-slate-600 sm:max-w-52 sm:text-sm"
                          data-testid={`preference-${row.category}-${channel}`}
                        >
                          {MODES.map((mode) => (
                            <option key={mode} value={mode} disabled={row.locked && mode === 'off'}>
                              {t(MODE_KEYS[mode])}
                            </option>
                          ))}
                        </select>
                      </label>
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {update.isError && <ErrorState className="mt-4" error={update.error} compact />}
      <div className="mt-4 flex flex-wrap items-center justify-end gap-2">
        <span className="mr-auto text-sm text-slate-600" aria-live="polite">
          {changes.length > 0 ? t('notifications.preferences.unsaved', { count: changes.length }) : ''}
        </span>
        <Button variant="secondary" onClick={() => setDraft(saved)} disabled={changes.length === 0 || update.isPending}>
          {t('common.reset')}
        </Button>
        <Button onClick={save} disabled={changes.length === 0} loading={update.isPending} data-testid="preferences-save">
          {t('common.save')}
        </Button>
      </div>
    </Card>
  );
}
