import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { FullPageLoader } from '../../layout/full-page-loader';
import { loginPathFor } from './return-path';
import { useSession } from './use-session';

/** Protected routes: wait while the session is being restored, otherwise send the visitor to sign in and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'restoring') return <FullPageLoader />;
  if (session.status === 'anonymous') {
    // After a deliberate sign-out there is nothing to come back to; after an expiry, return where the user was.
    const target = session.reason === 'signed-out' ? '/login' : loginPathFor(location);
    return <Navigate to={target} replace state={{ reason: session.reason }} />;
  }
  return <>{children}</>;
}
