import { Link } from 'react-router-dom';
import { t } from '../../i18n';
import { useDocumentTitle } from '../../layout/use-document-title';
import { ErrorState } from '../../ui/error-state';
import { PageHeader } from '../../ui/page-header';
import { SkeletonList } from '../../ui/skeleton';
import { ChatPolicyForm } from './chat-policy-form';
import { useChatPolicy } from './use-chat-policy';

/** Admins: the school's chat safety policy. */
export function ChatPolicyPage() {
  useDocumentTitle(t('chat.policy.title'));
  const policy = useChatPolicy({ fresh: true });
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('chat.policy.title')}
        description={t('chat.policy.description')}
        testId="chat-policy-heading"
        actions={
          <Link to="/admin/chat/safeguarding" className="text-sm font-medium text-brand-700 hover:underline">
            {t('chat.policy.toSafeguarding')}
          </Link>
        }
      />
      {policy.isError ? (
        <ErrorState error={policy.error} onRetry={() => void policy.refetch()} retrying={policy.isFetching} />
      ) : policy.isPending || !policy.isFetchedAfterMount ? (
        // The cached copy may be minutes old: the form starts from the server's current policy, so saving never
        // sends back a setting another admin has just changed.
        <SkeletonList rows={4} label={t('chat.policy.loading')} />
      ) : (
        <ChatPolicyForm policy={policy.data} />
      )}
    </div>
  );
}
