import type { UserProfile } from '../../api/types';
import { type MessageKey, t } from '../../i18n';
import { useFormat } from '../../i18n/use-format';
import { useDocumentTitle } from '../../layout/use-document-title';
import { PageHeader } from '../../ui/page-header';

function greetingKey(hour: number): MessageKey {
  if (hour < 12) return 'dashboard.greeting.morning';
  if (hour < 18) return 'dashboard.greeting.afternoon';
  return 'dashboard.greeting.evening';
}

/** The greeting follows the clock in the user's own timezone, not the server's or the browser's. */
export function DashboardGreeting({ user }: { user: UserProfile }) {
  const format = useFormat();
  const now = new Date();
  const roleTitle: MessageKey = `dashboard.title.${user.role}`;
  useDocumentTitle(t(roleTitle));
  return (
    <PageHeader
      eyebrow={t(roleTitle)}
      title={t(greetingKey(format.hour(now)), { name: user.firstName })}
      description={format.date(now)}
      testId="dashboard-heading"
    />
  );
}
