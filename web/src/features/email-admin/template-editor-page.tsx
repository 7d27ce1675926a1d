import { useEffect, useId, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/api-error';
import type { TemplateDetail } from '../../api/email.api';
import { t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { useDocumentTitle } from '../../layout/use-document-title';
import { Badge } from '../../ui/badge';
import { Button, ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { cx } from '../../ui/class-names';
import { ErrorState } from '../../ui/error-state';
import { TextAreaField, TextField } from '../../ui/field';
import { AlertIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/page-header';
import { Skeleton, SkeletonList } from '../../ui/skeleton';
import { Spinner } from '../../ui/spinner';
import { useToast } from '../../ui/toast';
import { useDebouncedValue } from '../admin-users/use-debounced-value';
import { parseSampleData } from './delivery-timeline';
import { TemplateHistory } from './template-history';
import { useEmailTemplate } from './use-email-template';
import { useSendTestEmail } from './use-send-test-email';
import { useTemplatePreview } from './use-template-preview';
import { useUpdateTemplate } from './use-update-template';

interface Draft {
  subject: string;
  html: string;
  text: string;
  sample: string;
}

function draftOf(template: TemplateDetail): Draft {
  return { subject: template.subject, html: template.html, text: template.text, sample: JSON.stringify(template.sampleData, null, 2) };
}

const PREVIEW_DEBOUNCE_MS = 400;

export function TemplateEditorPage() {
  const { name = '' } = useParams();
  useDocumentTitle(t('email.editor.title', { name }));
  const template = useEmailTemplate(name);
  return (
    <>
      <PageHeader
        eyebrow={t('email.title')}
        title={<span className="font-mono">{name}</span>}
        description={template.data?.description}
        testId="template-heading"
        actions={<ButtonLink to="/admin/email?tab=templates">{t('email.editor.back')}</ButtonLink>}
      />
      {template.isPending ? (
        <SkeletonList rows={6} />
      ) : template.isError ? (
        <ErrorState error={template.error} onRetry={() => void template.refetch()} retrying={template.isFetching} />
      ) : (
        <Editor key={template.data.name} template={template.data} reload={async () => (await template.refetch()).data} />
      )}
    </>
  );
}

interface EditorProps {
  template: TemplateDetail;
  /** Fetches the latest saved version (after a conflict). */
  reload: () => Promise<TemplateDetail | undefined>;
}

function Editor({ template, reload }: EditorProps) {
  const format = useFormat();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(() => draftOf(template));
  const [baseVersion, setBaseVersion] = useState(template.version);
  const [saved, setSaved] = useState<Draft>(() => draftOf(template));
  const [conflict, setConflict] = useState(false);
  const update = useUpdateTemplate(template.name);
  const sample = parseSampleData(draft.sample);
  const dirty = draft.subject !== saved.subject || draft.html !== saved.html || draft.text !== saved.text || draft.sample !== saved.sample;

  // The preview follows the draft, 400 ms after the last keystroke; invalid sample data keeps the last good render.
  const previewInput = useMemo(() => {
    const parsed = parseSampleData(draft.sample);
    return parsed.ok ? { subject: draft.subject, html: draft.html, text: draft.text, data: parsed.data } : null;
  }, [draft.subject, draft.html, draft.text, draft.sample]);
  const debouncedInput = useDebouncedValue(previewInput, PREVIEW_DEBOUNCE_MS);

  function save(expectedVersion: number) {
    if (!sample.ok) return;
    update.mutate(
      { draft: { subject: draft.subject, html: draft.html, text: draft.text, sampleData: sample.data }, expectedVersion },
      {
        onSuccess: (result) => {
          setBaseVersion(result.version);
          setSaved(draft);
          setConflict(false);
          toast.show({ kind: 'success', message: t('email.editor.saved', { version: result.version }) });
        },
        onError: (error) => {
          if (isApiError(error) && (error.code === 'CONFLICT' || error.status === 409)) setConflict(true);
        },
      },
    );
  }

  async function loadLatest() {
    const latest = await reload();
    if (!latest) return;
    const fresh = draftOf(latest);
    setDraft(fresh);
    setSaved(fresh);
    setBaseVersion(latest.version);
    setConflict(false);
    update.reset();
    toast.show({ kind: 'info', message: t('email.editor.loadedLatest', { version: latest.version }) });
  }

  async function overwrite() {
    const latest = await reload();
    if (latest) save(latest.version);
  }

  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <div className="min-w-0 space-y-6">
        <Card
          title={t('email.editor.content')}
          description={t('email.editor.contentHint')}
          action={
            <span className="flex items-center gap-2">
              <Badge tone={template.active ? 'success' : 'neutral'}>{template.active ? t('email.templates.on') : t('email.templates.off')}</Badge>
              <Badge tone="brand">{t('email.templates.version', { version: baseVersion })}</Badge>
            </span>
          }
          testId="template-editor"
        >
          <form
            className="space-y-4"
            onSubmit={(event) => {
              event.preventDefault();
              save(baseVersion);
            }}
          >
            <TextField label={t('email.editor.subject')} value={draft.subject} onChange={(event) => setDraft({ ...draft, subject: event.target.value })} required data-testid="template-subject" />
            <TextAreaField label={t('email.editor.html')} value={draft.html} onChange={(event) => setDraft({ ...draft, html: event.target.value })} rows={14} spellCheck={false} className="text-xs" data-testid="template-html" />
            <TextAreaField label={t('email.editor.text')} value={draft.text} onChange={(event) => setDraft({ ...draft, text: event.target.value })} rows={8} spellCheck={false} className="text-xs" data-testid="template-text" />
            {conflict && (
              <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" data-testid="template-conflict">
                <p className="flex items-center gap-2 font-semibold">
                  <AlertIcon className="size-5 text-amber-700" />
                  {t('email.editor.conflictTitle')}
                </p>
                <p className="mt-1">{t('email.editor.conflictBody')}</p>
                <div className="mt-3 flex flex-wrap gap-2">
                  <Button variant="secondary" size="sm" onClick={() => void loadLatest()}>
                    {t('email.editor.loadLatest')}
                  </Button>
                  <Button variant="danger" size="sm" onClick={() => void overwrite()} loading={update.isPending}>
                    {t('email.editor.overwrite')}
                  </Button>
                </div>
              </div>
            )}
            {update.isError && !conflict && <ErrorState error={update.error} compact />}
            <div className="flex flex-wrap items-center justify-end gap-2">
              <span className="mr-auto text-sm text-slate-600" aria-live="polite">
                {dirty ? t('email.editor.unsaved') : t('email.editor.savedAt', { when: format.dateTime(template.updatedAt) })}
              </span>
              <Button variant="secondary" onClick={() => setDraft(saved)} disabled={!dirty || update.isPending}>
                {t('common.reset')}
              </Button>
              <Button type="submit" disabled={!dirty || !sample.ok || !draft.subject.trim()} loading={update.isPending && !conflict} data-testid="template-save">
                {t('email.editor.save')}
              </Button>
            </div>
          </form>
        </Card>
        <Card title={t('email.editor.sampleTitle')} description={t('email.editor.sampleHint')} testId="template-sample">
          {template.variables.length > 0 && (
            <ul className="mb-3 flex flex-wrap gap-1.5" aria-label={t('email.editor.variables')}>
              {template.variables.map((variable) => (
                <li key={variable.name} title={variable.description}>
                  <code className={cx('rounded px-1.5 py-0.5 font-mono text-xs', variable.required ? 'bg-brand-50 text-brand-900' : 'bg-slate-100 text-slate-700')}>
                    {`{{${variable.name}}}`}
                    {variable.required && <span className="sr-only"> {t('email.editor.required')}</span>}
                    {variable.required && <span aria-hidden="true">*</span>}
                  </code>
                </li>
              ))}
            </ul>
          )}
          <TextAreaField
            label={t('email.editor.sampleData')}
            value={draft.sample}
            onChange={(event) => setDraft({ ...draft, sample: event.target.value })}
            rows={8}
            spellCheck={false}
            className="text-xs"
            error={sample.ok ? undefined : sample.error === 'not-object' ? t('email.editor.sampleNotObject') : t('email.editor.sampleInvalid', { error: sample.error })}
            hint={t('email.editor.sampleFieldHint')}
            data-testid="template-sample-data"
          />
        </Card>
        <TestSend name={template.name} data={sample.ok ? sample.data : undefined} />
        <TemplateHistory
          versions={template.versions}
          current={baseVersion}
          onRestore={(version) => {
            setDraft({ ...draft, subject: version.subject, html: version.html, text: version.text });
            toast.show({ kind: 'info', message: t('email.history.restored', { version: version.version }) });
          }}
        />
      </div>
      <Preview name={template.name} input={debouncedInput} typing={previewInput !== debouncedInput} />
    </div>
  );
}

function Preview({ name, input, typing }: { name: string; input: Parameters<typeof useTemplatePreview>[1]; typing: boolean }) {
  const preview = useTemplatePreview(name, input);
  const [view, setView] = useState<'html' | 'text'>('html');
  const [narrow, setNarrow] = useState(false);
  const data = preview.data;
  const busy = typing || preview.isFetching;
  return (
    <div className="min-w-0 xl:sticky xl:top-20 xl:self-start">
      <Card
        title={t('email.preview.title')}
        description={t('email.preview.hint')}
        action={busy ? <Spinner className="size-4 text-brand-700" /> : undefined}
        testId="template-preview"
      >
        <div className="mb-3 flex flex-wrap items-center gap-2">
          <div role="group" aria-label={t('email.preview.format')} className="inline-flex rounded-lg border border-slate-200 bg-slate-50 p-1">
            {(['html', 'text'] as const).map((option) => (
              <button
                key={option}
                type="button"
                aria-pressed={view === option}
                onClick={() => setView(option)}
                className={cx('rounded-md px-3 py-1 text-sm font-medium', view === option ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600')}
              >
                {option === 'html' ? t('email.preview.html') : t('email.preview.text')}
              </button>
            ))}
          </div>
          {view === 'html' && (
            <label className="ml-auto flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={narrow} onChange={(event) => setNarrow(event.target.checked)} className="size-4 accent-brand-700" />
              {t('email.preview.phoneWidth')}
            </label>
          )}
        </div>
        {preview.isError && <ErrorState className="mb-3" error={preview.error} compact />}
        {!data ? (
          preview.isPending && input === null ? (
            <p className="text-sm text-slate-600">{t('email.preview.fixSample')}</p>
          ) : (
            <Skeleton className="h-96 w-full" />
          )
        ) : (
          <div aria-busy={busy}>
            <p className="mb-2 text-sm break-words text-slate-700">
              <span className="text-slate-600">{t('email.preview.subject')}</span>{' '}
              <span className="font-semibold text-slate-900" data-testid="preview-subject">
                {data.subject}
              </span>
            </p>
            <div aria-live="polite">
              {data.missingVariables.length > 0 && (
                <p className="mb-3 rounded-lg border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900" data-testid="preview-missing">
                  {t('email.preview.missing', { names: data.missingVariables.join(', ') })}
                </p>
              )}
            </div>
            {view === 'html' ? (
              <div className="rounded-lg border border-slate-200 bg-slate-100 p-2">
                {/* sandbox="" : no scripts, no forms, no navigation, a unique origin. */}
                <iframe
                  title={t('email.preview.frameTitle', { name })}
                  sandbox=""
                  srcDoc={data.html}
                  className={cx('mx-auto block h-[32rem] rounded bg-white', narrow ? 'w-[375px] max-w-full' : 'w-full')}
                  data-testid="preview-frame"
                />
              </div>
            ) : (
              <pre className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 bg-slate-50 p-3 text-xs whitespace-pre-wrap text-slate-800" data-testid="preview-text">
                {data.text}
              </pre>
            )}
          </div>
        )}
      </Card>
    </div>
  );
}

function TestSend({ name, data }: { name: string; data?: Record<string, unknown> }) {
  const [to, setTo] = useState('');
  const send = useSendTestEmail(name);
  const toast = useToast();
  const statusId = useId();
  const [queued, setQueued] = useState<{ id: string; to: string } | null>(null);
  useEffect(() => setQueued(null), [name]);

  return (
    <Card title={t('email.test.title')} description={t('email.test.hint')} testId="template-test">
      <form
        className="flex flex-col gap-3 sm:flex-row sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          send.mutate(
            { to, data },
            {
              onSuccess: (result) => {
                setQueued({ id: result.deliveryId, to: result.to });
                toast.show({ kind: 'success', message: t('email.test.queued', { email: result.to }) });
              },
            },
          );
        }}
      >
        <TextField
          type="email"
          label={t('email.test.to')}
          placeholder={t('email.test.toPlaceholder')}
          value={to}
          onChange={(event) => setTo(event.target.value)}
          fieldClassName="flex-1"
          autoComplete="email"
          aria-describedby={statusId}
          data-testid="test-send-to"
        />
        <Button type="submit" loading={send.isPending} data-testid="test-send">
          {t('email.test.send')}
        </Button>
      </form>
      <div id={statusId} aria-live="polite" className="mt-3 text-sm">
        {queued && (
          <p className="text-slate-700" data-testid="test-send-queued">
            {t('email.test.queued', { email: queued.to })}{' '}
            <Link to={`/admin/email/deliveries/${queued.id}`} className="font-medium text-brand-700 hover:underline">
              {t('email.test.follow')}
            </Link>
          </p>
        )}
      </div>
      {send.isError && <ErrorState className="mt-3" error={send.error} compact />}
    </Card>
  );
}
