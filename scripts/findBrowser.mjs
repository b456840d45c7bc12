// Finds a Chromium for the end-to-end tests and benches: $CABIN_CHROMIUM, a system Chromium, Playwright's own, or the one packaged in @sparticuz/chromium.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(import.meta.dirname, '..');

/** How every Cabin test and bench launches Chromium (the packaged one needs nothing more). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Where the packaged browser is unpacked once per version (it is ~200 MB unpacked; the package holds it brotli-compressed). */
export const PACKAGED_CACHE_DIR = join(root, 'node_modules', '.cache', 'cabin-chromium');

/** A regular, executable file: a path hidden by a bind mount of /dev/null, or a dangling link, is not a browser. */
export function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function playwrightChromium() {
  try {
    const { chromium } = await import('playwright-core');
    const path = chromium.executablePath();
    return path && isExecutableFile(path) ? path : null;
  } catch {
    return null;
  }
}

/** The host Playwright downloads Chromium from, honouring its own override variables. */
function playwrightDownloadHost(env) {
  const override = env.PLAYWRIGHT_CHROMIUM_DOWNLOAD_HOST || env.PLAYWRIGHT_DOWNLOAD_HOST;
  return new URL(override || 'https://cdn.playwright.dev');
}

/** Resolves to null when a TCP connection to the host opens within `timeoutMs`, else to the reason it did not. */
function unreachable(url, timeoutMs) {
  const port = Number(url.port) || (url.protocol === 'http:' ? 80 : 443);
  return new Promise((done) => {
    const socket = connect({ host: url.hostname, port, timeout: timeoutMs });
    const finish = (reason) => {
      socket.destroy();
      done(reason);
    };
    socket.once('connect', () => finish(null));
    socket.once('timeout', () => finish(`no answer in ${timeoutMs / 1000} s`));
    socket.once('error', (error) => finish(error.code ? `${error.code}` : error.message));
  });
}

/**
 * Playwright's own download, tried only when its host answers: offline this costs one failed connection,
 * not a minute of retries and stack traces. Its output is kept and only the reason is reported.
 */
async function downloadPlaywrightChromium(env, log) {
  const host = playwrightDownloadHost(env);
  const reason = await unreachable(host, 5000);
  if (reason) {
    log(`test: Playwright's download host ${host.host} is unreachable (${reason}); not trying to download its Chromium`);
    return null;
  }
  log(`test: no Chromium found; downloading Playwright's from ${host.host}…`);
  const cli = join(root, 'node_modules', 'playwright-core', 'cli.js');
  const result = await new Promise((done) => {
    const child = spawn(process.execPath, [cli, 'install', 'chromium'], {
      env: { ...env, PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT: env.PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT ?? '15000' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own group, so stopping it also stops the download process it starts.
      detached: true,
    });
    const stop = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        /* already gone */
      }
    };
    let output = '';
    let failure = null;
    // Playwright retries a failed download five times with pauses; the packaged browser is a better next step.
    const watch = (chunk) => {
      output += chunk;
      const line = output.split('\n').find((l) => /^Error:/.test(l.trim()));
      if (line && !failure) {
        failure = line.trim().replace(/^Error:\s*/, '');
        stop('SIGTERM');
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    const timer = setTimeout(() => stop('SIGKILL'), 10 * 60_000);
    child.once('error', (error) => done({ ok: false, reason: error.message }));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      done({ ok: code === 0 && !failure, reason: failure ?? `exit ${code ?? signal}` });
    });
  });
  if (result.ok) return playwrightChromium();
  log(`test: Playwright's Chromium download failed: ${result.reason}`);
  return null;
}

function packageDir() {
  // The package exports only its entry point, so find its folder from there (build/index.js).
  return dirname(dirname(fileURLToPath(import.meta.resolve('@sparticuz/chromium'))));
}

/**
 * Unpacks the Chromium that ships inside @sparticuz/chromium (binary, SwiftShader, its own libraries) into
 * `cacheDir/<version>` once, and returns its path, or null when the package is not installed. The package
 * unpacks into the temporary folder; pointing that at a private staging folder renamed into place when
 * complete means a half-finished unpack (interrupted, or a second process at the same time) is never used.
 */
export async function packagedChromium({ cacheDir = PACKAGED_CACHE_DIR } = {}) {
  let dir;
  try {
    dir = packageDir();
  } catch {
    return null;
  }
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const target = join(cacheDir, version);
  const executable = join(target, 'chromium');
  if (isExecutableFile(executable)) return { path: executable, version };
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const { default: Chromium } = await import('@sparticuz/chromium');
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    await Chromium.executablePath(join(dir, 'bin'));
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
  try {
    renameSync(staging, target);
  } catch (error) {
    // Another process finished first: its copy is as good as ours.
    rmSync(staging, { recursive: true, force: true });
    if (!isExecutableFile(executable)) throw error;
  }
  return { path: executable, version };
}

/**
 * Returns { path, source } or { error } naming the ways to get a browser. Options exist for tests:
 * `systemPaths` replaces the system locations, `playwright: false` skips Playwright's own browser,
 * `download: false` (or CABIN_BROWSER_DOWNLOAD=0) skips its download.
 */
export async function findBrowser({
  log = (line) => process.stderr.write(`${line}\n`),
  env = process.env,
  systemPaths = SYSTEM_PATHS,
  playwright = true,
  download = env.CABIN_BROWSER_DOWNLOAD !== '0',
  cacheDir = PACKAGED_CACHE_DIR,
} = {}) {
  const fromEnv = env.CABIN_CHROMIUM;
  if (fromEnv) {
    if (isExecutableFile(fromEnv)) return { path: fromEnv, source: 'CABIN_CHROMIUM' };
    return { error: `CABIN_CHROMIUM=${fromEnv} is not an executable file` };
  }
  const system = systemPaths.find((p) => isExecutableFile(p));
  if (system) return { path: system, source: 'system' };
  if (playwright) {
    const installed = await playwrightChromium();
    if (installed) return { path: installed, source: 'playwright' };
    if (download) {
      const downloaded = await downloadPlaywrightChromium(env, log);
      if (downloaded) return { path: downloaded, source: 'playwright (just downloaded)' };
    }
  }
  try {
    const packaged = await packagedChromium({ cacheDir });
    if (packaged) return { path: packaged.path, source: `@sparticuz/chromium ${packaged.version}` };
  } catch (error) {
    log(`test: unpacking the Chromium in @sparticuz/chromium failed: ${error.message}`);
  }
  return {
    error:
      'no browser for the end-to-end tests. Either install a system Chromium (Debian/Ubuntu: "sudo apt-get install chromium", ' +
      'or set CABIN_CHROMIUM=/path/to/chromium), run "npm install" so the Chromium packaged in @sparticuz/chromium is there, ' +
      'or let Playwright fetch its own with "npx playwright install chromium" on a machine with internet access.',
  };
}
