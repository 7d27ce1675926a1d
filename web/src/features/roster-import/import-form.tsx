import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { ROSTER_COLUMNS } from '@tec/shared/contracts';
import { t, tn } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { Button } from '../../ui/button';
import { ErrorState } from '../../ui/error-state';
import { TextAreaField } from '../../ui/field';
import { UploadIcon } from '../../ui/icons';
import { countCsvRows, csvByteSize, MAX_CSV_BYTES } from './csv-preview';

// The header names come from the contract, so the hint can't drift from what core accepts.
const SAMPLE = `${ROSTER_COLUMNS.join(',')}\nana.lopez@tec.example,Ana,López,student,2007-03-14,Europe/Madrid,es-ES,MATH-12A`;

interface ImportFormProps {
  onSubmit(csv: string): void;
  submitting: boolean;
  error: unknown;
}

export function ImportForm({ onSubmit, submitting, error }: ImportFormProps) {
  const format = useFormat();
  const fileInputId = useId();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) {
      setFileError(t('import.tooLarge', { size: `${Math.floor(MAX_CSV_BYTES / 1000)} KB` }));
      return;
    }
    try {
      setCsv(await file.text());
      setFileName(file.name);
    } catch {
      setFileError(t('import.unreadable'));
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (csv.trim()) onSubmit(csv);
  }

  const rows = countCsvRows(csv);
  const tooLarge = csvByteSize(csv) > MAX_CSV_BYTES;

  return (
    <form onSubmit={submit} className="space-y-4">
      <div>
        <label htmlFor={fileInputId} className="mb-1.5 block text-sm font-medium text-slate-800">
          {t('import.file')}
        </label>
        <input
          id={fileInputId}
          type="file"
          accept=".csv,text/csv"
          onChange={(event) => void onFile(event)}
          aria-describedby={fileError ? `${fileInputId}-error` : undefined}
          className="block w-full text-sm text-slate-700 file:mr-3 file:h-10 file:cursor-pointer file:rounded-lg file:border-0 file:bg-brand-50 file:px-4 file:text-sm file:font-medium file:text-brand-800 hover:file:bg-brand-100"
        />
        {fileName && !fileError && <p className="mt-1.5 text-sm text-slate-600">{t('import.fileLoaded', { name: fileName })}</p>}
        {fileError && (
          <p id={`${fileInputId}-error`} role="alert" className="mt-1.5 text-sm text-rose-700">
            {fileError}
          </p>
        )}
      </div>
      <TextAreaField
        label={t('import.paste')}
        hint={t('import.pasteHint', { required: ROSTER_COLUMNS.slice(0, 4).join(', '), optional: ROSTER_COLUMNS.slice(4).join(', ') })}
        error={tooLarge ? t('import.tooLarge', { size: `${Math.floor(MAX_CSV_BYTES / 1000)} KB` }) : undefined}
        rows={8}
        value={csv}
        spellCheck={false}
        placeholder={SAMPLE}
        onChange={(event) => {
          setCsv(event.target.value);
          setFileName(null);
        }}
      />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-slate-600" aria-live="polite">
          {csv.trim() ? tn('import.rowCount', rows, { rows: format.number(rows) }) : t('import.nothingYet')}
        </p>
        <Button type="submit" icon={<UploadIcon className="size-5" />} loading={submitting} disabled={!csv.trim() || tooLarge}>
          {t('import.start')}
        </Button>
      </div>
      {error !== null && error !== undefined && <ErrorState error={error} compact />}
    </form>
  );
}
