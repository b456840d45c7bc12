// Builds the renderer alone for the browser simulation (Electron builds it through electron.vite.config.ts).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

export default defineConfig({
  root: resolve(import.meta.dirname),
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, '..', 'out', 'renderer'),
    emptyOutDir: true,
    // Head units have slow storage but no network: one chunk loads faster than many.
    chunkSizeWarningLimit: 2000,
    // Fonts stay files: a small one inlined as a data: URL is blocked by the CSP (font-src 'self').
    assetsInlineLimit: (file: string) => (/\.woff2?$/.test(file) ? false : undefined),
  },
});
