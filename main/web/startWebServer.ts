// Starts the browser simulation's HTTP server: the built renderer plus the socket.io bridge, on loopback.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Host } from '../host/createHost';
import { createStaticHandler } from './staticFiles';
import { attachWebBridge } from './webBridgeServer';

export interface WebServerOptions {
  host: Host;
  rendererDir: string;
  port?: number;
  /** Loopback by default; the bridge can drive the car's settings, so it is never exposed by accident. */
  bindAddress?: string;
  token?: string;
  report?: (line: string) => void;
}

export interface WebServer {
  /** The URL to open, with the per-run token. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export class WebStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebStartError';
  }
}

export async function startWebServer({
  host,
  rendererDir,
  port = 0,
  bindAddress = '127.0.0.1',
  token = randomBytes(24).toString('base64url'),
  report = () => undefined,
}: WebServerOptions): Promise<WebServer> {
  let origin = '';
  const server = createServer();
  const serveStatic = createStaticHandler(rendererDir, () => origin, {
    imageOrigins: () => host.ports.brand?.tileOrigins() ?? [],
    extraFile: (pathname) => host.ports.brand?.assetFile(pathname) ?? null,
  });
  server.on('request', (request, response) => {
    // socket.io answers its own path; everything else is the renderer.
    if (request.url?.startsWith('/bridge')) return;
    void serveStatic(request, response);
  });
  const io = attachWebBridge(server, { host, token, allowedOrigin: () => origin, report });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new WebStartError(`port ${port} on ${bindAddress} is in use: pick another with --port, or stop what is using it`));
      } else if (error.code === 'EACCES') {
        reject(new WebStartError(`not allowed to listen on port ${port}: pick a port above 1023 with --port`));
      } else {
        reject(new WebStartError(`could not listen on ${bindAddress}:${port}: ${error.message}`));
      }
    });
    server.listen(port, bindAddress, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  origin = `http://${bindAddress}:${actualPort}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port: actualPort,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        void io.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
