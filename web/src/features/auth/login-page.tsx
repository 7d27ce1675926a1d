import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { Navigate, useLocation, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/api-error';
import { t } from '../../i18n';
import { FullPageLoader } from '../../layout/full-page-loader';
import { Button } from '../../ui/button';
import { ErrorState } from '../../ui/error-state';
import { TextField } from '../../ui/field';
import { AlertIcon, InfoIcon } from '../../ui/icons';
import { safeReturnPath } from './return-path';
import { useLogin } from './use-login';
import { useSession } from './use-session';

export function LoginPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeReturnPath(params.get('next'));

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`;
  }, []);

  if (session.status === 'restoring') return <FullPageLoader />;
  if (session.status === 'authenticated') return <Navigate to={next} replace />;

  return (
    <div className="flex min-h-dvh flex-col lg:flex-row">
      <BrandPanel />
      <main id="main" className="flex flex-1 items-start justify-center px-4 pt-10 pb-16 sm:px-6 sm:pt-16 lg:items-center lg:pt-10">
        <div className="w-full max-w-sm">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t('login.title')}</h1>
          <p className="mt-1 text-sm text-slate-600">{t('login.subtitle')}</p>
          <SessionNotice reason={session.reason} />
          <LoginForm />
          {import.meta.env.DEV && <DemoAccounts />}
        </div>
      </main>
    </div>
  );
}

function BrandPanel() {
  return (
    <div className="bg-brand-800 px-6 py-6 text-white lg:flex lg:w-2/5 lg:flex-col lg:justify-between lg:p-12">
      <div className="flex items-center gap-3">
        <span className="grid size-9 place-items-center rounded-lg bg-white/15 text-lg font-bold" aria-hidden="true">
          T
        </span>
        <span className="text-lg font-semibold">{t('app.name')}</span>
      </div>
      <div className="hidden lg:block">
        <p className="text-3xl leading-tight font-semibold">{t('login.tagline')}</p>
        <p className="mt-3 text-brand-100">{t('login.taglineDetail')}</p>
      </div>
      <p className="hidden text-sm text-brand-100 lg:block">{t('app.school')}</p>
    </div>
  );
}

function SessionNotice({ reason }: { reason: 'initial' | 'signed-out' | 'expired' | 'unreachable' }) {
  const location = useLocation();
  const stateReason = (location.state as { reason?: string } | null)?.reason;
  if (reason === 'signed-out') {
    return <Notice icon={<InfoIcon className="size-5 shrink-0" />}>{t('login.signedOut')}</Notice>;
  }
  if (reason === 'expired' || stateReason === 'expired') {
    return <Notice icon={<InfoIcon className="size-5 shrink-0" />}>{t('login.sessionExpired')}</Notice>;
  }
  if (reason === 'unreachable') {
    return <Notice icon={<AlertIcon className="size-5 shrink-0" />}>{t('login.unreachable')}</Notice>;
  }
  return null;
}

function Notice({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <p role="status" className="mt-4 flex gap-2 rounded-lg bg-slate-100 p-3 text-sm text-slate-800">
      {icon}
      <span>{children}</span>
    </p>
  );
}

function LoginForm() {
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const passwordRef = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    login.mutate(
      { email: email.trim(), password },
      {
        onError: (error) => {
          // A wrong password keeps the email and puts the cursor back where the fix goes.
          if (isApiError(error) && error.code === 'INVALID_CREDENTIALS') {
            setPassword('');
            passwordRef.current?.focus();
          }
        },
      },
    );
  }

  const error = login.error;
  const knownError = isApiError(error) && (error.code === 'INVALID_CREDENTIALS' || error.code === 'RATE_LIMITED');

  return (
    <form className="mt-6 space-y-4" onSubmit={onSubmit} noValidate={false} aria-describedby={error ? 'login-error' : undefined}>
      <TextField
        label={t('login.email')}
        type="email"
        name="email"
        autoComplete="username"
        inputMode="email"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        autoFocus
      />
      <TextField
        ref={passwordRef}
        label={t('login.password')}
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      {error && knownError && (
        <p id="login-error" role="alert" data-testid="login-error" className="flex gap-2 rounded-lg bg-rose-50 p-3 text-sm text-rose-900">
          <AlertIcon className="size-5 shrink-0 text-rose-700" />
          <span>{error.code === 'RATE_LIMITED' ? t('login.rateLimited') : t('login.invalidCredentials')}</span>
        </p>
      )}
      {error && !knownError && (
        <div id="login-error" data-testid="login-error">
          <ErrorState error={error} compact />
        </div>
      )}
      <Button type="submit" className="w-full" loading={login.isPending}>
        {login.isPending ? t('login.submitting') : t('login.submit')}
      </Button>
    </form>
  );
}

function DemoAccounts() {
  return (
    <details className="mt-8 rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-700">
      <summary className="cursor-pointer font-medium text-slate-800">{t('login.demoTitle')}</summary>
      <p className="mt-2">{t('login.demoBody')}</p>
      <ul className="mt-2 space-y-1 font-mono text-xs">
        {['admin', 'teacher', 'student', 'parent'].map((role) => (
          <li key={role}>{role}@tec.example</li>
        ))}
      </ul>
    </details>
  );
}
