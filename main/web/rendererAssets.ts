// What serving the built renderer needs in both shells (Electron's app:// protocol and the web server): content types and the CSP.

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface RendererCspOptions {
  /** Extra origins the page may connect to (the web bridge's websocket, a dev server's HMR socket). */
  connect?: string[];
  /** Only for a development server, whose React refresh preamble is an inline script. */
  inlineScripts?: boolean;
  /**
   * Origins images may come from besides the app itself and data: logos: exactly the shown brand's map
   * tile origins (`tileOrigins()`), so the map loads and nothing else does.
   */
  images?: readonly string[];
}

/** An origin as a CSP source: https, a host name, an optional port, nothing that could end the directive. */
const CSP_ORIGIN = /^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/;

/** The one Content-Security-Policy for the renderer: nothing loads or connects beyond what Cabin serves. */
export function rendererCsp({ connect = [], inlineScripts = false, images = [] }: RendererCspOptions = {}): string {
  // tileOrigins() yields only such origins; anything else is dropped rather than allowed to bend the policy.
  const imageOrigins = images.filter((origin) => CSP_ORIGIN.test(origin));
  return [
    "default-src 'self'",
    inlineScripts ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data:", ...imageOrigins].join(' '),
    "font-src 'self'",
    ["connect-src 'self'", ...connect].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
