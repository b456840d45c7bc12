// End-to-end tests: the browser simulation driven in a real Chromium at head-unit sizes.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './scripts/findBrowser.mjs';

// Set by `npm test`, or by the global setup (which finds one the same way) before any worker starts.
const executablePath = process.env.CABIN_CHROMIUM || undefined;

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  globalSetup: './test/e2e/globalSetup.ts',
  // Each test starts its own host; two cores are shared with it, so one worker keeps timings honest.
  workers: 1,
  retries: 0,
  forbidOnly: true,
  // Ceilings for a shared, busy 2-core machine; every wait still ends as soon as its condition holds.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/reports/playwright.json' }]],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'head-unit-1920x720', use: { viewport: { width: 1920, height: 720 } } },
    { name: 'head-unit-1280x800', use: { viewport: { width: 1280, height: 800 } } },
  ],
});
