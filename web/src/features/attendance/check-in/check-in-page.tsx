import type { CheckInResult } from '@tec/shared/contracts';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { type ApiError, isApiError } from '../../../api/api-error';
import { newCorrelationId } from '../../../api/client';
import { t } from '../../../i18n';
import { useFormat } from '../../../i18n/use-format';
import { useDocumentTitle } from '../../../layout/use-document-title';
import { ButtonLink } from '../../../ui/button';
import { cx } from '../../../ui/class-names';
import { AlertIcon, CheckIcon, InfoIcon } from '../../../ui/icons';
import { Spinner } from '../../../ui/spinner';
import { isAttendanceStatus, statusLabel } from '../shared/status';
import { alreadyStatus, checkInProblem, deviceId, needsLocation } from './check-in-outcome';
import { useCheckIn } from './use-check-in';

type Position = { latitude: number; longitude: number; accuracyMeters: number };
type Phase =
  | { kind: 'sending' }
  | { kind: 'locating' }
  | { kind: 'done'; result: CheckInResult }
  | { kind: 'failed'; error: ApiError | null; locationDenied?: boolean };

function localDeviceId(): string {
  let storage: Storage | null = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  return deviceId(storage, () => `web-${newCorrelationId()}`);
}

function currentPosition(): Promise<Position> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('unavailable'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) =>
        resolve({ latitude: position.coords.latitude, longitude: position.coords.longitude, accuracyMeters: position.coords.accuracy }),
      reject,
      { enableHighAccuracy: true, timeout: 12_000, maximumAge: 30_000 },
    );
  });
}

/**
 * `/check-in?t=<token>`: the page the QR code opens (or the in-app scanner). Posts at once, since the token is only
 * good for ~20 seconds; asks for the location only when the class has a geofence; then shows one clear result.
 */
export function CheckInPage() {
  useDocumentTitle(t('checkIn.title'));
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const checkIn = useCheckIn();
  const [phase, setPhase] = useState<Phase>({ kind: 'sending' });
  const started = useRef<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // Once per token (StrictMode and re-renders must not post twice).
    if (!token || started.current === token) return;
    started.current = token;
    const device = localDeviceId();
    const attempt = (position?: Position) => {
      setPhase({ kind: 'sending' });
      checkIn.mutate(
        { token, deviceId: device, ...position },
        {
          onSuccess: (result) => setPhase({ kind: 'done', result }),
          onError: (error) => {
            const apiError = isApiError(error) ? error : null;
            if (apiError && needsLocation(apiError.code, apiError.details, Boolean(position))) {
              setPhase({ kind: 'locating' });
              currentPosition().then(attempt, () => setPhase({ kind: 'failed', error: apiError, locationDenied: true }));
              return;
            }
            setPhase({ kind: 'failed', error: apiError });
          },
        },
      );
    };
    attempt();
  }, [token]);

  useEffect(() => {
    if (phase.kind === 'done' || phase.kind === 'failed') headingRef.current?.focus();
  }, [phase.kind]);

  if (!token) {
    return (
      <ResultFrame tone="info" icon={<InfoIcon className="size-10" />} title={t('checkIn.noToken.title')} headingRef={headingRef}>
        <p>{t('checkIn.noToken.body')}</p>
        <ButtonLink to="/check-in/scan" variant="primary" className="mt-6 w-full">
          {t('checkIn.scan')}
        </ButtonLink>
      </ResultFrame>
    );
  }

  return (
    <div aria-live="polite" data-testid="check-in-result" data-state={phase.kind === 'failed' ? `error:${phase.error?.code ?? 'unknown'}` : phase.kind}>
      {phase.kind === 'sending' && <Pending label={t('checkIn.sending')} />}
      {phase.kind === 'locating' && <Pending label={t('checkIn.locating')} hint={t('checkIn.locatingHint')} />}
      {phase.kind === 'done' && <Success result={phase.result} headingRef={headingRef} />}
      {phase.kind === 'failed' && <Failure error={phase.error} locationDenied={phase.locationDenied} headingRef={headingRef} />}
    </div>
  );
}

function Pending({ label, hint }: { label: string; hint?: string }) {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center py-16 text-center" role="status">
      <Spinner className="size-10 text-brand-700" />
      <p className="mt-4 text-lg font-medium text-slate-900">{label}</p>
      {hint && <p className="mt-2 text-sm text-slate-600">{hint}</p>}
    </div>
  );
}

const TONES = {
  success: 'border-emerald-200 bg-emerald-50 text-emerald-800',
  warning: 'border-amber-200 bg-amber-50 text-amber-800',
  danger: 'border-rose-200 bg-rose-50 text-rose-800',
  info: 'border-sky-200 bg-sky-50 text-sky-800',
} as const;

function ResultFrame({
  tone,
  icon,
  title,
  children,
  headingRef,
}: {
  tone: keyof typeof TONES;
  icon: React.ReactNode;
  title: string;
  children: React.ReactNode;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  return (
    <div className="mx-auto max-w-md py-6 sm:py-10">
      <div className={cx('flex flex-col items-center rounded-2xl border p-6 text-center shadow-sm sm:p-8', TONES[tone])}>
        <div className="grid size-20 place-items-center rounded-full bg-white shadow-sm">{icon}</div>
        <h1 ref={headingRef} tabIndex={-1} className="page-heading mt-5 text-2xl font-semibold text-slate-900 outline-none">
          {title}
        </h1>
        <div className="mt-3 w-full text-base text-slate-700">{children}</div>
      </div>
    </div>
  );
}

function Success({ result, headingRef }: { result: CheckInResult; headingRef: React.RefObject<HTMLHeadingElement | null> }) {
  const format = useFormat();
  const late = result.record.status === 'late';
  return (
    <ResultFrame
      tone={late ? 'warning' : 'success'}
      icon={late ? <AlertIcon className="size-10 text-amber-600" /> : <CheckIcon className="size-10 text-emerald-700" />}
      title={late ? t('checkIn.late.title') : t('checkIn.present.title')}
      headingRef={headingRef}
    >
      <p className="font-medium text-slate-900" data-testid="check-in-course">
        {result.session.courseTitle}
      </p>
      {result.session.topic && <p className="text-sm">{result.session.topic}</p>}
      <p className="mt-2 text-sm">{t('checkIn.at', { time: format.clock(result.record.checkedInAt ?? result.record.markedAt) })}</p>
      {late && <p className="mt-3 text-sm">{t('checkIn.late.body')}</p>}
      <ButtonLink to="/attendance/me" variant="secondary" className="mt-6 w-full">
        {t('checkIn.myAttendance')}
      </ButtonLink>
    </ResultFrame>
  );
}

function Failure({
  error,
  locationDenied,
  headingRef,
}: {
  error: ApiError | null;
  locationDenied?: boolean;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const problem = checkInProblem(error?.code ?? 'INTERNAL');
  const already = error?.code === 'ALREADY_CHECKED_IN' ? alreadyStatus(error.details) : null;
  const network = error?.network;
  return (
    <ResultFrame
      tone={problem.tone}
      icon={problem.tone === 'info' ? <InfoIcon className="size-10 text-sky-700" /> : <AlertIcon className="size-10 text-rose-700" />}
      title={network ? t('checkIn.error.offline.title') : t(problem.title)}
      headingRef={headingRef}
    >
      <p>{network ? t('checkIn.error.offline.body') : t(problem.body)}</p>
      {already && isAttendanceStatus(already) && <p className="mt-2 font-medium text-slate-900">{t('checkIn.alreadyAs', { status: statusLabel(already) })}</p>}
      {locationDenied && <p className="mt-3 text-sm">{t('checkIn.locationDenied')}</p>}
      {error?.correlationId && !['ALREADY_CHECKED_IN', 'TOKEN_EXPIRED'].includes(error.code) && (
        <p className="mt-3 text-xs text-slate-600">
          {t('errors.reference')} <code className="font-mono select-all">{error.correlationId}</code>
        </p>
      )}
      <div className="mt-6 flex flex-col gap-2">
        {(problem.action === 'scan' || network) && (
          <ButtonLink to="/check-in/scan" variant="primary" className="w-full">
            {t('checkIn.scanAgain')}
          </ButtonLink>
        )}
        <Link to="/attendance/me" className="py-2 text-sm font-medium text-brand-700 underline-offset-4 hover:underline">
          {t('checkIn.myAttendance')}
        </Link>
      </div>
    </ResultFrame>
  );
}
