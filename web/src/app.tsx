import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router-dom';
import { createQueryClient } from './api/query-client';
import { SessionLifecycle } from './features/auth/session-lifecycle';
import { router } from './router';
import { ToastProvider } from './ui/toast';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <SessionLifecycle />
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>
  );
}
