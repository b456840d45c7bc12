// The browser for the end-to-end tests is found without a system Chromium or Playwright's CDN: the one packaged on npm really launches.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageLoad } from '../test/fixtures/browserCheck';
import { projectRoot } from '../test/fixtures/corpus';
import type { FoundBrowser } from './findBrowser.mjs';
import { findBrowser, SYSTEM_PATHS } from './findBrowser.mjs';

interface ProbeResult {
  found: FoundBrowser;
  logs: string[];
  systemVisible: string[];
  load: PageLoad | null;
}

let emptyBrowsers: string;
beforeAll(async () => {
  // Playwright looks for its own browsers here: empty, so a developer's `npx playwright install` cannot answer first.
  emptyBrowsers = await mkdtemp(join(tmpdir(), 'cabin-no-browsers-'));
});
afterAll(() => rm(emptyBrowsers, { recursive: true, force: true }));

/** Runs test/fixtures/browserProbe.ts in a child process, optionally wrapped (e.g. in `unshare`). */
function probe(env: Record<string, string>, wrap: string[] = []): Promise<ProbeResult> {
  const node = [process.execPath, join(projectRoot, 'bin', 'run-ts.mjs'), join(projectRoot, 'test', 'fixtures', 'browserProbe.ts')];
  const [command, ...args] = [...wrap, ...node];
  const { CABIN_CHROMIUM: _, ...inherited } = process.env;
  return new Promise((done, fail) => {
    execFile(command, args, { cwd: projectRoot, env: { ...inherited, PLAYWRIGHT_BROWSERS_PATH: emptyBrowsers, ...env }, timeout: 150_000 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`browser probe failed: ${error.message}\n${stderr}`));
      else done(JSON.parse(stdout.trim().split('\n').pop()!) as ProbeResult);
    });
  });
}

function expectPackagedBrowserWorked(result: ProbeResult): void {
  expect(result.found.source).toMatch(/^@sparticuz\/chromium \d+/);
  expect(result.found.path).toContain(join('node_modules', '.cache', 'cabin-chromium'));
  expect(result.load).toMatchObject({ title: 'cabin browser check', scripted: 'ran 42' });
  expect(result.load!.userAgent).toMatch(/Chrome\/\d+/);
  expect(result.load!.screenshotBytes).toBeGreaterThan(1000);
}

describe('findBrowser', () => {
  it('with no system Chromium and no Playwright browser, returns the packaged one, which launches and loads a page', { timeout: 180_000 }, async () => {
    const result = await probe({ PROBE_SYSTEM_PATHS: '', PROBE_LAUNCH: '1', CABIN_BROWSER_DOWNLOAD: '0' });
    expectPackagedBrowserWorked(result);
  });

  // Hiding /usr/bin/chromium for one process tree needs a private mount namespace, which only root can make.
  const canHide = process.getuid?.() === 0 && existsSync('/usr/bin/unshare') && SYSTEM_PATHS.some((p) => existsSync(p));
  it.skipIf(!canHide)('in a mount namespace where the system Chromium is hidden, npm test would use the packaged browser', { timeout: 180_000 }, async () => {
    const hide = [
      ...SYSTEM_PATHS.filter((p) => existsSync(p)).map((p) => `mount --bind /dev/null ${p}`),
      ...['/usr/lib/chromium', '/opt/google/chrome'].filter((p) => existsSync(p)).map((p) => `mount -t tmpfs none ${p}`),
    ].join(' && ');
    const result = await probe({ PROBE_LAUNCH: '1', CABIN_BROWSER_DOWNLOAD: '0' }, [
      'unshare',
      '--mount',
      '--propagation',
      'private',
      'sh',
      '-c',
      `${hide} && exec "$0" "$@"`,
    ]);
    // The real system locations, as that process saw them: nothing usable.
    expect(result.systemVisible).toEqual([]);
    expectPackagedBrowserWorked(result);
  });

  describe("Playwright's download", () => {
    let server: Server;
    let answering: string;
    beforeAll(async () => {
      // A host that answers but has no browsers: what a proxy or a mirror without this version looks like.
      server = createServer((_, res) => res.writeHead(404).end('no such build'));
      await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
      answering = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((closed) => server.close(closed)));

    it('is not attempted when its host does not answer, and says so in one line', { timeout: 120_000 }, async () => {
      const closedPort = await new Promise<number>((found) => {
        const s = createServer().listen(0, '127.0.0.1', () => {
          const { port } = s.address() as AddressInfo;
          s.close(() => found(port));
        });
      });
      const result = await probe({ PROBE_SYSTEM_PATHS: '', PLAYWRIGHT_DOWNLOAD_HOST: `http://127.0.0.1:${closedPort}` });
      expect(result.logs).toEqual([`test: Playwright's download host 127.0.0.1:${closedPort} is unreachable (ECONNREFUSED); not trying to download its Chromium`]);
      expect(result.found.source).toMatch(/^@sparticuz\/chromium/);
    });

    it('that fails is reported in one line without a stack trace, then the packaged browser is used', { timeout: 120_000 }, async () => {
      const result = await probe({ PROBE_SYSTEM_PATHS: '', PLAYWRIGHT_DOWNLOAD_HOST: answering });
      expect(result.logs).toHaveLength(2);
      expect(result.logs[0]).toMatch(/downloading Playwright's from 127\.0\.0\.1/);
      expect(result.logs[1]).toMatch(/^test: Playwright's Chromium download failed: .*404/);
      expect(result.logs.join('\n')).not.toMatch(/\n\s+at /);
      expect(result.found.source).toMatch(/^@sparticuz\/chromium/);
    });
  });

  it('refuses a CABIN_CHROMIUM that is not a browser instead of falling back silently', async () => {
    const result = await findBrowser({ env: { CABIN_CHROMIUM: join(emptyBrowsers, 'missing') } });
    expect(result.error).toMatch(/CABIN_CHROMIUM=.*missing is not an executable file/);
  });
});
