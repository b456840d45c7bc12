// Serves the built renderer from one folder, with a strict CSP and no way to escape the folder.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CONTENT_TYPES, rendererCsp } from './rendererAssets';

/** The policy the Electron window enforces too; the socket.io bridge is the only extra connection allowed, the brand's map tiles the only images from elsewhere. */
export function contentSecurityPolicy(origin: string, images: readonly string[] = []): string {
  return rendererCsp({ connect: [origin.replace(/^http/, 'ws')], images });
}

export interface StaticHandlerOptions {
  /** Origins of the shown brand's map tiles, asked at every response (a live brand switch changes them). */
  imageOrigins?: () => readonly string[];
  /** A file outside the renderer folder the host vouches for (the brand pack's fonts), by URL path; null for none. */
  extraFile?: (pathname: string) => string | null;
}

export function createStaticHandler(rootDir: string, getOrigin: () => string, options: StaticHandlerOptions = {}) {
  const root = resolve(rootDir);
  // The folder's own real path, once: a symlinked build folder is fine, a symlink out of it is not.
  const realRoot = realpath(root).catch(() => root);
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const securityHeaders = {
      'Content-Security-Policy': contentSecurityPolicy(getOrigin(), options.imageOrigins?.() ?? []),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...securityHeaders, Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      response.writeHead(400, securityHeaders).end('bad request');
      return;
    }
    const extra = options.extraFile?.(new URL(request.url ?? '/', 'http://localhost').pathname) ?? null;
    const relative = pathname === '/' ? 'index.html' : normalize(pathname).replace(/^([/\\])+/, '');
    const file = extra ?? join(root, relative);
    if (!extra && file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403, securityHeaders).end('forbidden');
      return;
    }
    // Resolve symlinks before deciding: a link inside the folder may point anywhere on the machine.
    const real = await realpath(file).catch(() => null);
    const inside = await realRoot;
    if (!extra && real !== null && real !== inside && !real.startsWith(inside + sep)) {
      response.writeHead(403, securityHeaders).end('forbidden');
      return;
    }
    const info = real === null ? null : await stat(real).catch(() => null);
    if (!info?.isFile()) {
      response.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    response.writeHead(200, {
      ...securityHeaders,
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(real!).pipe(response);
  };
}
