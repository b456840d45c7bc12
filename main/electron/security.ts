// Electron hardening: CSP on every response, no navigation away, no new windows, no permissions, no webviews.
import { rendererCsp } from '../web/rendererAssets';
import type { Session, WebContents } from 'electron';

/** Our own pages are served from this privileged custom scheme, so they have a real, checkable origin. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'cabin';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Origin as scheme://host[:port]. Node's URL reports "null" as the origin of non-special schemes like
 * app://, so it is rebuilt from the parts; anything unparsable has no origin at all.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/**
 * The strict policy for the built renderer. With a dev server (electron-vite dev), React refresh needs
 * its inline preamble and Vite's HMR websocket, so only then are those two let through. `images` are
 * the shown brand's map tile origins.
 */
export function contentSecurityPolicy(devServerUrl?: string, images: readonly string[] = []): string {
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  const hmr = dev ? dev.replace(/^http/, 'ws') : null;
  return rendererCsp({ connect: hmr ? [hmr] : [], inlineScripts: dev !== null, images });
}

export interface SecurityOptions {
  /** Origins our window may show: the app origin, plus the dev server's in development. */
  allowedOrigins: readonly string[];
  csp: string;
  report: (line: string) => void;
}

export interface SecurityCounters {
  navigationsBlocked: number;
  windowsBlocked: number;
  permissionsDenied: number;
  webviewsBlocked: number;
}

export function createSecurityCounters(): SecurityCounters {
  return { navigationsBlocked: 0, windowsBlocked: 0, permissionsDenied: 0, webviewsBlocked: 0 };
}

/** Adds the CSP to every response and denies every permission the page could ask for. */
export function hardenSession(session: Session, options: SecurityOptions, counters: SecurityCounters): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    // Drop any policy a dev server sent, case-insensitively, so ours is the one in force.
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [options.csp];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    counters.permissionsDenied += 1;
    options.report(`security: denied permission request "${permission}"`);
    callback(false);
  });
  // Checks are frequent and silent (feature detection), so they are denied without a report.
  session.setPermissionCheckHandler(() => false);
}

/**
 * Hardens any web contents: ours and any other that might ever be created. Navigation is allowed only
 * within our own origins; new windows and webviews never.
 */
export function hardenWebContents(contents: WebContents, options: SecurityOptions, counters: SecurityCounters): void {
  const allowed = new Set(options.allowedOrigins);
  const guard = (kind: string) => (event: { preventDefault(): void; url?: string }, legacyUrl?: string) => {
    const url = event.url ?? legacyUrl ?? '';
    const origin = originOf(url);
    if (origin !== null && allowed.has(origin)) return;
    event.preventDefault();
    counters.navigationsBlocked += 1;
    options.report(`security: blocked ${kind} to ${describeUrl(url)}`);
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.setWindowOpenHandler(({ url }) => {
    counters.windowsBlocked += 1;
    options.report(`security: blocked window.open of ${describeUrl(url)}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    counters.webviewsBlocked += 1;
    options.report('security: blocked a <webview>');
  });
}

/** Keeps report lines one line and short, whatever a page tried to open. */
function describeUrl(url: string): string {
  const oneLine = url.replace(/[\r\n]+/g, ' ');
  return JSON.stringify(oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine);
}
