// A simulated charge-point operator: serves a generated network over OCPI 2.2.1 Locations (pages, Link header, date_from) with statuses that change over time.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { generateStations, type RegionId } from '../shared/stations/generator';
import { OFFLINE_AT, OFFLINE_ROUTES, OFFLINE_SEED } from '../shared/stations/offlineNetwork';
import { locationToOcpi } from '../shared/stations/ocpiExport';
import type { Location } from '../shared/stations/model';
import { routeFile } from './assets';
import { StationStatusModel } from './stationStatusModel';
import { createOcpiCommands, type OcpiCommands } from './ocpiCommands';

export interface ChargePointOperatorOptions {
  port?: number;
  host?: string;
  /** The network to serve; default: the offline network's sites of `parties`. */
  locations?: Location[];
  /** Parties ("CC*PID") whose sites this operator serves, e.g. ["CN*TLD", "NO*MER"]; default all. */
  parties?: string[];
  /** Clock for statuses and date_from (virtual in tests and headless runs); default Date.now. */
  clock?: () => number;
  /** Advance statuses to the clock every this many ms of real time; 0 = only on advance(). Default 1000. */
  tickMs?: number;
  seed?: number;
  /** Largest page served; bigger `limit`s are cut to it (OCPI's X-Limit). Default 100. */
  maxPageSize?: number;
  /** When set, requests must carry "Authorization: Token <base64 of this>" (or the token itself). */
  token?: string;
  /** OCPI Commands: how long the charge point takes to decide (ms, default 300) and the timeout it announces (s, default 30). */
  commandResultDelayMs?: number;
  commandTimeoutS?: number;
}

export interface ChargePointOperator {
  /** The Locations endpoint: http://host:port/ocpi/2.2.1/locations */
  url: string;
  /** Applies status changes due up to `to` (default: the clock); returns how many changed. */
  advance(to?: number): number;
  /** The network as served now (live objects: do not mutate). */
  locations(): readonly Location[];
  /** The next `count` requests get this HTTP status (a 5xx to test retries). */
  failNext(count: number, status?: number): void;
  /** The next `count` requests wait this long before answering (to test timeouts). */
  delayNext(count: number, ms: number): void;
  readonly requests: number;
  /** OCPI Commands (RESERVE_NOW, CANCEL_RESERVATION) at …/ocpi/2.2.1/commands, and Tariffs at …/tariffs. */
  readonly commands: OcpiCommands;
  close(): Promise<void>;
}

/** The offline network exactly as scripts/generateStations.ts made the shipped dataset. */
export function offlineNetwork(): Location[] {
  const routes: Partial<Record<RegionId, Array<[number, number]>>> = {};
  for (const [region, id] of Object.entries(OFFLINE_ROUTES) as Array<[RegionId, string]>) {
    const route = JSON.parse(readFileSync(routeFile(id), 'utf8')) as { points: number[][] };
    routes[region] = route.points.map((p) => [p[0], p[1]]);
  }
  return [...generateStations({ seed: OFFLINE_SEED, at: OFFLINE_AT, routes })];
}

export async function startChargePointOperator(options: ChargePointOperatorOptions = {}): Promise<ChargePointOperator> {
  const clock = options.clock ?? Date.now;
  const parties = options.parties && new Set(options.parties);
  const network = (options.locations ?? offlineNetwork()).filter((l) => !parties || parties.has(`${l.country_code}*${l.party_id}`));
  // The snapshot's statuses are as of its generation time; the live operator's clock starts now.
  const start = clock();
  const offset = start - Math.max(0, ...network.map((l) => l.last_updated));
  for (const location of network) {
    location.last_updated += offset;
    for (const evse of location.evses) {
      evse.last_updated += offset;
      evse.status_updated += offset;
      for (const c of evse.connectors) c.last_updated += offset;
    }
  }
  const model = new StationStatusModel(network, options.seed ?? OFFLINE_SEED, start);
  const commands = createOcpiCommands({ network, clock, resultDelayMs: options.commandResultDelayMs, timeoutS: options.commandTimeoutS });
  const maxPage = options.maxPageSize ?? 100;
  let failures: { count: number; status: number } = { count: 0, status: 503 };
  let delays: { count: number; ms: number } = { count: 0, ms: 0 };
  let requests = 0;

  const server: Server = createServer((req, res) => {
    requests += 1;
    const answer = () => handle(req, res);
    if (delays.count > 0) {
      delays.count -= 1;
      setTimeout(answer, delays.ms);
    } else answer();
  });

  function handle(req: IncomingMessage, res: ServerResponse): void {
    if (failures.count > 0) {
      failures.count -= 1;
      send(res, failures.status, { status_code: 3000, status_message: 'Simulated server error', timestamp: new Date(clock()).toISOString() });
      return;
    }
    if (options.token && !authorised(req.headers.authorization, options.token)) {
      send(res, 401, { status_code: 2000, status_message: 'Unknown or missing token', timestamp: new Date(clock()).toISOString() });
      return;
    }
    model.advance(clock());
    commands.pin();
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (commands.route(req, res, url)) return;
    const match = /^\/ocpi\/2\.2\.1\/locations(?:\/([^/]+))?\/?$/.exec(url.pathname);
    if (req.method !== 'GET' || !match) {
      send(res, 404, { status_code: 2000, status_message: `No such endpoint: ${req.method} ${url.pathname}`, timestamp: new Date(clock()).toISOString() });
      return;
    }
    if (match[1]) {
      const id = decodeURIComponent(match[1]);
      const location = network.find((l) => l.id === id);
      if (!location) send(res, 404, { status_code: 2003, status_message: `Unknown location ${id}`, timestamp: new Date(clock()).toISOString() });
      else send(res, 200, { data: locationToOcpi(location), status_code: 1000, status_message: 'Success', timestamp: new Date(clock()).toISOString() });
      return;
    }
    const params = url.searchParams;
    const offset = Number(params.get('offset') ?? 0);
    const limit = Number(params.get('limit') ?? maxPage);
    const from = params.get('date_from') ? Date.parse(params.get('date_from')!) : -Infinity;
    const to = params.get('date_to') ? Date.parse(params.get('date_to')!) : Infinity;
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || Number.isNaN(from) || Number.isNaN(to)) {
      send(res, 400, { status_code: 2001, status_message: 'Invalid offset, limit, date_from or date_to', timestamp: new Date(clock()).toISOString() });
      return;
    }
    const selected = network.filter((l) => l.last_updated >= from && l.last_updated < to);
    const size = Math.min(limit, maxPage);
    const page = selected.slice(offset, offset + size);
    const headers: Record<string, string> = { 'X-Total-Count': String(selected.length), 'X-Limit': String(maxPage) };
    if (offset + page.length < selected.length) {
      const next = new URL(url);
      next.searchParams.set('offset', String(offset + page.length));
      next.searchParams.set('limit', String(size));
      headers.Link = `<${next.toString()}>; rel="next"`;
    }
    send(res, 200, { data: page.map(locationToOcpi), status_code: 1000, status_message: 'Success', timestamp: new Date(clock()).toISOString() }, headers);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const tick =
    options.tickMs === 0
      ? null
      : setInterval(() => {
          model.advance(clock());
          commands.pin();
        }, options.tickMs ?? 1000);
  tick?.unref();

  return {
    url: `http://${host}:${port}/ocpi/2.2.1/locations`,
    advance: (to = clock()) => {
      const changed = model.advance(to);
      commands.pin();
      return changed;
    },
    locations: () => network,
    failNext(count, status = 503) {
      failures = { count, status };
    },
    delayNext(count, ms) {
      delays = { count, ms };
    },
    get requests() {
      return requests;
    },
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        if (tick) clearInterval(tick);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function authorised(header: string | undefined, token: string): boolean {
  if (!header) return false;
  const value = header.replace(/^Token\s+/i, '');
  return value === token || value === Buffer.from(token).toString('base64');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
