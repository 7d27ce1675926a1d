import { t } from '../../i18n';
import { useDocumentTitle } from '../../layout/use-document-title';
import { Card } from '../../ui/card';
import { PageHeader } from '../../ui/page-header';
import { useCurrentUser } from '../auth/use-session';
import { ProfileForm } from './profile-form';
import { ProfileSummary } from './profile-summary';

export function ProfilePage() {
  const user = useCurrentUser();
  useDocumentTitle(t('profile.title'));
  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.subtitle')} />
      <div className="grid gap-6 lg:grid-cols-5">
        <Card title={t('profile.editTitle')} className="lg:col-span-3">
          {/* Not keyed by the profile: remounting on save would drop the mutation's success toast. */}
          <ProfileForm user={user} />
        </Card>
        <Card title={t('profile.accountTitle')} className="lg:col-span-2">
          <ProfileSummary user={user} />
          {user.dateOfBirth && <p className="mt-3 text-xs text-slate-600">{t('profile.dobNote')}</p>}
        </Card>
      </div>
    </>
  );
}
