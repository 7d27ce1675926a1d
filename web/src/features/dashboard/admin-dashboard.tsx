import type { Role } from '@tec/shared/contracts';
import type { DashboardSummary } from '../../api/types';
import { type MessageKey, t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { BookIcon, ClipboardIcon, UploadIcon, UsersIcon } from '../../ui/icons';
import { StatTile } from './stat-tile';
import { SystemHealth } from './system-health';

// Exhaustive over Role by type; importing the runtime ROLES array would pull zod into the bundle.
const ROLE_LABELS: Record<Role, MessageKey> = {
  student: 'role.plural.student',
  teacher: 'role.plural.teacher',
  parent: 'role.plural.parent',
  admin: 'role.plural.admin',
};
const ROLE_ORDER = Object.keys(ROLE_LABELS) as Role[];

export function AdminDashboard({ summary }: { summary: DashboardSummary }) {
  const format = useFormat();
  const admin = summary.admin;
  return (
    <div className="space-y-6">
      <Card title={t('dashboard.admin.peopleTitle')} testId="admin-counts">
        {admin ? (
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {ROLE_ORDER.map((role) => {
              return (
                <div key={role} className="rounded-lg bg-slate-50 p-3">
                  <dt className="text-sm text-slate-600">{t(ROLE_LABELS[role])}</dt>
                  <dd className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">{format.number(admin.users[role] ?? 0)}</dd>
                </div>
              );
            })}
          </dl>
        ) : (
          <EmptyState icon={<UsersIcon />} title={t('dashboard.admin.noCountsTitle')}>
            {t('dashboard.admin.noCountsBody')}
          </EmptyState>
        )}
      </Card>
      <div className="grid grid-cols-2 gap-3">
        <StatTile label={t('dashboard.admin.courses')} value={admin ? format.number(admin.courses) : '—'} icon={<BookIcon />} />
        <StatTile label={t('dashboard.admin.enrollments')} value={admin ? format.number(admin.activeEnrollments) : '—'} icon={<ClipboardIcon />} />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('dashboard.admin.actionsTitle')}>
          <div className="flex flex-col gap-3 sm:flex-row">
            <ButtonLink to="/admin/users" className="flex-1">
              <UsersIcon className="size-5" />
              {t('dashboard.admin.manageUsers')}
            </ButtonLink>
            <ButtonLink to="/admin/roster-import" className="flex-1">
              <UploadIcon className="size-5" />
              {t('dashboard.admin.importRoster')}
            </ButtonLink>
          </div>
        </Card>
        <Card
          title={t('dashboard.admin.healthTitle')}
          action={
            <ButtonLink to="/admin/operations" variant="ghost" size="sm">
              {t('dashboard.admin.openOperations')}
            </ButtonLink>
          }
        >
          <SystemHealth />
        </Card>
      </div>
    </div>
  );
}
