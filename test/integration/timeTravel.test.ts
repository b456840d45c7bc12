// Time that cannot lie: a gateway killed and restarted on its port, a wall clock stepped back an hour, a replay looping its log — values stay live and ages never negative.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeMessage } from '../../shared/can/dbcEncode';
import type { CanFrame } from '../../shared/can/frame';
import { signalFreshness } from '../../shared/state/vehicleSlice';
import { replayFrames } from '../../gateway/sources/replay';
import { startGateway } from '../../gateway/server';
import { createHost, type Host } from '../../main/host/createHost';
import { chooseVehicle } from '../../main/vehicle/vehicleChoice';
import { loadVehicleFiles } from '../../main/vehicle/vehicleFiles';
import { startVehicleLink } from '../../main/vehicle/vehicleLink';
import { startVehicleData } from '../../main/cli/start/startVehicleData';
import { projectRoot } from '../fixtures/corpus';
import { until } from '../fixtures/until';

/** How long the first gateway runs before it is killed. The old fault froze values for as long as this. */
const RUN_BEFORE_KILL_MS = Number(process.env.CABIN_RESTART_TEST_SECONDS ?? 15) * 1000;
const TOKEN = 'time-travel-token-0123456789';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function newHost(): Promise<Host> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-time-'));
  const host = await createHost({ dataDir: dir, version: 't', mode: 'simulation', transport: 'none', appRoot: projectRoot });
  cleanups.push(() => rm(dir, { recursive: true, force: true }), () => host.close());
  return host;
}

const livePaths = (host: Host) =>
  Object.entries(host.store.getState().vehicle.signals)
    .filter(([, sample]) => signalFreshness(sample, host.clock()) === 'fresh')
    .map(([path]) => path);

/** `cabin gateway --source sim` as its own process; resolves with its URL once it listens. */
async function gatewayProcess(port = 0): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'cabin.mjs'), 'gateway', '--source', 'sim', '--port', String(port)], {
    cwd: projectRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, CABIN_GATEWAY_TOKEN: TOKEN },
  });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (s: string) => {
      stderr += s;
      const found = /(ws|http):\/\/127\.0\.0\.1:\d+/.exec(stderr);
      if (found) resolveUrl(found[0].replace(/^http/, 'ws'));
    });
    child.once('exit', (code) => reject(new Error(`cabin gateway exited with ${code}: ${stderr}`)));
  });
  return { child, url };
}

describe('time that cannot lie', () => {
  it(`a gateway killed with kill -9 after ${RUN_BEFORE_KILL_MS / 1000} s and restarted on its port: every live path is live again within 5 s`, async () => {
    const host = await newHost();
    const vehicle = await loadVehicleFiles(resolve(projectRoot, 'assets'), 'cabin-ev');
    const first = await gatewayProcess();
    const port = Number(new URL(first.url).port);
    const link = startVehicleLink({ store: host.store, vehicleId: vehicle.vehicleId, db: vehicle.db, mapping: vehicle.mapping, gateway: { url: first.url, token: TOKEN }, dataDir: host.dataDir });
    cleanups.push(() => link.close());

    const started = host.clock();
    await until(() => host.clock() - started >= RUN_BEFORE_KILL_MS, 'the first gateway to have run its while', RUN_BEFORE_KILL_MS + 10_000);
    const live = livePaths(host);
    expect(live.length).toBeGreaterThan(40);

    first.child.kill('SIGKILL');
    await until(() => host.store.getState().connection.gateway.status === 'lost', 'the link to be lost');
    const second = await gatewayProcess(port);
    const restartedAt = host.clock();
    const isBack = (path: string) => {
      const sample = host.store.getState().vehicle.signals[path];
      return !!sample && sample.seenAt > restartedAt && signalFreshness(sample, host.clock()) === 'fresh';
    };
    await until(() => live.every(isBack), `all ${live.length} paths to be live again`, 5_000);
    second.child.kill('SIGKILL');
  }, RUN_BEFORE_KILL_MS + 60_000);

  it('a wall clock stepped back an hour keeps values live, ages non-negative and the car parked', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const host = await newHost();
    const runtime = await startVehicleData(host, await chooseVehicle({}, projectRoot, join(projectRoot, 'assets')), { cwd: projectRoot, report: () => undefined });
    cleanups.push(() => runtime.close());
    await until(() => livePaths(host).length > 40 && host.store.getState().ux.restrictions.drivingState === 'parked', 'the parked car live');
    const live = livePaths(host);

    vi.setSystemTime(Date.now() - 3_600_000);
    const stepped = host.clock();
    // Two seconds of the host's own clock later, nothing froze and no age went negative.
    await until(() => host.clock() - stepped > 2_000, 'two seconds after the step', 10_000);
    expect(livePaths(host)).toEqual(expect.arrayContaining(live));
    for (const sample of Object.values(host.store.getState().vehicle.signals)) expect(host.clock() - sample.seenAt).toBeGreaterThanOrEqual(0);
    expect(host.store.getState().ux.restrictions.drivingState).toBe('parked');
    expect(host.store.getState().connection.gateway.status).toBe('connected');
  });

  it('a replay looping its log keeps values live across every loop', async () => {
    const vehicle = await loadVehicleFiles(resolve(projectRoot, 'assets'), 'cabin-ev');
    const rule = vehicle.mapping.dbc2vss.find((r) => r.path === 'Vehicle.Speed')!;
    // 1.5 s of speed frames at 20 Hz; the log's clock starts again at 0 on every loop.
    const frames: CanFrame[] = Array.from({ length: 30 }, (_, i) => ({
      t: i * 0.05,
      bus: 'can0',
      id: rule.message.id,
      extended: rule.message.extended,
      flags: 0,
      data: encodeMessage(rule.message, { [rule.signal.name]: 10 + i }),
    }));
    const gateway = await startGateway({ source: replayFrames({ frames, errors: [], buses: ['can0'] }, { loop: true }) });
    cleanups.push(() => gateway.close());
    const host = await newHost();
    const link = startVehicleLink({ store: host.store, vehicleId: vehicle.vehicleId, db: vehicle.db, mapping: vehicle.mapping, gateway: { url: gateway.url, token: gateway.token }, dataDir: host.dataDir });
    cleanups.push(() => link.close());

    const seen: number[] = [];
    const unsubscribe = host.store.subscribe(() => {
      const at = host.store.getState().vehicle.signals['Vehicle.Speed']?.seenAt;
      if (at !== undefined && at !== seen.at(-1)) seen.push(at);
    });
    cleanups.push(async () => unsubscribe());
    await until(() => link.client.diagnostics().sourceRestarts >= 3, 'three loops of the log', 15_000);
    const gaps = seen.slice(1).map((t, i) => t - seen[i]);
    const staleAfter = host.store.getState().vehicle.signals['Vehicle.Speed']!.staleAfterMs;
    // Never a gap long enough to look stale: the loop does not freeze the throttle.
    expect(Math.max(...gaps)).toBeLessThan(staleAfter);
    expect(seen.length).toBeGreaterThan(40);
  });
});
