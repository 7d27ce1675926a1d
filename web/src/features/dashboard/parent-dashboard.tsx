import type { UserProfile } from '../../api/types';
import { t } from '../../i18n';
import { ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { LinkIcon } from '../../ui/icons';
import { ProfileSummary } from '../profile/profile-summary';

/**
 * Children are linked by the parent-portal service, which comes later. Until then the page says plainly how
 * linking will work instead of showing placeholder children.
 */
export function ParentDashboard({ user }: { user: UserProfile }) {
  return (
    <div className="grid gap-6 lg:grid-cols-5">
      <Card title={t('dashboard.parent.childrenTitle')} className="lg:col-span-3" testId="parent-children">
        <div data-testid="parent-children-empty" className="flex flex-col items-start gap-4 sm:flex-row">
          <span className="grid size-12 shrink-0 place-items-center rounded-full bg-brand-50 text-brand-700" aria-hidden="true">
            <LinkIcon className="size-6" />
          </span>
          <div>
            <p className="font-semibold text-slate-900">{t('dashboard.parent.emptyTitle')}</p>
            <p className="mt-1 text-sm text-slate-600">{t('dashboard.parent.emptyBody')}</p>
            <ol className="mt-4 space-y-3 text-sm text-slate-700">
              {(['dashboard.parent.step1', 'dashboard.parent.step2', 'dashboard.parent.step3'] as const).map((key, index) => (
                <li key={key} className="flex gap-3">
                  <span className="grid size-6 shrink-0 place-items-center rounded-full bg-slate-100 text-xs font-semibold text-slate-800" aria-hidden="true">
                    {index + 1}
                  </span>
                  <span>{t(key)}</span>
                </li>
              ))}
            </ol>
            <p className="mt-4 rounded-lg bg-slate-50 p-3 text-sm text-slate-700">{t('dashboard.parent.adultNote')}</p>
          </div>
        </div>
      </Card>
      <Card
        title={t('dashboard.parent.profileTitle')}
        className="lg:col-span-2"
        action={
          <ButtonLink to="/profile" size="sm" variant="ghost">
            {t('common.edit')}
          </ButtonLink>
        }
      >
        <ProfileSummary user={user} />
      </Card>
    </div>
  );
}
