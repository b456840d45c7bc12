// The operator's HTTP server: bearer-token check first, then the route, then one JSON answer (or a stream); every refusal is coded and counted.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Authenticate } from '../auth';
import { isUnavailable } from '../db/database';
import { ApiError, errorReply, sendJson } from './respond';
import type { Route } from './routes';

export interface HttpCounters {
  requests: number;
  byStatus: Record<string, number>;
  /** Refused requests by error code: bad input is counted, never silent. */
  refused: Record<string, number>;
  internalErrors: number;
}

export interface RunningHttp {
  server: Server;
  url: string;
  port: number;
  host: string;
  counters(): HttpCounters;
  close(): Promise<void>;
}

export async function startHttp(opts: {
  host: string;
  port: number;
  authenticate: Authenticate;
  routes: Route[];
  now: () => number;
  log: (message: string) => void;
}): Promise<RunningHttp> {
  const counters: HttpCounters = { requests: 0, byStatus: {}, refused: {}, internalErrors: 0 };
  const count = (status: number, code?: string) => {
    counters.byStatus[status] = (counters.byStatus[status] ?? 0) + 1;
    if (code) counters.refused[code] = (counters.refused[code] ?? 0) + 1;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    counters.requests++;
    const url = new URL(req.url ?? '/', 'http://operator.invalid');
    // The token is checked before anything else: without it, not even "no such route" is said.
    const who = opts.authenticate(req.headers.authorization);
    if (!who) throw new ApiError('UNAUTHORIZED', 'a valid bearer token is required (Authorization: Bearer TOKEN)', { headers: { 'WWW-Authenticate': 'Bearer realm="swap"' } });
    let methodMismatch = false;
    for (const route of opts.routes) {
      const m = route.pattern.exec(url.pathname);
      if (!m) continue;
      if (route.method !== req.method) {
        methodMismatch = true;
        continue;
      }
      let params: string[];
      try {
        params = m.slice(1).map((p) => decodeURIComponent(p));
      } catch {
        throw new ApiError('INVALID_REQUEST', `the path ${url.pathname} is not valid percent-encoding`);
      }
      const reply = await route.handle({ req, res, params, query: url.searchParams, who, now: opts.now() });
      if (reply) {
        count(reply.status);
        sendJson(res, reply);
      } else {
        count(200);
      }
      return;
    }
    if (methodMismatch) throw new ApiError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${url.pathname}`);
    throw new ApiError('ROUTE_NOT_FOUND', `no route ${req.method} ${url.pathname} in this protocol version`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      let apiError: ApiError;
      if (error instanceof ApiError) apiError = error;
      else if (isUnavailable(error)) apiError = new ApiError('SERVICE_UNAVAILABLE', 'the booking database is unreachable; retry with the same Idempotency-Key', { headers: { 'Retry-After': '2' } });
      else {
        counters.internalErrors++;
        opts.log(`internal error on ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        apiError = new ApiError('INTERNAL_ERROR', 'the operator failed to answer; nothing was acknowledged');
      }
      count(apiError.status, apiError.code);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // A request refused before its body was read: drain it so the connection can be reused.
      req.resume();
      sendJson(res, errorReply(apiError));
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${hostInUrl}:${address.port}`,
    port: address.port,
    host: address.address,
    counters: () => structuredClone(counters),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
