import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session, WebContents } from 'electron';
import { FakeEvent, FakeWebContents, resetFakeElectron, session } from '../../test/fakes/fakeElectron';
import {
  APP_ORIGIN,
  contentSecurityPolicy,
  createSecurityCounters,
  hardenSession,
  hardenWebContents,
  originOf,
  type SecurityOptions,
} from './security';
import { createRendererHandler } from './rendererProtocol';

vi.mock('electron', async () => (await import('../../test/fakes/fakeElectron')).fakeElectronModule);

let lines: string[];
let options: SecurityOptions;

beforeEach(() => {
  resetFakeElectron();
  lines = [];
  options = { allowedOrigins: [APP_ORIGIN], csp: contentSecurityPolicy(), report: (l) => lines.push(l) };
});

function hardened() {
  const contents = new FakeWebContents();
  const counters = createSecurityCounters();
  hardenWebContents(contents as unknown as WebContents, options, counters);
  return { contents, counters };
}

function navigate(contents: FakeWebContents, event: 'will-navigate' | 'will-redirect', url: string) {
  const e = new FakeEvent({ url });
  contents.emit(event, e, url, false, true);
  return e.defaultPrevented;
}

describe('originOf', () => {
  it('gives custom schemes a real origin and refuses what has none', () => {
    expect(originOf('app://cabin/index.html#/settings')).toBe('app://cabin');
    expect(originOf('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});

describe('navigation and windows', () => {
  it.each(['will-navigate', 'will-redirect'] as const)('%s to another origin is prevented and reported', (event) => {
    const { contents, counters } = hardened();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)']) {
      expect(navigate(contents, event, url)).toBe(true);
    }
    expect(counters.navigationsBlocked).toBe(4);
    expect(lines[0]).toMatch(/^security: blocked (navigation|redirect) to "https:\/\/evil\.example\/"$/);
  });

  it('navigation within the app origin is allowed', () => {
    const { contents, counters } = hardened();
    expect(navigate(contents, 'will-navigate', 'app://cabin/index.html#/charging')).toBe(false);
    expect(counters.navigationsBlocked).toBe(0);
  });

  it('the dev server origin is allowed only when it is configured', () => {
    options = { ...options, allowedOrigins: [APP_ORIGIN, 'http://localhost:5173'] };
    const { contents } = hardened();
    expect(navigate(contents, 'will-navigate', 'http://localhost:5173/')).toBe(false);
    expect(navigate(contents, 'will-navigate', 'http://localhost:5174/')).toBe(true);
  });

  it('window.open is denied', () => {
    const { contents, counters } = hardened();
    expect(contents.windowOpenHandler?.({ url: 'app://cabin/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/\nsecond line' })).toEqual({ action: 'deny' });
    expect(counters.windowsBlocked).toBe(2);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });

  it('webviews are blocked', () => {
    const { contents, counters } = hardened();
    const e = new FakeEvent();
    contents.emit('will-attach-webview', e, {}, { src: 'https://evil.example/' });
    expect(e.defaultPrevented).toBe(true);
    expect(counters.webviewsBlocked).toBe(1);
  });
});

describe('session', () => {
  function hardenedSession() {
    const counters = createSecurityCounters();
    hardenSession(session.defaultSession as unknown as Session, options, counters);
    return { s: session.defaultSession, counters };
  }

  it('every permission request is denied and reported', () => {
    const { s, counters } = hardenedSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      let granted: boolean | undefined;
      s.permissionRequestHandler?.({}, permission, (g: boolean) => (granted = g), {});
      expect(granted).toBe(false);
    }
    expect(counters.permissionsDenied).toBe(5);
    expect(lines[0]).toBe('security: denied permission request "media"');
  });

  it('every permission check is denied', () => {
    const { s } = hardenedSession();
    for (const permission of ['media', 'geolocation', 'fullscreen', 'unknown']) {
      expect(s.permissionCheckHandler?.(null, permission, APP_ORIGIN, {})).toBe(false);
    }
  });

  it('the CSP header is added to responses and replaces any other policy', () => {
    const { s } = hardenedSession();
    const seen: Array<Record<string, string[]> | undefined> = [];
    s.headersListener?.(
      {
        url: 'http://localhost:5173/',
        responseHeaders: { 'content-type': ['text/html'], 'content-security-policy': ["default-src *"] },
      },
      (response) => seen.push(response.responseHeaders),
    );
    s.headersListener?.({ url: 'app://cabin/index.html' }, (response) => seen.push(response.responseHeaders));
    expect(seen[0]).toEqual({ 'content-type': ['text/html'], 'Content-Security-Policy': [options.csp] });
    expect(seen[1]).toEqual({ 'Content-Security-Policy': [options.csp] });
  });
});

describe('content security policy', () => {
  it('is strict for the built renderer', () => {
    const csp = contentSecurityPolicy();
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
    ]) {
      expect(csp.split('; ')).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe-eval|\*/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("lets only the dev server's HMR socket and React's preamble through in development", () => {
    const csp = contentSecurityPolicy('http://localhost:5173/');
    expect(csp.split('; ')).toContain("connect-src 'self' ws://localhost:5173");
    expect(csp.split('; ')).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).not.toMatch(/unsafe-eval/);
  });
});

describe('app:// protocol', () => {
  let dir: string;
  const csp = contentSecurityPolicy();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cabin-renderer-'));
    await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Cabin</title>');
    await writeFile(join(dir, 'renderer', 'assets', 'app.js'), 'export {};');
    await writeFile(join(dir, 'secret.txt'), 'not for the page');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves the renderer with its CSP and content type', async () => {
    const handle = createRendererHandler(join(dir, 'renderer'), csp);
    for (const url of ['app://cabin/', 'app://cabin/index.html']) {
      const response = await handle(new Request(url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(csp);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toContain('<title>Cabin</title>');
    }
    const script = await handle(new Request('app://cabin/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('never serves a file outside the renderer folder, and 404s what is missing', async () => {
    const handle = createRendererHandler(join(dir, 'renderer'), csp);
    for (const url of ['app://cabin/%2e%2e/secret.txt', 'app://cabin/..%2fsecret.txt', 'app://cabin/assets/%2e%2e%2f%2e%2e%2fsecret.txt']) {
      const response = await handle(new Request(url));
      // URL parsing may already collapse the dot segments (then it is a 404 inside the folder).
      expect([403, 404], url).toContain(response.status);
      expect(await response.text()).not.toContain('not for the page');
    }
    expect((await handle(new Request('app://cabin/missing.js'))).status).toBe(404);
    expect((await handle(new Request('app://cabin/assets'))).status).toBe(404);
    expect((await handle(new Request('app://elsewhere/index.html'))).status).toBe(404);
    expect((await handle(new Request('app://cabin/%E0%A4%A'))).status).toBe(400);
  });
});
