import { useState } from 'react';
import type { UserAccount } from '../../../api/types';
import { t } from '../../../i18n';
import { useFormat } from '../../../i18n/use-format';
import { Badge } from '../../../ui/badge';
import { Button } from '../../../ui/button';
import { ConfirmDialog } from '../../../ui/confirm-dialog';
import { ErrorState } from '../../../ui/error-state';
import { TextAreaField } from '../../../ui/field';
import { useToast } from '../../../ui/toast';
import { useExportUserData, useRequestErasure, useUserErasures } from './use-data-rights';

const MIN_REASON = 5;

/** Export a user's data (a ZIP from every service) or erase it, with the erasure's status per service. */
export function UserDataRightsPanel({ user, onClose }: { user: UserAccount; onClose: () => void }) {
  const toast = useToast();
  const format = useFormat();
  const exporting = useExportUserData(user.id);
  const erasures = useUserErasures(user.id);
  const erase = useRequestErasure(user.id);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const erasure = erasures.data?.items[0];
  const name = `${user.firstName} ${user.lastName}`;

  return (
    <section aria-labelledby="data-rights-title" className="mt-6 rounded-lg border border-slate-200 p-4" data-testid="data-rights-panel">
      <div className="flex items-start justify-between gap-3">
        <div>
          <h2 id="data-rights-title" className="font-semibold text-slate-900">
            {t('dataRights.title', { name })}
          </h2>
          <p className="text-sm text-slate-600">{t('dataRights.subtitle')}</p>
        </div>
        <Button variant="ghost" size="sm" onClick={onClose}>
          {t('dataRights.close')}
        </Button>
      </div>
      <div className="mt-4 flex flex-wrap gap-2">
        <Button
          variant="secondary"
          loading={exporting.isPending}
          onClick={() =>
            exporting.mutate(undefined, {
              onSuccess: () => toast.show({ kind: 'success', message: t('dataRights.exported') }),
            })
          }
        >
          {exporting.isPending ? t('dataRights.exporting') : t('dataRights.export')}
        </Button>
        <Button variant="danger" disabled={Boolean(erasure)} onClick={() => setConfirming(true)}>
          {t('dataRights.erase')}
        </Button>
      </div>
      {exporting.isError && <ErrorState className="mt-3" error={exporting.error} compact />}
      {erasures.isError && <ErrorState className="mt-3" error={erasures.error} compact />}
      {erasure && (
        <div className="mt-4" aria-live="polite">
          <p className="text-sm text-slate-700">
            {t(erasure.status === 'completed' ? 'dataRights.erasureCompleted' : 'dataRights.erasurePending', { at: format.dateTime(erasure.requestedAt) })}
          </p>
          <p className="text-sm text-slate-600">{t('dataRights.reasonShown', { reason: erasure.reason })}</p>
          <ul className="mt-2 grid gap-1 sm:grid-cols-2" data-testid="erasure-services">
            {erasure.services.map((entry) => (
              <li key={entry.service} className="flex items-center justify-between gap-2 text-sm">
                <span>{entry.service}</span>
                <Badge tone={entry.status === 'done' ? 'success' : 'warning'}>{t(entry.status === 'done' ? 'dataRights.serviceDone' : 'dataRights.servicePending')}</Badge>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('dataRights.confirmTitle', { name })}
        confirmLabel={t('dataRights.confirm')}
        cancelLabel={t('dataRights.cancel')}
        confirmVariant="danger"
        pending={erase.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          if (reason.trim().length < MIN_REASON) return;
          erase.mutate(reason.trim(), {
            onSuccess: () => {
              setConfirming(false);
              setReason('');
              toast.show({ kind: 'info', message: t('dataRights.erasureStarted') });
            },
          });
        }}
        testId="erase-dialog"
      >
        <p className="mb-3 text-sm text-slate-700">{t('dataRights.confirmBody')}</p>
        <TextAreaField
          label={t('dataRights.reason')}
          hint={t('dataRights.reasonHint')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          rows={3}
          error={erase.isError ? t('dataRights.eraseFailed') : undefined}
        />
      </ConfirmDialog>
    </section>
  );
}
