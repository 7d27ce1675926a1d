import type { UserAccount } from '../../api/types';
import { t } from '../../i18n';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { UserRoleBadge } from './user-role-badge';

/** A table on wide screens and a stacked list on phones; only one is ever displayed, so only one is announced. */
export function UsersTable({ users, onDataRights }: { users: UserAccount[]; onDataRights?: (user: UserAccount) => void }) {
  return (
    <>
      <ul className="divide-y divide-slate-100 md:hidden">
        {users.map((user) => (
          <li key={user.id} className="py-3">
            <div className="flex items-center justify-between gap-3">
              <p className="min-w-0 truncate font-medium text-slate-900">
                {user.lastName}, {user.firstName}
              </p>
              <span className="flex shrink-0 gap-1.5">
                {!user.active && <Badge tone="danger">{t('users.inactive')}</Badge>}
                <UserRoleBadge role={user.role} />
              </span>
            </div>
            <p className="truncate text-sm text-slate-600">{user.email}</p>
            <p className="text-xs text-slate-600">{user.timezone}</p>
            {onDataRights && <DataRightsButton user={user} onClick={onDataRights} />}
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('users.tableCaption')}</caption>
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">{t('users.column.name')}</th>
              <th scope="col" className="py-2 pr-4 font-medium">{t('users.column.email')}</th>
              <th scope="col" className="py-2 pr-4 font-medium">{t('users.column.role')}</th>
              <th scope="col" className="py-2 pr-4 font-medium">{t('users.column.timezone')}</th>
              {onDataRights && <th scope="col" className="py-2 font-medium">{t('users.column.actions')}</th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((user) => (
              <tr key={user.id}>
                <td className="py-2.5 pr-4 font-medium text-slate-900">
                  {user.lastName}, {user.firstName}
                </td>
                <td className="py-2.5 pr-4 text-slate-700">{user.email}</td>
                <td className="py-2.5 pr-4">
                  <span className="flex gap-1.5">
                    <UserRoleBadge role={user.role} />
                    {!user.active && <Badge tone="danger">{t('users.inactive')}</Badge>}
                  </span>
                </td>
                <td className="py-2.5 pr-4 text-slate-700">{user.timezone}</td>
                {onDataRights && (
                  <td className="py-2.5">
                    <DataRightsButton user={user} onClick={onDataRights} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function DataRightsButton({ user, onClick }: { user: UserAccount; onClick: (user: UserAccount) => void }) {
  return (
    <Button variant="ghost" size="sm" onClick={() => onClick(user)} aria-label={t('users.dataRightsFor', { name: `${user.firstName} ${user.lastName}` })}>
      {t('users.dataRights')}
    </Button>
  );
}
