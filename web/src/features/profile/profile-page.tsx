import { t } from '../../i18n';
import { useDocumentTitle } from '../../layout/use-document-title';
import { ButtonLink } from '../../ui/button';
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
          {/* Family & privacy is off the student's full bottom bar: reachable from here on a phone. */}
          {user.role === 'student' && (
            <ButtonLink to="/family-privacy" size="sm" className="mt-4" data-testid="profile-family-privacy">
              {t('nav.familyPrivacy')}
            </ButtonLink>
          )}
        </Card>
      </div>
    </>
  );
}
