// Serves the built renderer on app://cabin/ so our pages have a real origin to check and no file:// access.
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { protocol } from 'electron';
import { CONTENT_TYPES } from '../web/rendererAssets';
import { APP_HOST, APP_SCHEME } from './security';

/** Must run before `app` is ready: a standard, secure scheme behaves like https for fetch, storage and CSP. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
    },
  ]);
}

/**
 * Answers app://cabin/<path> from `rendererDir`; never a file outside it, except the files `extraFile`
 * vouches for (the brand pack's fonts). The CSP is asked at each response: a brand switch changes it.
 */
export function createRendererHandler(rendererDir: string, csp: string | (() => string), extraFile: (pathname: string) => string | null = () => null) {
  const root = resolve(rendererDir);
  const policy = typeof csp === 'string' ? () => csp : csp;
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return text(404, 'not found');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return text(400, 'bad path');
    }
    const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
    const extra = extraFile(url.pathname);
    const file = extra ?? resolve(root, relative);
    if (!extra && file !== root && !file.startsWith(root + sep)) return text(403, 'forbidden');
    try {
      const body = await readFile(file);
      return new Response(new Uint8Array(body), {
        status: 200,
        headers: {
          'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Security-Policy': policy(),
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' ? text(404, 'not found') : text(500, 'unreadable');
    }
  };
}

/** Registers the handler on the default session; call once `app` is ready. */
export function serveRenderer(rendererDir: string, csp: string | (() => string), extraFile?: (pathname: string) => string | null): void {
  protocol.handle(APP_SCHEME, createRendererHandler(rendererDir, csp, extraFile));
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
