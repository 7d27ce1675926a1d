import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import type { UserProfile } from '../api/types';
import { useLogout } from '../features/auth/use-logout';
import { useCurrentUser } from '../features/auth/use-session';
import { type MessageKey, t } from '../i18n';
import { NotificationBell } from '../features/notifications/notification-bell';
import { ConnectionIndicator } from '../realtime/connection-indicator';
import { RealtimeProvider } from '../realtime/realtime-provider';
import { Button } from '../ui/button';
import { cx } from '../ui/class-names';
import { LogoutIcon } from '../ui/icons';
import { SkeletonList } from '../ui/skeleton';
import { NAV_BY_ROLE, type NavItem } from './nav-items';
import { RouteFocus } from './route-focus';

export function AppShell() {
  const user = useCurrentUser();
  const items = NAV_BY_ROLE[user.role];
  return (
    <RealtimeProvider userId={user.id}>
      {/* Parked above the viewport rather than sr-only, so it slides in with its own padding when focused. */}
      <a
        href="#main"
        className="fixed top-3 left-3 z-50 -translate-y-24 rounded-lg bg-brand-700 px-4 py-2 font-medium text-white shadow-lg transition-transform focus:translate-y-0"
      >
        {t('nav.skipToContent')}
      </a>
      <RouteFocus />
      <div className="min-h-dvh md:flex">
        <SideNav items={items} />
        <div className="flex min-w-0 flex-1 flex-col">
          <TopBar user={user} />
          <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 pt-6 pb-28 outline-none sm:px-6 md:pb-10 lg:px-8">
            <Suspense fallback={<SkeletonList rows={4} />}>
              <Outlet />
            </Suspense>
          </main>
        </div>
      </div>
      <BottomNav items={items} />
    </RealtimeProvider>
  );
}

function Logo({ className }: { className?: string }) {
  return (
    <span className={cx('flex items-center gap-2.5 font-semibold text-slate-900', className)}>
      <span className="grid size-8 place-items-center rounded-lg bg-brand-700 text-sm font-bold text-white" aria-hidden="true">
        T
      </span>
      <span>{t('app.name')}</span>
    </span>
  );
}

function SideNav({ items }: { items: readonly NavItem[] }) {
  return (
    <aside className="hidden w-64 shrink-0 border-r border-slate-200 bg-white md:flex md:flex-col">
      <div className="sticky top-0 flex h-dvh flex-col">
        <div className="flex h-16 items-center px-5">
          <Logo />
        </div>
        <nav aria-label={t('nav.main')} className="flex-1 px-3 py-2">
          <ul className="space-y-1">
            {items.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end={item.end}
                  className={({ isActive }) =>
                    cx(
                      'flex items-center gap-3 rounded-lg px-3 py-2.5 text-sm font-medium transition-colors',
                      isActive ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
                    )
                  }
                >
                  <item.icon className="size-5" />
                  <span className="flex-1">{t(item.label)}</span>
                  {item.badge && <item.badge />}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <p className="px-5 py-4 text-xs text-slate-600">{t('app.school')}</p>
      </div>
    </aside>
  );
}

function TopBar({ user }: { user: UserProfile }) {
  const logout = useLogout();
  const roleLabel: MessageKey = `role.${user.role}`;
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex h-16 w-full max-w-6xl items-center gap-3 px-4 sm:px-6 lg:px-8">
        <Logo className="md:hidden" />
        <div className="ml-auto flex items-center gap-2 sm:gap-3">
          <ConnectionIndicator />
          <NotificationBell />
          <div className="hidden text-right leading-tight sm:block" data-testid="current-user">
            <p className="text-sm font-medium text-slate-900">
              {user.firstName} {user.lastName}
            </p>
            <p className="text-xs text-slate-600">{t(roleLabel)}</p>
          </div>
          <Button
            variant="ghost"
            size="sm"
            icon={<LogoutIcon className="size-5" />}
            loading={logout.isPending}
            // Clearing the session sends RequireAuth to /login, so no navigation is needed here.
            onClick={() => logout.mutate()}
            data-testid="sign-out"
            aria-label={t('nav.signOut')}
          >
            <span className="hidden sm:inline">{t('nav.signOut')}</span>
          </Button>
        </div>
      </div>
    </header>
  );
}

function BottomNav({ items }: { items: readonly NavItem[] }) {
  return (
    <nav
      aria-label={t('nav.main')}
      className="fixed inset-x-0 bottom-0 z-30 border-t border-slate-200 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur md:hidden"
    >
      <ul className="mx-auto flex max-w-md">
        {items.filter((item) => item.phone !== false).map((item) => (
          <li key={item.to} className="flex-1">
            <NavLink
              to={item.to}
              end={item.end}
              className={({ isActive }) =>
                cx(
                  'flex h-16 flex-col items-center justify-center gap-1 text-xs font-medium',
                  isActive ? 'text-brand-700' : 'text-slate-600 hover:text-slate-900',
                )
              }
            >
              {({ isActive }) => (
                <>
                  <span className={cx('relative rounded-full px-4 py-1', isActive && 'bg-brand-50')}>
                    <item.icon className="size-5" />
                    {item.badge && (
                      <span className="absolute -top-1 right-0.5">
                        <item.badge />
                      </span>
                    )}
                  </span>
                  {t(item.label)}
                </>
              )}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
