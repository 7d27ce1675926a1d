import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

// The SPA imports only the pure zod contracts, straight from source, so the web build never waits on libs/shared's build.
const contractsEntry = fileURLToPath(new URL('../libs/shared/src/contracts/index.ts', import.meta.url));

export default defineConfig(({ mode }) => {
  // GATEWAY_URL lets the dev server proxy to a gateway on another port; the default is the one `npm start` runs.
  const gatewayUrl = loadEnv(mode, process.cwd(), '').GATEWAY_URL || 'http://127.0.0.1:3000';
  return {
    plugins: [react(), tailwindcss()],
    resolve: { alias: { '@tec/shared/contracts': contractsEntry } },
    server: {
      port: 5173,
      strictPort: true,
      proxy: {
        // changeOrigin stays false: the gateway checks the browser's Origin (5173 is on its allow-list).
        '/api': { target: gatewayUrl },
        '/socket.io': { target: gatewayUrl, ws: true },
      },
    },
    preview: { port: 4173 },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: true,
      target: 'es2022',
      rolldownOptions: {
        // The contracts are declarations plus zod schemas built at module load. Marking them side-effect free
        // lets the bundler drop every schema the SPA doesn't use, and with them zod itself.
        treeshake: { moduleSideEffects: (id: string) => !id.includes('/libs/shared/src/contracts/') },
        // Libraries change far less often than the app: separate chunks stay cached across deploys.
        output: {
          codeSplitting: {
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/ },
              { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/ },
              { name: 'socket', test: /node_modules[\\/](socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io)[\\/]/ },
            ],
          },
        },
      },
    },
  };
});
