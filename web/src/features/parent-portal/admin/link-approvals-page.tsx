import { type FormEvent, useState } from 'react';
import { isApiError } from '../../../api/api-error';
import { RELATIONSHIPS, type ParentLink, type Relationship, type UserAccountLike } from './admin-types';
import { t } from '../../../i18n';
import { useFormat } from '../../../i18n/use-format';
import { useDocumentTitle } from '../../../layout/use-document-title';
import { Badge } from '../../../ui/badge';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { EmptyState } from '../../../ui/empty-state';
import { ErrorState } from '../../../ui/error-state';
import { SelectField, TextField } from '../../../ui/field';
import { CheckIcon } from '../../../ui/icons';
import { PageHeader } from '../../../ui/page-header';
import { SkeletonList } from '../../../ui/skeleton';
import { useToast } from '../../../ui/toast';
import { useCurrentUser } from '../../auth/use-session';
import { useDebouncedValue } from '../../admin-users/use-debounced-value';
import { useLinks } from '../parent/use-my-links';
import { AccessLog, PairingCodes } from '../student/family-privacy-page';
import { useRevokeLink } from '../student/use-family';
import { fullName, LinkStatusBadge, relationshipLabel } from '../shared/labels';
import { useCreateLink, useDecideLink, usePortalSettings, useUpdatePortalSettings, useUserSearch } from './use-approvals';

/** `/parent-links`: the approval queue (admins; course teachers when the school lets them), direct link, setting. */
export function LinkApprovalsPage() {
  useDocumentTitle(t('parentPortal.admin.title'));
  const user = useCurrentUser();
  const settings = usePortalSettings();
  const teacherBlocked = user.role === 'teacher' && settings.data?.linkApprover === 'admin';
  return (
    <>
      <PageHeader title={t('parentPortal.admin.title')} description={t('parentPortal.admin.subtitle')} testId="link-approvals-heading" />
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="lg:col-span-3">
          {teacherBlocked ? (
            <Card title={t('parentPortal.admin.queueTitle')}>
              <EmptyState title={t('parentPortal.admin.teacherOffTitle')}>{t('parentPortal.admin.teacherOffBody')}</EmptyState>
            </Card>
          ) : settings.isPending && user.role === 'teacher' ? (
            <SkeletonList rows={3} />
          ) : (
            <Queue />
          )}
        </div>
        <div className="space-y-6 lg:col-span-2">
          <ApproverSetting />
          {user.role === 'admin' && <DirectLink />}
        </div>
        {user.role === 'admin' && <StudentFamily />}
      </div>
    </>
  );
}

function Queue() {
  const queue = useLinks({ status: 'pending_approval' });
  return (
    <Card title={t('parentPortal.admin.queueTitle')} testId="link-queue">
      {queue.isPending ? (
        <SkeletonList rows={3} />
      ) : queue.isError ? (
        <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
      ) : queue.data.length === 0 ? (
        <EmptyState icon={<CheckIcon className="size-6" />} title={t('parentPortal.admin.queueEmpty')} testId="link-queue-empty">
          {t('parentPortal.admin.queueEmptyBody')}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200">
          {queue.data.map((link) => (
            <QueueRow key={link.id} link={link} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function QueueRow({ link }: { link: ParentLink }) {
  const decide = useDecideLink();
  const toast = useToast();
  const format = useFormat();
  const [note, setNote] = useState('');
  const act = (decision: 'approve' | 'reject') =>
    decide.mutate(
      { linkId: link.id, decision, note: note.trim() || undefined },
      {
        onSuccess: () =>
          toast.show({
            kind: 'success',
            message: t(decision === 'approve' ? 'parentPortal.admin.approved' : 'parentPortal.admin.rejected', { parent: fullName(link.parent), student: fullName(link.student) }),
          }),
        onError: (error) => toast.show({ kind: 'error', message: t('parentPortal.admin.decideFailed'), detail: error.message }),
      },
    );
  return (
    <li className="py-4" data-testid="queue-link" data-link-id={link.id}>
      <p className="text-sm text-slate-900">
        <span className="font-semibold">{fullName(link.parent)}</span> <span className="text-slate-600">({link.parent.email})</span>
      </p>
      <p className="mt-0.5 text-sm text-slate-700">
        {t('parentPortal.admin.asOf', { relationship: relationshipLabel(link.relationship).toLowerCase() })}{' '}
        <span className="font-semibold text-slate-900">{fullName(link.student)}</span> <span className="text-slate-600">({link.student.email})</span>
        {link.student.adult && (
          <Badge tone="info" className="ml-2">
            {t('parentPortal.admin.adult')}
          </Badge>
        )}
      </p>
      <p className="mt-1 text-xs text-slate-600">
        {t(link.origin === 'pairing_code' ? 'parentPortal.admin.viaCode' : 'parentPortal.admin.viaAdmin')} · {format.dateTime(link.requestedAt)}
      </p>
      {link.student.adult && <p className="mt-1 text-xs text-sky-900">{t('parentPortal.admin.adultNote')}</p>}
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-end">
        <TextField label={t('parentPortal.admin.note')} value={note} onChange={(event) => setNote(event.target.value)} maxLength={500} fieldClassName="flex-1" />
        <div className="flex gap-2">
          <Button onClick={() => act('approve')} loading={decide.isPending && decide.variables?.decision === 'approve'} disabled={decide.isPending} data-testid="approve-link">
            {t('parentPortal.admin.approve')}
          </Button>
          <Button variant="secondary" onClick={() => act('reject')} loading={decide.isPending && decide.variables?.decision === 'reject'} disabled={decide.isPending}>
            {t('parentPortal.admin.reject')}
          </Button>
        </div>
      </div>
    </li>
  );
}

function ApproverSetting() {
  const user = useCurrentUser();
  const settings = usePortalSettings();
  const update = useUpdatePortalSettings();
  const toast = useToast();
  return (
    <Card title={t('parentPortal.admin.approverTitle')} testId="approver-setting">
      {settings.isPending ? (
        <SkeletonList rows={1} />
      ) : settings.isError ? (
        <ErrorState error={settings.error} compact onRetry={() => void settings.refetch()} />
      ) : user.role === 'admin' ? (
        <fieldset disabled={update.isPending}>
          <legend className="sr-only">{t('parentPortal.admin.approverTitle')}</legend>
          {(['admin', 'course_teacher'] as const).map((value) => (
            <label key={value} className="flex cursor-pointer items-start gap-3 py-2">
              <input
                type="radio"
                name="link-approver"
                className="mt-0.5 size-4 accent-brand-700"
                checked={settings.data.linkApprover === value}
                onChange={() =>
                  update.mutate(
                    { linkApprover: value },
                    {
                      onSuccess: () => toast.show({ kind: 'success', message: t('parentPortal.admin.approverSaved') }),
                      onError: (error) => toast.show({ kind: 'error', message: t('parentPortal.settings.saveFailed'), detail: error.message }),
                    },
                  )
                }
              />
              <span>
                <span className="block text-sm font-medium text-slate-900">{t(`parentPortal.admin.approver.${value}`)}</span>
                <span className="block text-xs text-slate-600">{t(`parentPortal.admin.approver.${value}Hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="text-sm text-slate-700">{t(`parentPortal.admin.approver.${settings.data.linkApprover}`)}</p>
      )}
    </Card>
  );
}

function PersonPicker({ role, value, onChange }: { role: 'parent' | 'student'; value: UserAccountLike | null; onChange: (person: UserAccountLike | null) => void }) {
  const [search, setSearch] = useState('');
  const debounced = useDebouncedValue(search, 300);
  const results = useUserSearch(debounced, role);
  const label = t(role === 'parent' ? 'parentPortal.admin.parent' : 'parentPortal.admin.student');
  if (value) {
    return (
      <div>
        <p className="mb-1.5 text-sm font-medium text-slate-800">{label}</p>
        <div className="flex items-center gap-2 rounded-lg border border-slate-300 px-3 py-2 text-sm">
          <span className="min-w-0 flex-1 truncate">
            {fullName(value)} <span className="text-slate-600">({value.email})</span>
          </span>
          <Button size="sm" variant="ghost" onClick={() => onChange(null)}>
            {t('parentPortal.admin.change')}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div>
      <TextField label={label} hint={t('parentPortal.admin.searchHint')} type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
      {results.data && results.data.length > 0 && (
        <ul className="mt-1 max-h-48 overflow-y-auto rounded-lg border border-slate-200">
          {results.data.map((person) => (
            <li key={person.id}>
              <button type="button" className="block w-full px-3 py-2 text-left text-sm hover:bg-slate-50 focus-visible:bg-slate-100" onClick={() => onChange(person)}>
                {fullName(person)} <span className="text-slate-600">({person.email})</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {results.data && results.data.length === 0 && debounced.trim().length >= 2 && <p className="mt-1 text-sm text-slate-600">{t('parentPortal.admin.noMatches')}</p>}
    </div>
  );
}

function DirectLink() {
  const [parent, setParent] = useState<UserAccountLike | null>(null);
  const [student, setStudent] = useState<UserAccountLike | null>(null);
  const [relationship, setRelationship] = useState<Relationship>('parent');
  const create = useCreateLink();
  const toast = useToast();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!parent || !student) return;
    create.mutate(
      { parentId: parent.id, studentId: student.id, relationship },
      {
        onSuccess: (link) => {
          toast.show({ kind: 'success', message: t(link.status === 'active' ? 'parentPortal.admin.linkedActive' : 'parentPortal.admin.linkedConsent', { parent: fullName(link.parent), student: fullName(link.student) }) });
          setParent(null);
          setStudent(null);
        },
      },
    );
  };
  return (
    <Card title={t('parentPortal.admin.directTitle')} description={t('parentPortal.admin.directSubtitle')} testId="direct-link">
      <form onSubmit={submit} className="space-y-4">
        <PersonPicker role="parent" value={parent} onChange={setParent} />
        <PersonPicker role="student" value={student} onChange={setStudent} />
        <SelectField label={t('parentPortal.link.relationshipLabel')} value={relationship} onChange={(event) => setRelationship(event.target.value as Relationship)}>
          {RELATIONSHIPS.map((value) => (
            <option key={value} value={value}>
              {relationshipLabel(value)}
            </option>
          ))}
        </SelectField>
        {create.isError && (isApiError(create.error) && create.error.code === 'ALREADY_EXISTS' ? <p role="alert" className="text-sm text-rose-700">{t('parentPortal.admin.exists')}</p> : <ErrorState error={create.error} compact />)}
        <Button type="submit" disabled={!parent || !student} loading={create.isPending}>
          {t('parentPortal.admin.link')}
        </Button>
      </form>
    </Card>
  );
}

/** One student's side, for admins: pairing codes made for them, their links (end one), and their access log. */
function StudentFamily() {
  const [student, setStudent] = useState<UserAccountLike | null>(null);
  return (
    <Card title={t('parentPortal.admin.studentTitle')} description={t('parentPortal.admin.studentSubtitle')} className="lg:col-span-5" testId="admin-student-family">
      <div className="max-w-md">
        <PersonPicker role="student" value={student} onChange={setStudent} />
      </div>
      {student && (
        <div className="mt-5 grid gap-6 lg:grid-cols-2" key={student.id}>
          <PairingCodes studentId={student.id} />
          <StudentLinks studentId={student.id} />
          <AccessLog studentId={student.id} className="lg:col-span-2" />
        </div>
      )}
    </Card>
  );
}

function StudentLinks({ studentId }: { studentId: string }) {
  const links = useLinks({ studentId });
  const revoke = useRevokeLink();
  const toast = useToast();
  const format = useFormat();
  return (
    <Card title={t('parentPortal.admin.linksTitle')}>
      {links.isPending ? (
        <SkeletonList rows={2} />
      ) : links.isError ? (
        <ErrorState error={links.error} compact onRetry={() => void links.refetch()} />
      ) : links.data.length === 0 ? (
        <p className="text-sm text-slate-600">{t('parentPortal.student.noParents')}</p>
      ) : (
        <ul className="divide-y divide-slate-200">
          {links.data.map((link) => (
            <li key={link.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
              <span className="min-w-0 flex-1">
                <span className="font-medium text-slate-900">{fullName(link.parent)}</span>{' '}
                <span className="text-slate-600">
                  {relationshipLabel(link.relationship)} · {format.date(link.requestedAt)}
                </span>
              </span>
              <LinkStatusBadge status={link.status} />
              {link.status !== 'revoked' && link.status !== 'rejected' && (
                <Button
                  size="sm"
                  variant="ghost"
                  loading={revoke.isPending && revoke.variables?.linkId === link.id}
                  onClick={() =>
                    revoke.mutate(
                      { linkId: link.id },
                      {
                        onSuccess: () => toast.show({ kind: 'success', message: t('parentPortal.student.revoked') }),
                        onError: (error) => toast.show({ kind: 'error', message: t('parentPortal.student.consentFailed'), detail: error.message }),
                      },
                    )
                  }
                >
                  {t('parentPortal.student.revoke')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
