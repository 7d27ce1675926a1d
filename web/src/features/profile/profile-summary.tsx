import type { UserProfile } from '../../api/types';
import { type MessageKey, t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { localeLabel } from './locale-options';

export function ProfileSummary({ user }: { user: UserProfile }) {
  const format = useFormat();
  const roleLabel: MessageKey = `role.${user.role}`;
  const rows: Array<[string, string]> = [
    [t('profile.name'), `${user.firstName} ${user.lastName}`],
    [t('profile.email'), user.email],
    [t('profile.role'), t(roleLabel)],
    [t('profile.timezone'), user.timezone],
    [t('profile.locale'), localeLabel(user.locale, format.context.locale)],
  ];
  return (
    <dl className="divide-y divide-slate-100 text-sm" data-testid="profile-summary">
      {rows.map(([label, value]) => (
        <div key={label} className="flex justify-between gap-4 py-2">
          <dt className="text-slate-600">{label}</dt>
          <dd className="min-w-0 truncate text-right font-medium text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
