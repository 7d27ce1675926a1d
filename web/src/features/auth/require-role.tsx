import type { Role } from '@tec/shared/contracts';
import type { ReactNode } from 'react';
import { t } from '../../i18n';
import { ButtonLink } from '../../ui/button';
import { EmptyState } from '../../ui/empty-state';
import { AlertIcon } from '../../ui/icons';
import { useCurrentUser } from './use-session';

/** Hides pages a role has no use for. The gateway still authorizes every call: this is navigation, not security. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const user = useCurrentUser();
  if (roles.includes(user.role)) return <>{children}</>;
  return (
    <EmptyState icon={<AlertIcon />} title={t('errors.code.FORBIDDEN')} action={<ButtonLink to="/">{t('nav.backHome')}</ButtonLink>}>
      {t('errors.notForRole')}
    </EmptyState>
  );
}
