import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { t } from '../../../i18n';
import { useFormat } from '../../../i18n/use-format';
import { useDocumentTitle } from '../../../layout/use-document-title';
import { ConnectionIndicator } from '../../../realtime/connection-indicator';
import { Button } from '../../../ui/button';
import { ErrorState } from '../../../ui/error-state';
import { Skeleton } from '../../../ui/skeleton';
import { useClassSession } from '../sessions/use-session';
import { useSessionLive } from '../shared/use-session-live';
import { QrCode } from './qr-code';
import { useQrToken } from './use-qr-token';

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * `/attendance/sessions/:sessionId/projector`: full screen, high contrast, readable from the back of the room. The
 * QR code rotates when the server says the next token starts; the counter follows the socket room.
 */
export function ProjectorPage() {
  const { sessionId = '' } = useParams();
  const format = useFormat();
  // Polled too, so the projector notices the window opening or closing on its own.
  const session = useClassSession(sessionId, { pollMs: 20_000 });
  const open = session.data?.phase === 'open' || session.data?.phase === 'upcoming';
  const qr = useQrToken(sessionId, session.data?.phase === 'open');
  const room = useSessionLive(sessionId);
  const now = useNow(250);
  const rootRef = useRef<HTMLDivElement>(null);
  useDocumentTitle(session.data ? `${t('projector.title')} · ${session.data.courseTitle}` : t('projector.title'));

  const counts = session.data?.counts;
  const checkedIn = counts ? counts.present + counts.late : 0;
  const rotatesAt = qr.data ? qr.dataUpdatedAt + qr.data.refreshAfterMs : 0;
  const secondsLeft = qr.data ? Math.max(0, Math.ceil((rotatesAt - now) / 1000)) : 0;

  return (
    <div ref={rootRef} className="flex min-h-dvh flex-col bg-slate-950 text-white" data-testid="projector">
      <header className="flex flex-wrap items-center gap-3 px-6 py-4">
        <Link to={`/attendance/sessions/${sessionId}`} className="rounded-md px-2 py-1 text-sm text-slate-300 underline-offset-4 hover:text-white hover:underline">
          {t('projector.back')}
        </Link>
        <div className="ml-auto flex items-center gap-3">
          <ConnectionIndicator />
          <Button
            variant="secondary"
            size="sm"
            onClick={() => (document.fullscreenElement ? void document.exitFullscreen() : void rootRef.current?.requestFullscreen())}
          >
            {t('projector.fullscreen')}
          </Button>
        </div>
      </header>
      <main className="flex flex-1 flex-col items-center justify-center gap-8 px-6 pb-10 lg:flex-row lg:gap-16">
        {session.isPending ? (
          <Skeleton className="size-80 bg-slate-800" />
        ) : session.isError ? (
          <ErrorState error={session.error} onRetry={() => void session.refetch()} className="max-w-lg" />
        ) : (
          <>
            <div className="flex flex-col items-center">
              {session.data.phase !== 'open' ? (
                <div className="grid size-[min(70vh,80vw)] max-h-[560px] max-w-[560px] place-items-center rounded-3xl border-2 border-dashed border-slate-600 p-8 text-center">
                  <p className="text-2xl font-semibold" data-testid="projector-closed">
                    {open ? t('projector.notOpenYet', { time: format.time(session.data.checkinOpensAt) }) : t('projector.closed')}
                  </p>
                </div>
              ) : qr.isError ? (
                <ErrorState error={qr.error} onRetry={() => void qr.refetch()} className="max-w-lg" />
              ) : qr.data ? (
                <QrCode
                  value={qr.data.url}
                  label={t('projector.qrLabel', { course: session.data.courseTitle })}
                  className="w-[min(70vh,80vw)] max-w-[560px] rounded-3xl p-4"
                />
              ) : (
                <Skeleton className="size-[min(70vh,80vw)] max-h-[560px] max-w-[560px] bg-slate-800" />
              )}
              {qr.data && session.data.phase === 'open' && (
                <p className="mt-4 text-lg text-slate-300" data-testid="projector-countdown">
                  {t('projector.rotatesIn', { seconds: secondsLeft })}
                </p>
              )}
            </div>
            <div className="max-w-md text-center lg:text-left">
              <p className="text-lg font-medium text-sky-300">{session.data.courseCode}</p>
              <h1 className="mt-1 text-4xl font-bold tracking-tight sm:text-5xl">{session.data.courseTitle}</h1>
              {session.data.topic && <p className="mt-2 text-2xl text-slate-200">{session.data.topic}</p>}
              <p className="mt-3 text-xl text-slate-300">
                {format.date(session.data.startsAt)} · {format.time(session.data.startsAt)}–{format.time(session.data.endsAt)}
              </p>
              <div className="mt-8 rounded-2xl bg-white/10 p-6">
                <p className="text-lg text-slate-300">{t('projector.checkedIn')}</p>
                {/* Polite and atomic: a screen reader hears the new total, not every digit. */}
                <p className="mt-1 text-7xl font-bold tabular-nums" aria-live="polite" aria-atomic="true" data-testid="projector-counter" data-count={checkedIn}>
                  {checkedIn}
                  <span className="text-4xl font-semibold text-slate-400"> / {counts?.enrolled ?? 0}</span>
                </p>
                {counts && counts.late > 0 && <p className="mt-2 text-lg text-amber-300">{t('projector.lateCount', { count: counts.late })}</p>}
              </div>
              <p className="mt-6 text-lg text-slate-300">{t('projector.instructions')}</p>
              {room.status === 'refused' && <p className="mt-3 text-amber-300">{t('projector.liveUnavailable')}</p>}
            </div>
          </>
        )}
      </main>
    </div>
  );
}
