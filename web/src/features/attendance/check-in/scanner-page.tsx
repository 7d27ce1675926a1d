import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { t } from '../../../i18n';
import { useDocumentTitle } from '../../../layout/use-document-title';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { AlertIcon } from '../../../ui/icons';
import { PageHeader } from '../../../ui/page-header';
import { Spinner } from '../../../ui/spinner';
import { tokenFromScan } from './check-in-outcome';

type ScanState = 'starting' | 'scanning' | 'denied' | 'no-camera' | 'insecure' | 'foreign';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

/** A QR decoder: the browser's BarcodeDetector where it has one, else jsQR (loaded only then) over canvas pixels. */
async function createDecoder(): Promise<(video: HTMLVideoElement, canvas: HTMLCanvasElement) => Promise<string | null>> {
  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorConstructor & { getSupportedFormats?: () => Promise<string[]> } })
    .BarcodeDetector;
  if (Detector) {
    const formats = (await Detector.getSupportedFormats?.()) ?? ['qr_code'];
    if (formats.includes('qr_code')) {
      const detector = new Detector({ formats: ['qr_code'] });
      return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
    }
  }
  const { default: jsQR } = await import('jsqr');
  return async (video, canvas) => {
    const width = video.videoWidth;
    const height = video.videoHeight;
    if (!width || !height) return null;
    // Half resolution is plenty for a code filling part of the frame, and four times faster.
    const scale = Math.min(1, 640 / Math.max(width, height));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return null;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

/** `/check-in/scan`: the rear camera, scanning until it sees a check-in code, then straight to the check-in. */
export function ScannerPage() {
  useDocumentTitle(t('scanner.title'));
  const navigate = useNavigate();
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<ScanState>('starting');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    async function start() {
      if (!window.isSecureContext) return setState('insecure');
      if (!navigator.mediaDevices?.getUserMedia) return setState('no-camera');
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
      } catch (error) {
        const name = error instanceof DOMException ? error.name : '';
        return setState(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'no-camera');
      }
      if (stopped) return;
      const video = videoRef.current;
      const canvas = canvasRef.current;
      if (!video || !canvas) return;
      video.srcObject = stream;
      await video.play().catch(() => undefined);
      setState('scanning');
      const decode = await createDecoder();
      const tick = async () => {
        if (stopped) return;
        const text = await decode(video, canvas).catch(() => null);
        if (text) {
          const token = tokenFromScan(text);
          if (token) {
            navigate(`/check-in?t=${encodeURIComponent(token)}`, { replace: true });
            return;
          }
          setState('foreign');
        }
        timer = setTimeout(() => void tick(), 200);
      };
      void tick();
    }
    void start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [navigate, attempt]);

  const problem = state === 'denied' || state === 'no-camera' || state === 'insecure' ? state : null;

  return (
    <>
      <PageHeader title={t('scanner.title')} description={t('scanner.subtitle')} testId="scanner-heading" />
      <Card className="mx-auto max-w-lg">
        {problem ? (
          <div role="alert" className="flex flex-col items-center gap-3 py-6 text-center">
            <AlertIcon className="size-10 text-rose-700" />
            <p className="font-semibold text-slate-900">{t(`scanner.${problem}.title`)}</p>
            <p className="text-sm text-slate-600">{t(`scanner.${problem}.body`)}</p>
            {problem !== 'insecure' && (
              <Button variant="secondary" onClick={() => setAttempt((value) => value + 1)}>
                {t('common.retry')}
              </Button>
            )}
          </div>
        ) : (
          <div className="relative overflow-hidden rounded-xl bg-slate-950">
            {/* Muted and inline so iOS plays it without going full screen. */}
            <video ref={videoRef} className="aspect-square w-full object-cover" muted playsInline aria-label={t('scanner.videoLabel')} />
            <div className="pointer-events-none absolute inset-[15%] rounded-2xl border-4 border-white/80" aria-hidden="true" />
            {state === 'starting' && (
              <div className="absolute inset-0 grid place-items-center text-white">
                <Spinner className="size-8" />
              </div>
            )}
          </div>
        )}
        <canvas ref={canvasRef} className="hidden" />
        <p className="mt-4 text-center text-sm text-slate-700" role="status" aria-live="polite">
          {state === 'foreign' ? t('scanner.foreign') : state === 'scanning' ? t('scanner.hint') : ''}
        </p>
      </Card>
    </>
  );
}
