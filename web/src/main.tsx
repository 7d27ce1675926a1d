import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Imported first for its side effect: it registers the auth hooks `request()` needs before anything fetches.
import './api/session-store';
import { App } from './app';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
