import type { RosterImport } from '../../api/types';
import { type MessageKey, t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Badge, type BadgeTone } from '../../ui/badge';
import { ProgressBar } from '../../ui/progress-bar';

const statusTone: Record<RosterImport['status'], BadgeTone> = { running: 'info', completed: 'success', failed: 'danger' };
const statusLabel: Record<RosterImport['status'], MessageKey> = {
  running: 'import.status.running',
  completed: 'import.status.completed',
  failed: 'import.status.failed',
};

export function ImportProgress({ progress }: { progress: RosterImport }) {
  const format = useFormat();
  const processed = progress.done + progress.failed;
  const succeeded = progress.done;
  return (
    <div className="space-y-4" data-testid="import-progress">
      <div className="flex items-center gap-2">
        <Badge tone={statusTone[progress.status]}>{t(statusLabel[progress.status])}</Badge>
      </div>
      <ProgressBar
        label={t('import.progressLabel')}
        value={processed}
        max={progress.total}
        valueText={t('import.progressValue', { processed: format.number(processed), total: format.number(progress.total) })}
        tone={progress.status === 'failed' ? 'danger' : progress.status === 'completed' ? 'success' : 'brand'}
      />
      <dl className="grid grid-cols-3 gap-3 text-center">
        <Stat label={t('import.total')} value={format.number(progress.total)} />
        <Stat label={t('import.succeeded')} value={format.number(succeeded)} />
        <Stat label={t('import.failedRows')} value={format.number(progress.failed)} danger={progress.failed > 0} />
      </dl>
    </div>
  );
}

function Stat({ label, value, danger = false }: { label: string; value: string; danger?: boolean }) {
  return (
    <div className="rounded-lg bg-slate-50 p-3">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className={`mt-1 text-xl font-semibold tabular-nums ${danger ? 'text-rose-700' : 'text-slate-900'}`}>{value}</dd>
    </div>
  );
}
