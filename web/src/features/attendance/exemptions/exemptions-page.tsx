import type { Exemption } from '@tec/shared/contracts';
import { useEffect, useState } from 'react';
import { isApiError } from '../../../api/api-error';
import { t } from '../../../i18n';
import { errorTitle } from '../../../i18n/error-messages';
import { useFormat } from '../../../i18n/use-format';
import { useDocumentTitle } from '../../../layout/use-document-title';
import { Badge } from '../../../ui/badge';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { cx } from '../../../ui/class-names';
import { EmptyState } from '../../../ui/empty-state';
import { ErrorState } from '../../../ui/error-state';
import { TextField } from '../../../ui/field';
import { InboxIcon } from '../../../ui/icons';
import { PageHeader } from '../../../ui/page-header';
import { SkeletonList } from '../../../ui/skeleton';
import { useToast } from '../../../ui/toast';
import { useCurrentUser } from '../../auth/use-session';
import { saveBlob } from '../reports/csv-file';
import { useDecideExemption } from './use-decide-exemption';
import { useEvidence } from './use-evidence';
import { useExemptions } from './use-exemptions';

const STATUS_TONE = { pending: 'warning', approved: 'success', rejected: 'danger' } as const;

/** `/attendance/exemptions`: the teacher's queue (pending first), a student's own requests, or a parent's for their children. */
export function ExemptionsPage() {
  const user = useCurrentUser();
  const deciding = user.role === 'teacher' || user.role === 'admin';
  const parent = user.role === 'parent';
  const title = deciding ? t('exemptions.queueTitle') : parent ? t('exemptions.familyTitle') : t('exemptions.mineTitle');
  useDocumentTitle(title);
  const [status, setStatus] = useState<Exemption['status'] | ''>(deciding ? 'pending' : '');
  const list = useExemptions({ status: status || undefined });
  return (
    <>
      <PageHeader
        title={title}
        description={deciding ? t('exemptions.queueSubtitle') : parent ? t('exemptions.familySubtitle') : t('exemptions.mineSubtitle')}
        testId="exemptions-heading"
      />
      <div role="group" aria-label={t('exemptions.filter')} className="mb-4 inline-flex rounded-lg border border-slate-300 bg-white p-0.5">
        {(['pending', 'approved', 'rejected', ''] as const).map((value) => (
          <button
            key={value || 'all'}
            type="button"
            aria-pressed={status === value}
            onClick={() => setStatus(value)}
            className={cx('h-10 rounded-md px-3 text-sm font-medium', status === value ? 'bg-brand-700 text-white' : 'text-slate-700 hover:bg-slate-100')}
          >
            {t(`exemptions.status.${value || 'all'}`)}
          </button>
        ))}
      </div>
      {list.isPending ? (
        <SkeletonList rows={4} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState icon={<InboxIcon className="size-6" />} title={t('exemptions.emptyTitle')}>
          {deciding ? t('exemptions.emptyQueue') : parent ? t('exemptions.emptyFamily') : t('exemptions.emptyMine')}
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {list.data.map((exemption) => (
            <li key={exemption.id}>
              <ExemptionCard exemption={exemption} deciding={deciding} named={deciding || parent} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** `named`: the card is titled with the student (a teacher's queue, a parent of several children). */
function ExemptionCard({ exemption, deciding, named }: { exemption: Exemption; deciding: boolean; named: boolean }) {
  const format = useFormat();
  const toast = useToast();
  const decide = useDecideExemption();
  const [note, setNote] = useState('');
  const [preview, setPreview] = useState(false);
  const name = `${exemption.student.firstName} ${exemption.student.lastName}`;
  // Not mutate()'s callbacks: the hook waits for the queue to refetch, which unmounts this card once it leaves the
  // filtered list, and React Query drops the callbacks of an unmounted observer (no toast would ever show).
  const act = (decision: 'approve' | 'reject') =>
    decide.mutateAsync({ exemptionId: exemption.id, decision, note: note.trim() || undefined }).then(
      () => toast.show({ kind: 'success', message: t(decision === 'approve' ? 'exemptions.approved' : 'exemptions.rejected', { name }) }),
      (error: unknown) =>
        toast.show({ kind: 'error', message: t('exemptions.decideFailed'), detail: isApiError(error) ? `${errorTitle(error.code)} · ${error.message}` : undefined }),
    );
  return (
    <Card
      title={named ? name : exemption.courseTitle}
      description={`${named ? `${exemption.courseTitle} · ` : ''}${format.dateTime(exemption.sessionStartsAt)}`}
      action={<Badge tone={STATUS_TONE[exemption.status]}>{t(`exemptions.status.${exemption.status}`)}</Badge>}
    >
      <p className="text-sm whitespace-pre-wrap text-slate-800">{exemption.reason}</p>
      <p className="mt-2 text-xs text-slate-600">{t('exemptions.requestedAt', { when: format.dateTime(exemption.requestedAt) })}</p>
      {exemption.evidence && (
        <div className="mt-3">
          <Button variant="secondary" size="sm" onClick={() => setPreview((value) => !value)} aria-expanded={preview}>
            {preview ? t('exemptions.hideEvidence') : t('exemptions.showEvidence', { name: exemption.evidence.fileName })}
          </Button>
          {preview && <EvidencePreview exemption={exemption} />}
        </div>
      )}
      {exemption.decisionNote && <p className="mt-3 text-sm text-slate-700 italic">“{exemption.decisionNote}”</p>}
      {deciding && exemption.status === 'pending' && (
        <div className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end">
          <TextField label={t('exemptions.note')} value={note} maxLength={1000} onChange={(event) => setNote(event.target.value)} fieldClassName="flex-1" />
          <div className="flex gap-2">
            <Button onClick={() => void act('approve')} loading={decide.isPending && decide.variables?.decision === 'approve'} disabled={decide.isPending}>
              {t('exemptions.approve')}
            </Button>
            <Button variant="danger" onClick={() => void act('reject')} loading={decide.isPending && decide.variables?.decision === 'reject'} disabled={decide.isPending}>
              {t('exemptions.reject')}
            </Button>
          </div>
        </div>
      )}
    </Card>
  );
}

/** Images are shown inline from a Blob URL (our origin never renders the server's file as a page); PDFs download. */
function EvidencePreview({ exemption }: { exemption: Exemption }) {
  const evidence = useEvidence(exemption.id, true);
  const [url, setUrl] = useState<string | null>(null);
  const isImage = exemption.evidence?.mimeType.startsWith('image/') ?? false;
  useEffect(() => {
    if (!evidence.data || !isImage) return;
    const objectUrl = URL.createObjectURL(new Blob([evidence.data], { type: exemption.evidence?.mimeType }));
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [evidence.data, isImage, exemption.evidence?.mimeType]);
  if (evidence.isPending) return <SkeletonList rows={1} />;
  if (evidence.isError) return <ErrorState error={evidence.error} compact />;
  return isImage && url ? (
    <img src={url} alt={t('exemptions.evidenceAlt', { name: exemption.evidence?.fileName ?? '' })} className="mt-3 max-h-96 rounded-lg border border-slate-200" />
  ) : (
    <Button variant="ghost" size="sm" className="mt-2" onClick={() => saveBlob(evidence.data, exemption.evidence?.fileName ?? 'evidence')}>
      {t('exemptions.download')}
    </Button>
  );
}
