import { type FormEvent, useState } from 'react';
import { isApiError } from '../../../api/api-error';
import { t } from '../../../i18n';
import { errorTitle } from '../../../i18n/error-messages';
import { Button } from '../../../ui/button';
import { TextAreaField, TextField } from '../../../ui/field';
import { useToast } from '../../../ui/toast';
import { prepareEvidence } from './shrink-image';
import { useCreateExemption } from './use-create-exemption';

/**
 * A student (or a linked parent, naming the child in `studentId`) asks for an excused absence: a reason and,
 * optionally, a photo or PDF (photos shrunk to fit).
 */
export function ExemptionRequestForm({ sessionId, studentId, onDone }: { sessionId: string; studentId?: string; onDone: () => void }) {
  const toast = useToast();
  const create = useCreateExemption();
  const [reason, setReason] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preparing, setPreparing] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (reason.trim().length < 3) return setError(t('exemptions.reasonTooShort'));
    let evidence: { fileName: string; blob: Blob } | undefined;
    if (file) {
      setPreparing(true);
      const prepared = await prepareEvidence(file);
      setPreparing(false);
      if (!prepared.ok) return setError(t(`exemptions.file.${prepared.reason}`));
      evidence = { fileName: prepared.fileName, blob: prepared.blob };
    }
    create.mutate(
      { sessionId, studentId, reason: reason.trim(), file: evidence },
      {
        onSuccess: () => {
          toast.show({ kind: 'success', message: t(studentId ? 'exemptions.sentFamily' : 'exemptions.sent') });
          onDone();
        },
        onError: (failure) => setError(isApiError(failure) ? `${errorTitle(failure.code)} · ${failure.message}` : t('errors.unexpected')),
      },
    );
  };

  return (
    <form onSubmit={(event) => void submit(event)} className="mt-3 space-y-3 rounded-lg bg-slate-50 p-3" noValidate>
      <TextAreaField label={t('exemptions.reason')} value={reason} onChange={(event) => setReason(event.target.value)} rows={3} maxLength={1000} className="font-sans" required />
      <TextField
        label={t('exemptions.evidence')}
        hint={t('exemptions.evidenceHint')}
        type="file"
        accept="image/*,application/pdf"
        className="py-2"
        onChange={(event) => setFile(event.target.files?.[0] ?? null)}
      />
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" loading={create.isPending || preparing}>
          {t('exemptions.send')}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t('attendance.dismissForm')}
        </Button>
      </div>
    </form>
  );
}
