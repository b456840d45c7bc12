// Vitest projects, one per environment: Node for everything but the renderer, jsdom for React.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  test: {
    // 2-core machines: keep parallelism modest so timing-sensitive integration tests stay honest.
    maxWorkers: 2,
    globalSetup: ['test/fixtures/announceCorpus.ts'],
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'shared/**/*.test.ts',
            'main/**/*.test.ts',
            'gateway/**/*.test.ts',
            'simulator/**/*.test.ts',
            'swap-operator/**/*.test.ts',
            'test/integration/**/*.test.ts',
            'test/lint/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          // Hang detectors, not timing checks: on a shared 2-core machine under load a 2 s test can take 20 s.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
          setupFiles: ['renderer/test-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
