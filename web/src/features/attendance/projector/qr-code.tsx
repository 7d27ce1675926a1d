import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { cx } from '../../../ui/class-names';

/**
 * The check-in URL as a QR code, drawn in the browser as SVG (crisp at any projector size, black on white with a
 * quiet zone). `data-checkin-url` carries the encoded URL for tests and support.
 */
export function QrCode({ value, label, className }: { value: string; label: string; className?: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toString(value, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } }).then(
      (markup) => current && setSvg(markup),
      () => current && setSvg(null),
    );
    return () => {
      current = false;
    };
  }, [value]);
  return (
    <div
      role="img"
      aria-label={label}
      data-testid="qr-code"
      data-checkin-url={value}
      className={cx('aspect-square bg-white [&>svg]:block [&>svg]:size-full', className)}
      // The markup comes from the qrcode library for our own URL, not from user input.
      dangerouslySetInnerHTML={svg ? { __html: svg } : undefined}
    />
  );
}
