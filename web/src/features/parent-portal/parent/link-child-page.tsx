import { type FormEvent, useRef, useState } from 'react';
import { RELATIONSHIPS, type ParentLink, type Relationship } from '../../../api/parent-portal.api';
import { t } from '../../../i18n';
import { useDocumentTitle } from '../../../layout/use-document-title';
import { Button, ButtonLink } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { ErrorState } from '../../../ui/error-state';
import { TextField } from '../../../ui/field';
import { CheckIcon } from '../../../ui/icons';
import { PageHeader } from '../../../ui/page-header';
import { useToast } from '../../../ui/toast';
import { fullName, LinkStatusBadge, relationshipLabel } from '../shared/labels';
import { codeProblem, explainRedeemError, normalizeCode } from '../shared/portal-logic';
import { PendingLinks } from './pending-links';
import { useRedeemCode } from './use-redeem-code';

/** `/family/link`: the parent enters the pairing code the child (or the school office) gave them. */
export function LinkChildPage() {
  useDocumentTitle(t('parentPortal.link.title'));
  const [code, setCode] = useState('');
  const [relationship, setRelationship] = useState<Relationship>('parent');
  const [localError, setLocalError] = useState<string | null>(null);
  const [done, setDone] = useState<ParentLink | null>(null);
  const redeem = useRedeemCode();
  const toast = useToast();
  const inputRef = useRef<HTMLInputElement>(null);
  const explained = redeem.isError ? explainRedeemError(redeem.error) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = codeProblem(code);
    if (problem) {
      setLocalError(t(`parentPortal.link.problem.${problem}`));
      inputRef.current?.focus();
      return;
    }
    setLocalError(null);
    redeem.mutate(
      { code: normalizeCode(code), relationship },
      {
        onSuccess: (link) => {
          setDone(link);
          setCode('');
          toast.show({ kind: 'success', message: t('parentPortal.link.sent', { name: fullName(link.student) }) });
        },
        onError: () => inputRef.current?.focus(),
      },
    );
  };

  return (
    <>
      <PageHeader title={t('parentPortal.link.title')} description={t('parentPortal.link.subtitle')} testId="link-child-heading" />
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="space-y-6 lg:col-span-3">
          {done && (
            <div role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-emerald-900" data-testid="link-result">
              <p className="flex items-center gap-2 font-semibold">
                <CheckIcon className="size-5" /> {t('parentPortal.link.sentTitle', { name: fullName(done.student) })}
              </p>
              <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
                <LinkStatusBadge status={done.status} />
                {done.status === 'active'
                  ? t('parentPortal.link.activeBody')
                  : done.status === 'pending_consent'
                    ? t('parentPortal.pending.consentBody')
                    : t('parentPortal.pending.approvalBody')}
              </p>
              <ButtonLink to="/" size="sm" className="mt-3">
                {t('parentPortal.backHome')}
              </ButtonLink>
            </div>
          )}
          <Card title={t('parentPortal.link.formTitle')}>
            <form onSubmit={submit} noValidate className="space-y-5" data-testid="link-form">
              <TextField
                ref={inputRef}
                label={t('parentPortal.link.codeLabel')}
                hint={t('parentPortal.link.codeHint')}
                error={localError ?? (explained ? t(explained.key, explained.vars) : undefined)}
                name="code"
                value={code}
                onChange={(event) => setCode(event.target.value)}
                autoComplete="one-time-code"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={20}
                className="font-mono text-2xl tracking-[0.3em] uppercase sm:text-2xl"
                placeholder="K7M 2QX"
              />
              <fieldset>
                <legend className="mb-2 text-sm font-medium text-slate-800">{t('parentPortal.link.relationshipLabel')}</legend>
                <div className="flex flex-wrap gap-2">
                  {RELATIONSHIPS.map((value) => (
                    <label
                      key={value}
                      className={`inline-flex h-11 cursor-pointer items-center gap-2 rounded-lg border px-4 text-sm ${relationship === value ? 'border-brand-600 bg-brand-50 text-brand-900' : 'border-slate-300 bg-white text-slate-800'}`}
                    >
                      <input type="radio" name="relationship" value={value} checked={relationship === value} onChange={() => setRelationship(value)} className="size-4 accent-brand-700" />
                      {relationshipLabel(value)}
                    </label>
                  ))}
                </div>
              </fieldset>
              {redeem.isError && explained?.key === 'parentPortal.link.error.generic' && <ErrorState error={redeem.error} compact />}
              <Button type="submit" loading={redeem.isPending} className="w-full sm:w-auto" data-testid="link-submit">
                {t('parentPortal.link.submit')}
              </Button>
            </form>
          </Card>
          <PendingLinks />
        </div>
        <Card title={t('parentPortal.link.howTitle')} className="lg:col-span-2">
          <ol className="space-y-3 text-sm text-slate-700">
            {(['parentPortal.link.how1', 'parentPortal.link.how2', 'parentPortal.link.how3'] as const).map((key, index) => (
              <li key={key} className="flex gap-3">
                <span className="grid size-6 shrink-0 place-items-center rounded-full bg-slate-100 text-xs font-semibold text-slate-800" aria-hidden="true">
                  {index + 1}
                </span>
                <span>{t(key)}</span>
              </li>
            ))}
          </ol>
          <p className="mt-4 rounded-lg bg-slate-50 p-3 text-sm text-slate-700">{t('dashboard.parent.adultNote')}</p>
        </Card>
      </div>
    </>
  );
}
