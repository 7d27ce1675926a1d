import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

/**
 * A client-side navigation doesn't move focus the way a page load does, so screen-reader and keyboard users would
 * stay on the old link. After each route change, focus the new page's heading (or the main landmark).
 */
export function RouteFocus() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const frame = requestAnimationFrame(() => {
      const target = document.querySelector<HTMLElement>('.page-heading') ?? document.getElementById('main');
      target?.focus({ preventScroll: true });
      window.scrollTo({ top: 0 });
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
  return null;
}
