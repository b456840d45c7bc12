// electron-vite build of the three Electron targets: main (ESM), sandboxed preload (CommonJS) and the renderer.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      lib: { entry: resolve('main/electron/index.ts') },
    },
  },
  preload: {
    build: {
      lib: { entry: resolve('main/electron/preload.ts') },
      // Sandboxed preloads run as CommonJS scripts; an ES module preload would fail to load.
      rolldownOptions: { output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      rolldownOptions: { input: resolve('renderer/index.html') },
      // Fonts stay files: a small one inlined as a data: URL is blocked by the CSP (font-src 'self').
      assetsInlineLimit: (file: string) => (/\.woff2?$/.test(file) ? false : undefined),
    },
  },
});
