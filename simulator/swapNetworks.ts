// The simulated battery-swap networks: two operators with different pack standards along the simulated routes, each a real `cabin swap-operator` process on loopback, with walk-in traffic that moves their queues and packs.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { StationEntry } from '../shared/swap/stationsFile';
import type { SwapTerms } from '../shared/swap/terms';
import { loadRoute } from './assets';
import { SeededRandom } from './random';
import { emptyPosition, type Route } from './route';

const CABIN_BIN = resolve(import.meta.dirname, '..', 'bin', 'cabin.mjs');

export interface SwapNetworkDefinition {
  id: string;
  name: string;
  /** Every pack standard the network's stations swap. */
  packStandards: string[];
  stations: StationEntry[];
}

interface Placement {
  id: string;
  name: string;
  route: string;
  /** Metres along the route, and metres to the right of it (a forecourt beside the road). */
  atM: number;
  sideM?: number;
  /** A fixed position instead (where a scenario's car is known to stop). */
  lat?: number;
  lon?: number;
  bays: number;
  ready: Record<string, number>;
  charging?: Record<string, number>;
}

const CITY: Record<string, { city: string; country: string; time_zone: string }> = {
  'shanghai-pudong-airport': { city: 'Shanghai', country: 'CHN', time_zone: 'Asia/Shanghai' },
  'guangzhou-tianhe-zhujiang': { city: 'Guangzhou', country: 'CHN', time_zone: 'Asia/Shanghai' },
  'oslo-e18-sandvika': { city: 'Oslo', country: 'NOR', time_zone: 'Europe/Oslo' },
};

/**
 * Where the swap-visit scenario's car stops for its swap (a headless run of the scenario at 5 min;
 * swapNetworks.test.ts keeps this honest), so the simulated station is exactly where the car
 * pulls in.
 */
export const SWAP_VISIT_STOP = { lat: 31.2235464, lon: 121.5298721 };

const VOLTSWAP_TERMS: Partial<SwapTerms> = { currency: 'CNY', swap_fee_minor: 1500, energy_price_minor_per_kwh: 120, cancel_until_minutes: 10, late_cancel_fee_minor: 1000, noshow_timeout_minutes: 15, noshow_fee_minor: 2000 };
const NOVA_TERMS_CN: Partial<SwapTerms> = { currency: 'CNY', swap_fee_minor: 2000, energy_price_minor_per_kwh: 100, cancel_until_minutes: 5, late_cancel_fee_minor: 1500, noshow_timeout_minutes: 10, noshow_fee_minor: 3000 };
const NOVA_TERMS_NO: Partial<SwapTerms> = { currency: 'NOK', swap_fee_minor: 4900, energy_price_minor_per_kwh: 450, cancel_until_minutes: 5, late_cancel_fee_minor: 5000, noshow_timeout_minutes: 10, noshow_fee_minor: 9900 };

/** A unified-standard network (GB/T 40032 and Choco-Swap packs, any brand's car) in the two Chinese cities. */
const VOLTSWAP: Placement[] = [
  { id: 'vs-sh-century-ave', name: 'VoltSwap Century Avenue', route: 'shanghai-pudong-airport', atM: 0, lat: SWAP_VISIT_STOP.lat + 0.0002, lon: SWAP_VISIT_STOP.lon, bays: 2, ready: { GBT_40032: 4, CATL_CHOCO_20: 2, CATL_CHOCO_25: 1 }, charging: { GBT_40032: 2 } },
  { id: 'vs-sh-zhangjiang', name: 'VoltSwap Zhangjiang', route: 'shanghai-pudong-airport', atM: 14_000, bays: 3, ready: { GBT_40032: 6, CATL_CHOCO_20: 3, CATL_CHOCO_25: 2 } },
  { id: 'vs-sh-airport-p4', name: 'VoltSwap Airport P4', route: 'shanghai-pudong-airport', atM: 31_000, bays: 2, ready: { GBT_40032: 1, CATL_CHOCO_20: 2, CATL_CHOCO_25: 0 }, charging: { GBT_40032: 3, CATL_CHOCO_25: 2 } },
  { id: 'vs-gz-tianhe', name: 'VoltSwap Tianhe Sports Center', route: 'guangzhou-tianhe-zhujiang', atM: 1_200, bays: 2, ready: { GBT_40032: 3, CATL_CHOCO_20: 2, CATL_CHOCO_25: 1 } },
  { id: 'vs-gz-zhujiang', name: 'VoltSwap Zhujiang New Town', route: 'guangzhou-tianhe-zhujiang', atM: 3_800, sideM: -40, bays: 1, ready: { GBT_40032: 2, CATL_CHOCO_20: 0, CATL_CHOCO_25: 1 }, charging: { CATL_CHOCO_20: 2 } },
];

/** A single-brand network (NIO 75/100 kWh packs only): the reference EV cannot use it, and must not be offered it. */
const NOVAPOWER: Placement[] = [
  { id: 'np-sh-lujiazui', name: 'NovaPower Lujiazui', route: 'shanghai-pudong-airport', atM: 2_000, bays: 2, ready: { NIO_75: 3, NIO_100: 2 } },
  { id: 'np-sh-tangzhen', name: 'NovaPower Tangzhen', route: 'shanghai-pudong-airport', atM: 20_000, sideM: -45, bays: 1, ready: { NIO_75: 2, NIO_100: 1 } },
  { id: 'np-gz-huacheng', name: 'NovaPower Huacheng Avenue', route: 'guangzhou-tianhe-zhujiang', atM: 2_200, bays: 2, ready: { NIO_75: 2, NIO_100: 2 } },
  { id: 'np-osl-lysaker', name: 'NovaPower Lysaker', route: 'oslo-e18-sandvika', atM: 6_000, bays: 2, ready: { NIO_75: 4, NIO_100: 2 } },
  { id: 'np-osl-sandvika', name: 'NovaPower Sandvika', route: 'oslo-e18-sandvika', atM: 13_500, sideM: -40, bays: 1, ready: { NIO_75: 1, NIO_100: 1 }, charging: { NIO_75: 2 } },
];

/** A point `sideM` metres to the right of the route (left when negative), `atM` metres along it. */
function beside(route: Route, atM: number, sideM: number): { lat: number; lon: number } {
  const p = route.positionAt(atM, emptyPosition());
  const right = ((p.heading + 90) * Math.PI) / 180;
  const mPerDegLat = 111_320;
  const mPerDegLon = 111_320 * Math.cos((p.lat * Math.PI) / 180);
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return { lat: round(p.lat + (Math.cos(right) * sideM) / mPerDegLat), lon: round(p.lon + (Math.sin(right) * sideM) / mPerDegLon) };
}

function stationsOf(placements: Placement[], operator: string, standards: string[]): StationEntry[] {
  const routes = new Map<string, Route>();
  return placements.map((p) => {
    const route = routes.get(p.route) ?? loadRoute(p.route);
    routes.set(p.route, route);
    const at = p.lat !== undefined && p.lon !== undefined ? { lat: p.lat, lon: p.lon } : beside(route, p.atM, p.sideM ?? 35);
    const place = CITY[p.route];
    const terms = place.country === 'NOR' ? NOVA_TERMS_NO : operator === 'NovaPower' ? NOVA_TERMS_CN : VOLTSWAP_TERMS;
    return {
      id: p.id,
      name: p.name,
      lat: at.lat,
      lon: at.lon,
      pack_standards: standards,
      bays: p.bays,
      ready_packs: p.ready,
      ...(p.charging ? { charging_packs: p.charging } : {}),
      city: place.city,
      country: place.country,
      time_zone: place.time_zone,
      operator,
      opening_times: { twentyfourseven: true },
      typical_swap_minutes: operator === 'NovaPower' ? 5 : 4,
      recharge_minutes: 60,
      terms,
    };
  });
}

/** The two simulated networks, the same on every run. */
export function simulatedSwapNetworks(): SwapNetworkDefinition[] {
  const volt = ['GBT_40032', 'CATL_CHOCO_20', 'CATL_CHOCO_25'];
  const nova = ['NIO_75', 'NIO_100'];
  return [
    { id: 'voltswap', name: 'VoltSwap', packStandards: volt, stations: stationsOf(VOLTSWAP, 'VoltSwap', volt) },
    { id: 'novapower', name: 'NovaPower', packStandards: nova, stations: stationsOf(NOVAPOWER, 'NovaPower', nova) },
  ];
}

export interface RunningSwapNetwork {
  id: string;
  name: string;
  /** Base URL of the operator (the protocol lives under /swap/v1). */
  url: string;
  /** The car's client token (bookings are the client's own). */
  token: string;
  /** The stations' token (station role): for simulation wiring that plays the swap robot with `manualSwaps`. */
  stationToken: string;
  packStandards: string[];
  stationIds: string[];
  pid: number;
}

export interface SwapNetworks {
  networks: RunningSwapNetwork[];
  /** Walk-ins reported so far (and how many found no pack). */
  traffic(): { walkIns: number; turnedAway: number; failed: number };
  stop(): Promise<void>;
}

export interface SwapNetworksOptions {
  /** Each network keeps its PGlite database, stations file and tokens in DATA_DIR/<network id>. */
  dataDir: string;
  log?: (message: string) => void;
  /** Mean real-time ms between walk-ins per network (0 = none); default 30 s. */
  walkInEveryMs?: number;
  seed?: number;
  /** Milliseconds to wait for an operator to listen; PGlite's first start runs initdb (~6 s idle). */
  startTimeoutMs?: number;
  /**
   * The simulation drives swaps through the station routes (start/complete, e.g. in step with the
   * simulated car's own swap) instead of the operators' built-in swap robots.
   */
  manualSwaps?: boolean;
}

interface Started {
  child: ChildProcess;
  url: string;
}

async function startOperator(dir: string, stationsFile: string, tokenFile: string, log: (m: string) => void, opts: { timeoutMs: number; manualSwaps: boolean }): Promise<Started> {
  const timeoutMs = opts.timeoutMs;
  const args = ['swap-operator', '--port', '0', '--data', dir, '--stations', stationsFile, '--token-file', tokenFile, ...(opts.manualSwaps ? ['--manual-swaps'] : [])];
  const child = spawn(process.execPath, [CABIN_BIN, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, CABIN_OPERATOR_TOKEN: '' },
  });
  let pending = '';
  let listening: ((url: string) => void) | null = null;
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    pending += chunk;
    for (let cut = pending.indexOf('\n'); cut >= 0; cut = pending.indexOf('\n')) {
      const line = pending.slice(0, cut);
      pending = pending.slice(cut + 1);
      log(line);
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) listening?.(m[1]);
    }
  });
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`swap operator in ${dir} did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    listening = (u) => {
      clearTimeout(timer);
      done(u);
    };
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`swap operator in ${dir} exited with ${code} before listening`));
    });
  });
  return { child, url };
}

async function stopOperator(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts both networks' operators (in parallel) and their walk-in traffic. Every process started
 * here is stopped by `stop()`; a failed start stops the ones already running.
 */
export async function startSwapNetworks(options: SwapNetworksOptions): Promise<SwapNetworks> {
  const log = options.log ?? (() => {});
  const definitions = simulatedSwapNetworks();
  const random = new SeededRandom(options.seed ?? 11);
  const children: ChildProcess[] = [];
  const started = await Promise.allSettled(
    definitions.map(async (def) => {
      const dir = join(options.dataDir, def.id);
      mkdirSync(dir, { recursive: true });
      const stationsFile = join(dir, 'stations.json');
      writeFileSync(stationsFile, `${JSON.stringify(def.stations, null, 2)}\n`);
      // Fresh tokens each start: one for the car, one for the stations' own reports.
      const carToken = randomBytes(24).toString('base64url');
      const stationToken = randomBytes(24).toString('base64url');
      const tokenFile = join(dir, 'tokens.txt');
      writeFileSync(tokenFile, `${carToken} cabin client\n${stationToken} ${def.id}-stations station\n`, { mode: 0o600 });
      const op = await startOperator(dir, stationsFile, tokenFile, (m) => log(`${def.id}: ${m}`), {
        timeoutMs: options.startTimeoutMs ?? 120_000,
        manualSwaps: options.manualSwaps ?? false,
      });
      children.push(op.child);
      return { def, op, carToken, stationToken };
    }),
  );
  const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    await Promise.all(children.map(stopOperator));
    throw failure.reason;
  }
  const running = started.map((s) => (s as PromiseFulfilledResult<{ def: SwapNetworkDefinition; op: Started; carToken: string; stationToken: string }>).value);

  const counts = { walkIns: 0, turnedAway: 0, failed: 0 };
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const every = options.walkInEveryMs ?? 30_000;
  const walkIn = async (n: (typeof running)[number]) => {
    const station = n.def.stations[random.int(0, n.def.stations.length - 1)];
    const standard = station.pack_standards[random.int(0, station.pack_standards.length - 1)];
    try {
      const res = await fetch(`${n.op.url}/swap/v1/stations/${encodeURIComponent(station.id)}/walk-ins`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${n.stationToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ pack_standard: standard, soc_percent: random.int(8, 35) }),
      });
      await res.arrayBuffer();
      if (res.status === 201) counts.walkIns++;
      else if (res.status === 409) counts.turnedAway++;
      else counts.failed++;
    } catch {
      counts.failed++;
    }
  };
  const schedule = (n: (typeof running)[number]) => {
    if (stopped || every <= 0) return;
    // Exponential gaps: arrivals of independent cars.
    const gap = Math.min(every * 5, -Math.log(1 - random.next()) * every);
    const timer = setTimeout(() => {
      timers.delete(timer);
      void walkIn(n).finally(() => schedule(n));
    }, gap);
    timer.unref();
    timers.add(timer);
  };
  for (const n of running) schedule(n);
  for (const n of running) log(`${n.def.id}: ${n.def.name}, ${n.def.stations.length} stations (${n.def.packStandards.join(', ')}) at ${n.op.url}`);

  return {
    networks: running.map((n) => ({
      id: n.def.id,
      name: n.def.name,
      url: n.op.url,
      token: n.carToken,
      stationToken: n.stationToken,
      packStandards: n.def.packStandards,
      stationIds: n.def.stations.map((s) => s.id),
      pid: n.op.child.pid ?? -1,
    })),
    traffic: () => ({ ...counts }),
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.all(running.map((n) => stopOperator(n.op.child)));
    },
  };
}
