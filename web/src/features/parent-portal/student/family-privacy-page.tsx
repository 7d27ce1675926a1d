import { useRef, useState } from 'react';
import type { NewPairingCode, ParentLink } from '../../../api/parent-portal.api';
import { type MessageKey, t, tn } from '../../../i18n';
import { useFormat } from '../../../i18n/use-format';
import { useDocumentTitle } from '../../../layout/use-document-title';
import { Badge } from '../../../ui/badge';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { ConfirmDialog } from '../../../ui/confirm-dialog';
import { EmptyState } from '../../../ui/empty-state';
import { ErrorState } from '../../../ui/error-state';
import { LinkIcon, UsersIcon } from '../../../ui/icons';
import { PageHeader } from '../../../ui/page-header';
import { SkeletonList } from '../../../ui/skeleton';
import { useToast } from '../../../ui/toast';
import { useLinks } from '../parent/use-my-links';
import { fullName, LinkStatusBadge, relationshipLabel } from '../shared/labels';
import { groupCode, timeLeft } from '../shared/portal-logic';
import { useAccessLog, useConsent, useCreatePairingCode, usePairingCodes, useRevokeLink, useRevokePairingCode } from './use-family';

/** `/family-privacy`: the student's pairing codes, linked parents (consent for adults) and the access log. */
export function FamilyPrivacyPage() {
  useDocumentTitle(t('parentPortal.student.title'));
  return (
    <>
      <PageHeader title={t('parentPortal.student.title')} description={t('parentPortal.student.subtitle')} testId="family-privacy-heading" />
      <div className="grid gap-6 lg:grid-cols-2">
        <PairingCodes />
        <LinkedParents />
        <AccessLog className="lg:col-span-2" />
      </div>
    </>
  );
}

/** The code panel, shared with the admin's per-student view. */
export function PairingCodes({ studentId }: { studentId?: string }) {
  const codes = usePairingCodes(studentId);
  const create = useCreatePairingCode(studentId);
  const revoke = useRevokePairingCode(studentId);
  const toast = useToast();
  const format = useFormat();
  const [fresh, setFresh] = useState<NewPairingCode | null>(null);
  const [copied, setCopied] = useState(false);

  const generate = () =>
    create.mutate(undefined, {
      onSuccess: (code) => {
        setFresh(code);
        setCopied(false);
        toast.show({ kind: 'success', message: t('parentPortal.codes.created') });
      },
      onError: (error) => toast.show({ kind: 'error', message: t('parentPortal.codes.createFailed'), detail: error.message }),
    });
  const copy = async () => {
    if (!fresh) return;
    try {
      await navigator.clipboard.writeText(fresh.code);
      setCopied(true);
      toast.show({ kind: 'success', message: t('parentPortal.codes.copied') });
    } catch {
      toast.show({ kind: 'info', message: t('parentPortal.codes.copyManually') });
    }
  };
  const expiry = (expiresAt: string) => {
    const left = timeLeft(expiresAt);
    return left ? tn(`parentPortal.codes.left.${left.unit}`, left.value) : t('parentPortal.codes.expired');
  };

  return (
    <Card title={t('parentPortal.codes.title')} description={t('parentPortal.codes.subtitle')} testId="pairing-codes">
      {fresh && (
        <div className="mb-4 rounded-xl border-2 border-dashed border-brand-300 bg-brand-50 p-4 text-center" role="status">
          <p className="text-sm text-brand-900">{t('parentPortal.codes.shareThis')}</p>
          <p className="my-2 font-mono text-4xl font-bold tracking-[0.25em] text-slate-900 sm:text-5xl" data-testid="pairing-code" data-code={fresh.code} aria-label={fresh.code.split('').join(' ')}>
            {groupCode(fresh.code)}
          </p>
          <p className="text-sm text-slate-700">
            {t('parentPortal.codes.expires', { date: format.dateTime(fresh.expiresAt) })} · {expiry(fresh.expiresAt)}
          </p>
          <p className="mt-1 text-xs text-slate-600">{t('parentPortal.codes.onceOnly')}</p>
          <Button size="sm" variant="secondary" className="mt-3" onClick={() => void copy()}>
            {copied ? t('parentPortal.codes.copiedShort') : t('parentPortal.codes.copy')}
          </Button>
        </div>
      )}
      <Button onClick={generate} loading={create.isPending} disabled={(codes.data?.length ?? 0) >= 5} data-testid="generate-code">
        {t('parentPortal.codes.generate')}
      </Button>
      {(codes.data?.length ?? 0) >= 5 && <p className="mt-2 text-sm text-amber-800">{t('parentPortal.codes.limit')}</p>}
      <h3 className="mt-5 text-sm font-semibold text-slate-800">{t('parentPortal.codes.active')}</h3>
      {codes.isPending ? (
        <SkeletonList rows={2} />
      ) : codes.isError ? (
        <ErrorState error={codes.error} compact onRetry={() => void codes.refetch()} />
      ) : codes.data.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">{t('parentPortal.codes.none')}</p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-200">
          {codes.data.map((code) => (
            <li key={code.id} className="flex items-center gap-3 py-2 text-sm" data-testid="active-code">
              <span className="font-mono text-slate-900">••••{code.hint}</span>
              <span className="min-w-0 flex-1 text-xs text-slate-600">{expiry(code.expiresAt)}</span>
              <Button
                size="sm"
                variant="ghost"
                loading={revoke.isPending && revoke.variables === code.id}
                aria-label={t('parentPortal.codes.revokeAria', { hint: code.hint })}
                onClick={() =>
                  revoke.mutate(code.id, {
                    onSuccess: () => {
                      if (fresh?.id === code.id) setFresh(null);
                      toast.show({ kind: 'success', message: t('parentPortal.codes.revoked') });
                    },
                    onError: (error) => toast.show({ kind: 'error', message: t('parentPortal.codes.revokeFailed'), detail: error.message }),
                  })
                }
              >
                {t('parentPortal.codes.revoke')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function LinkedParents() {
  const links = useLinks();
  const visible = (links.data ?? []).filter((link) => link.status !== 'rejected' && link.status !== 'revoked');
  return (
    <Card title={t('parentPortal.student.parentsTitle')} testId="linked-parents">
      {links.isPending ? (
        <SkeletonList rows={2} />
      ) : links.isError ? (
        <ErrorState error={links.error} compact onRetry={() => void links.refetch()} />
      ) : visible.length === 0 ? (
        <EmptyState icon={<UsersIcon className="size-6" />} title={t('parentPortal.student.noParents')}>
          {t('parentPortal.student.noParentsBody')}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200">
          {visible.map((link) => (
            <ParentRow key={link.id} link={link} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function ParentRow({ link }: { link: ParentLink }) {
  const consent = useConsent();
  const revoke = useRevokeLink();
  const toast = useToast();
  const format = useFormat();
  const [confirm, setConfirm] = useState<'withdraw' | 'revoke' | null>(null);
  const listRef = useRef<HTMLLIElement>(null);
  const adult = link.student.adult;
  const decide = (value: 'give' | 'withdraw') =>
    consent.mutate(
      { linkId: link.id, consent: value },
      {
        onSuccess: () => {
          setConfirm(null);
          toast.show({ kind: 'success', message: t(value === 'give' ? 'parentPortal.student.consentGiven' : 'parentPortal.student.consentWithdrawn') });
        },
        onError: (error) => toast.show({ kind: 'error', message: t('parentPortal.student.consentFailed'), detail: error.message }),
      },
    );

  return (
    <li ref={listRef} className="py-3" data-testid="linked-parent">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-slate-900">{fullName(link.parent)}</span>
        <span className="text-sm text-slate-600">{relationshipLabel(link.relationship)}</span>
        <LinkStatusBadge status={link.status} />
      </div>
      <p className="mt-1 text-xs text-slate-600">
        {link.parent.email} · {t('parentPortal.student.since', { date: format.date(link.decidedAt ?? link.requestedAt) })}
      </p>
      {adult ? (
        <div className="mt-2 flex flex-wrap gap-2">
          {link.consent === 'given' ? (
            <Button size="sm" variant="secondary" onClick={() => setConfirm('withdraw')}>
              {t('parentPortal.student.withdraw')}
            </Button>
          ) : (
            <Button size="sm" onClick={() => decide('give')} loading={consent.isPending} data-testid="give-consent">
              {t('parentPortal.student.give')}
            </Button>
          )}
          <Button size="sm" variant="ghost" onClick={() => setConfirm('revoke')}>
            {t('parentPortal.student.revoke')}
          </Button>
        </div>
      ) : (
        <p className="mt-1 text-xs text-slate-600">{t('parentPortal.student.minorNote')}</p>
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={confirm === 'revoke' ? t('parentPortal.student.revokeTitle', { name: fullName(link.parent) }) : t('parentPortal.student.withdrawTitle', { name: fullName(link.parent) })}
        confirmLabel={confirm === 'revoke' ? t('parentPortal.student.revoke') : t('parentPortal.student.withdraw')}
        cancelLabel={t('parentPortal.student.keep')}
        confirmVariant="danger"
        pending={consent.isPending || revoke.isPending}
        onCancel={() => setConfirm(null)}
        onConfirm={() =>
          confirm === 'revoke'
            ? revoke.mutate(
                { linkId: link.id },
                {
                  onSuccess: () => {
                    setConfirm(null);
                    toast.show({ kind: 'success', message: t('parentPortal.student.revoked') });
                  },
                  onError: (error) => toast.show({ kind: 'error', message: t('parentPortal.student.consentFailed'), detail: error.message }),
                },
              )
            : decide('withdraw')
        }
      >
        <p>{confirm === 'revoke' ? t('parentPortal.student.revokeBody') : t('parentPortal.student.withdrawBody')}</p>
      </ConfirmDialog>
    </li>
  );
}

export function AccessLog({ studentId, className }: { studentId?: string; className?: string }) {
  const log = useAccessLog(studentId);
  const format = useFormat();
  const items = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card title={t('parentPortal.access.title')} description={t('parentPortal.access.subtitle')} className={className} testId="access-log">
      {log.isPending ? (
        <SkeletonList rows={3} />
      ) : log.isError ? (
        <ErrorState error={log.error} compact onRetry={() => void log.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState icon={<LinkIcon className="size-6" />} title={t('parentPortal.access.none')} />
      ) : (
        <>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t('parentPortal.access.title')}</caption>
              <thead className="text-xs text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-3">{t('parentPortal.access.who')}</th>
                  <th scope="col" className="py-2 pr-3">{t('parentPortal.access.what')}</th>
                  <th scope="col" className="py-2">{t('parentPortal.access.when')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {items.map((entry) => (
                  <tr key={entry.id} data-testid="access-entry">
                    <td className="py-2 pr-3">
                      <span className="font-medium text-slate-900">{fullName(entry.viewer) || t('parentPortal.access.unknown')}</span>
                      <Badge className="ml-2">{t(`role.${entry.viewer.role}` as MessageKey)}</Badge>
                    </td>
                    <td className="py-2 pr-3 text-slate-700">{resourceLabel(entry.resource)}</td>
                    <td className="py-2 text-slate-700 tabular-nums">
                      <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {log.hasNextPage && (
            <Button variant="ghost" size="sm" className="mt-2" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
              {t('parentPortal.access.older')}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}

const RESOURCES = ['overview', 'dashboard', 'alerts', 'alert_settings'] as const;
function resourceLabel(resource: string): string {
  return (RESOURCES as readonly string[]).includes(resource) ? t(`parentPortal.access.resource.${resource as (typeof RESOURCES)[number]}`) : resource;
}
