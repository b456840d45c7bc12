// Finds a Chromium for the end-to-end tests: $CABIN_CHROMIUM, a system Chromium, or Playwright's own (installed on demand).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

async function playwrightChromium() {
  try {
    const { chromium } = await import('playwright-core');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Returns { path, source } or { error } naming both ways to get a browser. */
export async function findBrowser({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const fromEnv = process.env.CABIN_CHROMIUM;
  if (fromEnv) {
    if (existsSync(fromEnv)) return { path: fromEnv, source: 'CABIN_CHROMIUM' };
    return { error: `CABIN_CHROMIUM=${fromEnv} does not exist` };
  }
  const system = SYSTEM_PATHS.find((p) => existsSync(p));
  if (system) return { path: system, source: 'system' };
  const bundled = await playwrightChromium();
  if (bundled) return { path: bundled, source: 'playwright' };
  log('test: no Chromium found; trying "npx playwright install chromium"…');
  const install = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', timeout: 10 * 60_000 });
  if (install.status === 0) {
    const installed = await playwrightChromium();
    if (installed) return { path: installed, source: 'playwright (just installed)' };
  }
  return {
    error:
      'no browser for the end-to-end tests. Either install a system Chromium (Debian/Ubuntu: "sudo apt-get install chromium", ' +
      'or set CABIN_CHROMIUM=/path/to/chromium), or let Playwright fetch its own with "npx playwright install chromium" on a machine with internet access.',
  };
}
