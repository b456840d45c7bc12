// Clears the last run's data folders, finds the browser and builds the renderer once before the end-to-end tests, so no test pays for (or races on) either.
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ensureRendererBuilt } from '../../main/web/rendererBuild';
import { findBrowser } from '../../scripts/findBrowser.mjs';
import { E2E_DATA_DIR } from './cabinProcess';

export default async function globalSetup(): Promise<void> {
  // The last run's data folders (kept for a look after a failure), never an ever-growing pile in /tmp.
  await rm(E2E_DATA_DIR, { recursive: true, force: true });
  // `npm test` has already chosen one; a plain `npx playwright test` finds one the same way. Workers start
  // after this and read the variable when they load the config.
  if (!process.env.CABIN_CHROMIUM) {
    const browser = await findBrowser({ log: (line) => process.stderr.write(`e2e: ${line}\n`) });
    if (browser.error !== undefined) throw new Error(browser.error);
    process.env.CABIN_CHROMIUM = browser.path;
  }
  await ensureRendererBuilt(resolve(import.meta.dirname, '..', '..'), (line) => process.stderr.write(`e2e: ${line}\n`));
}
